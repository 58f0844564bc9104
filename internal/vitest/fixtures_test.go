package vitest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFixtures(t *testing.T) {
	o := runFile(t, testdata(t), "fixtures.test.ts", nil)
	assert.Equal(t, []string{
		"fixtures > gets what it destructures and its dependencies: pass",
		"fixtures > gets fresh test-scoped fixtures: pass",
		"fixtures > shares file-scoped fixtures: pass",
		"fixtures > needs no fixture: pass",
		"static values: pass",
		"extends an extended test: pass",
		"builder form: pass",
		"a fixture that never calls use: fail",
		"rejects a non-destructured context: fail",
	}, o.states())
	assert.Equal(t, []string{
		`Error: Fixture "noUse" returned without calling "use". ` +
			`Make sure to call "use" in every code path of the fixture function.`,
	}, errorMessages(o.test(t, "a fixture that never calls use").Errors))
	assert.Equal(t, []string{
		`FixtureParseError: The 1st argument inside a fixture must use object destructuring pattern, ` +
			`e.g. ({ task } => {}). Instead, received "ctx".`,
	}, errorMessages(o.test(t, "rejects a non-destructured context").Errors))

	assert.Equal(t, []string{
		// Set up in registration order, each after its dependencies; torn down in reverse.
		"db setup", "user setup", "auto setup", "body 1", "auto teardown", "user teardown", "db teardown 1",
		"db setup", "auto setup", "file setup", "body 2", "auto teardown", "db teardown 0",
		"auto setup", "body 3", "auto teardown",
		"auto setup", "body 4", "auto teardown",
		"auto setup", "db setup", "user setup", "user teardown", "db teardown 1", "auto teardown",
		"counter cleanup",
		// File-scoped fixtures are torn down when the file ends.
		"file teardown",
	}, o.logs())
}
