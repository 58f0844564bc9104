package project

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/diag"
)

// defaultEvalTimeout bounds the evaluation of a vitest configuration, so that one that
// loops forever is reported instead of hanging the run.
const defaultEvalTimeout = 10 * time.Second

var (
	//go:embed js/standins.js
	standinsJS string
	//go:embed js/driver.js
	driverJS string

	// The programs are compiled once and shared by every runtime.
	standinsProgram = goja.MustCompile("dotest-standins.js", standinsJS, true)
	driverProgram   = goja.MustCompile("dotest-driver.js", driverJS, true)
)

// configDescription is what js/driver.js reports about a configuration.
type configDescription struct {
	Root     *describedConfig   `json:"root"`
	Projects []describedProject `json:"projects"`
	Records  struct {
		Warnings []string `json:"warnings"`
		Injected []string `json:"injected"`
		Ignored  []string `json:"ignored"`
	} `json:"records"`
}

// describedConfig is one configuration (the root one or an inline project).
type describedConfig struct {
	Keys           []string       `json:"keys"`
	Test           map[string]any `json:"test"`
	Plugins        []string       `json:"plugins"`
	Classic        bool           `json:"classic"`
	ClassicOptions any            `json:"classicOptions"`
	CurrentOptions any            `json:"currentOptions"`
	OtherPools     []string       `json:"otherPools"`
	Name           any            `json:"name"`
	Extends        string         `json:"extends"`
	Dir            string         `json:"dir"`
}

// describedProject is an entry of `test.projects`: a path (glob) or an inline config.
type describedProject struct {
	Path   string           `json:"path"`
	Config *describedConfig `json:"config"`
}

var errEvalTimeout = errors.New("evaluation timed out")

// evaluator runs bundled configurations in goja.
type evaluator struct {
	root    string
	timeout time.Duration
	logger  *slog.Logger
}

// evaluate runs a bundled configuration and describes it; withProjects also describes its
// inline projects.
func (e *evaluator) evaluate(file string, b *bundled, withProjects bool) (*configDescription, *diag.Diagnostic) {
	vm := goja.New()
	timer := time.AfterFunc(e.timeout, func() { vm.Interrupt(errEvalTimeout) })
	defer timer.Stop()

	if err := e.install(vm, file); err != nil {
		return nil, e.failure(file, b, err)
	}
	mod, d := e.runBundle(vm, file, b)
	if d != nil {
		return nil, d
	}

	driverVal, err := vm.RunProgram(driverProgram)
	if err != nil {
		return nil, e.failure(file, b, err)
	}
	driver, _ := goja.AssertFunction(driverVal)
	promise, err := driver(goja.Undefined(), mod, vm.ToValue(withProjects))
	if err != nil {
		return nil, e.failure(file, b, err)
	}
	result, d := e.settled(file, b, promise)
	if d != nil {
		return nil, d
	}

	var desc configDescription
	if err := json.Unmarshal([]byte(result.String()), &desc); err != nil {
		return nil, &diag.Diagnostic{Kind: diag.Error, Location: &diag.Location{File: displayPath(e.root, file)},
			Text: fmt.Sprintf("failed to read the vitest configuration: %v", err)}
	}
	return &desc, nil
}

