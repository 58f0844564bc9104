package vitest

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dotest-dev/dotest/pool/event"
)

// recordingScopes logs every Enter and Leave into the same list as the console.
type recordingScopes struct {
	log     *[]string
	failOn  string
	failErr error
}

func (s recordingScopes) Enter(k ScopeKind) error {
	*s.log = append(*s.log, "enter "+k.String())
	if s.failOn == "enter "+k.String() {
		return s.failErr
	}
	return nil
}

func (s recordingScopes) Leave(k ScopeKind) error {
	*s.log = append(*s.log, "leave "+k.String())
	if s.failOn == "leave "+k.String() {
		return s.failErr
	}
	return nil
}

func runScoped(t *testing.T, failOn string) (outcome, []string) {
	var log []string
	scopes := recordingScopes{log: &log, failOn: failOn, failErr: errors.New("savepoint failed")}
	o := runFile(t, testdata(t), "scopes.test.ts", func(c *Config) {
		c.Scopes = scopes
		emit := c.Emit
		c.Emit = func(e event.Event) {
			if e.Kind == event.Log {
				log = append(log, e.Entry.Text)
			}
			emit(e)
		}
	})
	return o, log
}

func TestScopesFollowTheTree(t *testing.T) {
	_, log := runScoped(t, "")
	assert.Equal(t, []string{
		"enter file",
		"file beforeAll",
		"enter suite",
		"suite beforeAll",
		"enter test", "one", "leave test",
		"enter test", "one", "leave test",
		"suite afterAll",
		"leave suite",
		"enter test", "three", "leave test",
		"leave file",
	}, log)
}

func TestScopeErrors(t *testing.T) {
	o, _ := runScoped(t, "enter test")
	assert.Equal(t, []string{"suite > one: fail", "skipped > two: skip", "three: fail"}, o.states())
	assert.Equal(t, []string{"Error: failed to enter the test isolation scope: savepoint failed"},
		errorMessages(o.test(t, "three").Errors))

	o, _ = runScoped(t, "enter suite")
	assert.Equal(t, []string{"suite > one: skip", "skipped > two: skip", "three: pass"}, o.states())
	assert.Equal(t, []string{"Error: failed to enter the suite isolation scope: savepoint failed"},
		errorMessages(o.result.Errors))

	o, log := runScoped(t, "enter file")
	assert.Empty(t, o.result.Tests)
	assert.Equal(t, []string{"enter file"}, log)
	assert.Equal(t, event.Fail, o.result.State)

	o, _ = runScoped(t, "leave test")
	assert.Equal(t, "fail", string(o.test(t, "three").State))
}
