package vitest

import (
	_ "embed"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// The runner's JavaScript, compiled once for every runtime of the process. Each program
// evaluates to a function that Install calls with what the file needs.
var (
	//go:embed js/each.js
	eachSource string
	//go:embed js/fixtures.js
	fixturesSource string
	//go:embed js/collect.js
	collectSource string
	//go:embed js/guard.js
	guardSource string
	//go:embed js/context.js
	contextSource string
	//go:embed js/run.js
	runSource string
	//go:embed js/vi.js
	viSource string
	//go:embed js/assert.js
	assertSource string
	//go:embed js/exports.js
	exportsSource string

	eachProgram     = jsrt.MustCompile("dotest:vitest/each.js", eachSource)
	fixturesProgram = jsrt.MustCompile("dotest:vitest/fixtures.js", fixturesSource)
	collectProgram  = jsrt.MustCompile("dotest:vitest/collect.js", collectSource)
	guardProgram    = jsrt.MustCompile("dotest:vitest/guard.js", guardSource)
	contextProgram  = jsrt.MustCompile("dotest:vitest/context.js", contextSource)
	runProgram      = jsrt.MustCompile("dotest:vitest/run.js", runSource)
	viProgram       = jsrt.MustCompile("dotest:vitest/vi.js", viSource)
	assertProgram   = jsrt.MustCompile("dotest:vitest/assert.js", assertSource)
	exportsProgram  = jsrt.MustCompile("dotest:vitest/exports.js", exportsSource)
)
