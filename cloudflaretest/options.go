package cloudflaretest

import (
	"log/slog"
	"time"
)

// An Option configures Run, New or Start.
type Option func(*config)

type config struct {
	env        string
	configPath string
	files      []string
	pattern    string
	timeout    time.Duration
	update     bool
	logger     *slog.Logger
}

func newConfig(opts []Option) config {
	var c config
	for _, o := range opts {
		o(&c)
	}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// WithEnv selects a wrangler environment, as `dotest run --env NAME` does: the bindings, vars
// and name of its section of the wrangler configuration.
func WithEnv(name string) Option { return func(c *config) { c.env = name } }

// WithConfig reads the wrangler configuration from path (relative to the project directory)
// instead of the wrangler.jsonc, wrangler.json or wrangler.toml found there.
func WithConfig(path string) Option { return func(c *config) { c.configPath = path } }

// WithFiles makes Run run only the test files whose path contains one of the filters, as the
// filters of `dotest run` do. Go's -run flag narrows the files too.
func WithFiles(filters ...string) Option {
	return func(c *config) { c.files = append(c.files, filters...) }
}

// WithTestNamePattern makes Run run only the JS tests whose full name ("describe > title")
// matches the regular expression, as `dotest run -t` does. Tests it leaves out are reported
// as skipped subtests.
func WithTestNamePattern(pattern string) Option { return func(c *config) { c.pattern = pattern } }

// WithTimeout bounds time. For Run it is the timeout of each JS test, replacing the project's
// testTimeout. For New and Start it bounds each call from Go (Stub.Call, Stub.Fetch, the
// helpers of Worker) whose context has no deadline; the default is the project's testTimeout,
// 5 seconds unless the vitest configuration says otherwise.
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithUpdateSnapshots makes Run rewrite snapshots that do not match, as `dotest run -u`
// does. A common use is a flag of the test binary:
//
//	var update = flag.Bool("update", false, "update snapshots")
//	...
//	cloudflaretest.Run(t, "..", cloudflaretest.WithUpdateSnapshots(*update))
func WithUpdateSnapshots(update bool) Option { return func(c *config) { c.update = update } }

// WithLogger receives what dotest reports that belongs to no test: the engine's notes (an
// alarm that will be retried), and for a worker made by Start, the console output and
// uncaught exceptions that New reports to its test instead.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }
