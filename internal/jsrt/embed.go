package jsrt

import (
	_ "embed"
	"fmt"

	"github.com/dop251/goja"
)

var (
	//go:embed js/prelude.js
	preludeSource string
	//go:embed js/console.js
	consoleSource string

	preludeProgram = MustCompile("dotest:prelude.js", preludeSource)
	consoleProgram = MustCompile("dotest:console.js", consoleSource)
)

// MustCompile compiles embedded JS once for every runtime of the process; it panics on a
// syntax error, which is a bug in dotest, not in a user's project.
func MustCompile(name, src string) *goja.Program {
	prg, err := goja.Compile(name, src, true)
	if err != nil {
		panic(fmt.Sprintf("jsrt: embedded %s does not compile: %v", name, err))
	}
	return prg
}

func (rt *Runtime) runEmbedded(prg *goja.Program) error {
	_, err := rt.VM.RunProgram(prg)
	return err
}

// Setup runs an embedded program whose completion value is a function, and calls it with
// args. Packages use it to install their JS: the function receives the host object and
// whatever Go natives it needs, and returns what it built.
func (rt *Runtime) Setup(prg *goja.Program, args ...goja.Value) (goja.Value, error) {
	v, err := rt.VM.RunProgram(prg)
	if err != nil {
		return nil, err
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		return nil, fmt.Errorf("embedded %v does not evaluate to a function", v)
	}
	return fn(goja.Undefined(), args...)
}