// install sets up the stand-ins of js/standins.js for a configuration in file.
func (e *evaluator) install(vm *goja.Runtime, file string) error {
	env := map[string]any{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	host := map[string]any{
		"configDir":  filepath.ToSlash(filepath.Dir(file)),
		"configFile": filepath.ToSlash(file),
		"env":        env,
		"platform":   runtime.GOOS,
		"log": func(level, text string) {
			lvl := map[string]slog.Level{"debug": slog.LevelDebug, "warn": slog.LevelWarn,
				"error": slog.LevelError}[level]
			e.logger.Log(context.Background(), lvl, text, "source", displayPath(e.root, file))
		},
	}
	setup, err := vm.RunProgram(standinsProgram)
	if err != nil {
		return err
	}
	fn, _ := goja.AssertFunction(setup)
	_, err = fn(goja.Undefined(), vm.ToValue(host))
	return err
}

// runBundle runs the bundled configuration and returns its module namespace.
func (e *evaluator) runBundle(vm *goja.Runtime, file string, b *bundled) (goja.Value, *diag.Diagnostic) {
	ast, err := goja.Parse(b.outfile, b.code)
	if err != nil {
		return nil, e.failure(file, b, err)
	}
	prg, err := goja.CompileAST(ast, true)
	if err != nil {
		return nil, e.failure(file, b, err)
	}
	if _, err := vm.RunProgram(prg); err != nil {
		return nil, e.failure(file, b, err)
	}
	if _, d := e.settled(file, b, vm.Get("__dotestConfigDone")); d != nil {
		return nil, d
	}
	return vm.Get("__dotestConfigModule"), nil
}

// settled returns the value of a promise that the runtime has already settled, or the
// diagnostic of its rejection.
func (e *evaluator) settled(file string, b *bundled, v goja.Value) (goja.Value, *diag.Diagnostic) {
	p, ok := v.Export().(*goja.Promise)
	if !ok {
		return v, nil
	}
	switch p.State() {
	case goja.PromiseStateFulfilled:
		return p.Result(), nil
	case goja.PromiseStateRejected:
		return nil, e.thrown(file, b, p.Result(), nil)
	default:
		return nil, &diag.Diagnostic{Kind: diag.Error, Location: &diag.Location{File: displayPath(e.root, file)},
			Text: "the vitest configuration never finished loading: it waits for something that never happens",
			Hint: "dotest evaluates the configuration without Node.js: timers, files and the network are not " +
				"available to it"}
	}
}

// failure turns an error from goja into a diagnostic.
func (e *evaluator) failure(file string, b *bundled, err error) *diag.Diagnostic {
	var ex *goja.Exception
	var interrupted *goja.InterruptedError
	switch {
	case errors.As(err, &interrupted):
		return &diag.Diagnostic{Kind: diag.Error, Location: &diag.Location{File: displayPath(e.root, file)},
			Text: fmt.Sprintf("evaluating the vitest configuration took longer than %s", e.timeout),
			Hint: "look for a loop that never ends in the configuration"}
	case errors.As(err, &ex):
		return e.thrown(file, b, ex.Value(), ex.Stack())
	default:
		return &diag.Diagnostic{Kind: diag.Error, Location: &diag.Location{File: displayPath(e.root, file)},
			Text: fmt.Sprintf("failed to evaluate the vitest configuration: %v", err)}
	}
}

// thrown describes a value thrown by the configuration, located at the innermost stack
// frame in the user's files.
func (e *evaluator) thrown(file string, b *bundled, val goja.Value, frames []goja.StackFrame) *diag.Diagnostic {
	text := "undefined"
	if val != nil {
		text = val.String()
	}
	d := &diag.Diagnostic{
		Kind:     diag.Error,
		Text:     "the vitest configuration threw " + text,
		Location: &diag.Location{File: displayPath(e.root, file)},
	}
	if msg, ok := strings.CutPrefix(text, "Error: dotest: "); ok {
		// The driver's own complaints about the shape of the configuration.
		d.Text = msg
		d.Hint = "export the configuration as the default export: export default defineConfig({ ... })"
		return d
	}
	if missingNode.MatchString(text) {
		d.Hint = "dotest evaluates the configuration without Node.js: of the Node modules, only node:path, " +
			"node:url and node:process are available"
	}

	type place struct {
		file      string
		line, col int
	}
	var places []place
	for _, f := range frames {
		p := f.Position()
		places = append(places, place{p.Filename, p.Line, p.Column})
	}
	if obj, ok := val.(*goja.Object); ok && frames == nil {
		if stack := obj.Get("stack"); stack != nil {
			for _, m := range stackFrame.FindAllStringSubmatch(stack.String(), -1) {
				line, _ := strconv.Atoi(m[2])
				col, _ := strconv.Atoi(m[3])
				places = append(places, place{m[1], line, col})
			}
		}
	}
	for _, p := range places {
		if _, ok := b.prefixes[p.file]; ok && p.line > 0 {
			// Positions mapped through the source map have 0-based columns.
			d.Location = b.location(e.root, p.file, p.line, p.col+1)
			break
		}
	}
	return d
}

// missingNode matches the errors of code that expected Node.js or a package dotest does
// not load.
var missingNode = regexp.MustCompile(`is not available|is not defined|is not a function|Value is not an object`)

// stackFrame matches a frame of goja's stack text: "at name (file:line:col(pc))".
var stackFrame = regexp.MustCompile(`(?m)at (?:[^(\n]* \()?([^()\n]+):(\d+):(\d+)\(\d+\)\)?$`)
