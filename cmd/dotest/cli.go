package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"time"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/pool"
	"github.com/dotest-dev/dotest/reporters"
)

// The exit codes, as documented in the package comment and the README.
const (
	exitOK       = 0
	exitFailed   = 1
	exitUsage    = 2
	exitInternal = 3
)

const usage = `dotest runs the vitest tests of a Cloudflare Workers project with Durable Objects.

Usage:
  dotest run [filters...] [flags]    run the test files (all, or those whose path contains a filter)
  dotest watch [filters...] [flags]  run them, then rerun what each saved change affects
  dotest list [filters...] [flags]   list the test files that would run
  dotest --version

Flags:
  --root DIR                 the project root (default: the current directory)
  -t, --testNamePattern RE   run only tests whose full name matches RE
  -u, --update               update snapshots that do not match
  --timeout MS               default test timeout in milliseconds (default: the config's, or 5000)
  --reporter NAME            default, verbose, dot, json, junit, tap, tap-flat, github-actions;
                             repeat it for several reporters
  --outputFile PATH          write json/junit/tap reports to PATH instead of stdout
  --shard I/N                run the I-th of N parts of the test files (for CI machines)
  --env NAME                 use the [env.NAME] section of the wrangler config
  --config PATH              the wrangler config file (default: wrangler.jsonc, .json or .toml)
  --workers N                files to run at once (default: the number of CPUs)
  --persist DIR              keep Durable Object storage in DIR, one .sqlite file per object
  --isolate test|file        undo storage writes after each test, or only after each file
                             (default: per test, or per file for a cloudflareTest() config)
  --passWithNoTests          exit 0 when no test file is found
  --allowOnly                let .only run in CI (where it otherwise fails, as in vitest)
  --color, --no-color        force colours on or off (default: on for a terminal)

Exit codes: 0 all passed; 1 a test failed or no tests found; 2 bad usage or config;
3 internal error.
`

// options are the parsed command line.
type options struct {
	command         string
	filters         []string
	root            string
	testNamePattern string
	update          bool
	timeoutMS       int
	reporterNames   []string
	outputFile      string
	shard           pool.Shard
	namePattern     *regexp.Regexp
	env             string
	config          string
	workers         int
	persist         string
	isolation       *project.Isolation
	passWithNoTests bool
	allowOnly       bool
	color           *bool
}

// Main runs the command line args and returns the exit code. It is main without os.Exit, so
// tests can call it.
func Main(args []string, stdout, stderr io.Writer) int {
	opts, code := parseArgs(args, stdout, stderr)
	if opts == nil {
		return code
	}
	switch opts.command {
	case "run":
		return runCommand(opts, stdout, stderr)
	case "list":
		return listCommand(opts, stdout, stderr)
	case "watch":
		return watchCommand(opts, os.Stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "dotest: unknown command %q\n\n%s", opts.command, usage)
	return exitUsage
}

// parseArgs reads the command, then flags and filters in any order, as vitest accepts them.
// A nil result means the program is done, with the returned code.
func parseArgs(args []string, stdout, stderr io.Writer) (*options, int) {
	opts := &options{}
	fs := flag.NewFlagSet("dotest", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	showVersion := fs.Bool("version", false, "")
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	fs.StringVar(&opts.root, "root", "", "")
	fs.StringVar(&opts.testNamePattern, "t", "", "")
	fs.StringVar(&opts.testNamePattern, "testNamePattern", "", "")
	fs.BoolVar(&opts.update, "u", false, "")
	fs.BoolVar(&opts.update, "update", false, "")
	fs.IntVar(&opts.timeoutMS, "timeout", 0, "")
	fs.IntVar(&opts.timeoutMS, "testTimeout", 0, "")
	fs.Func("reporter", "", func(s string) error { opts.reporterNames = append(opts.reporterNames, s); return nil })
	fs.StringVar(&opts.outputFile, "outputFile", "", "")
	fs.Func("shard", "", func(v string) (err error) { opts.shard, err = pool.ParseShard(v); return err })
	fs.StringVar(&opts.env, "env", "", "")
	fs.StringVar(&opts.config, "config", "", "")
	fs.IntVar(&opts.workers, "workers", 0, "")
	fs.StringVar(&opts.persist, "persist", "", "")
	fs.Func("isolate", "", func(v string) error {
		modes := map[string]project.Isolation{"test": project.IsolateTest, "file": project.IsolateFile}
		if m, ok := modes[v]; ok {
			opts.isolation = &m
			return nil
		}
		return errors.New(`want "test" or "file"`)
	})
	fs.BoolVar(&opts.passWithNoTests, "passWithNoTests", false, "")
	fs.BoolVar(&opts.allowOnly, "allowOnly", false, "")
	fs.BoolFunc("color", "", func(string) error { opts.color = ptr(true); return nil })
	fs.BoolFunc("no-color", "", func(string) error { opts.color = ptr(false); return nil })

	var positional []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			fmt.Fprintf(stderr, "dotest: %v\n\nRun 'dotest --help' for usage.\n", err)
			return nil, exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		rest = fs.Args()[1:]
	}

	switch {
	case *help:
		fmt.Fprint(stdout, usage)
		return nil, exitOK
	case *showVersion:
		fmt.Fprintf(stdout, "dotest %s\n", version)
		return nil, exitOK
	case len(positional) == 0:
		fmt.Fprint(stderr, usage)
		return nil, exitUsage
	}
	opts.command, opts.filters = positional[0], positional[1:]
	if opts.testNamePattern != "" {
		re, err := regexp.Compile(opts.testNamePattern)
		if err != nil {
			fmt.Fprintf(stderr, "dotest: -t %q is not a valid regular expression: %v\n", opts.testNamePattern, err)
			return nil, exitUsage
		}
		opts.namePattern = re
	}
	return opts, exitOK
}

func ptr[T any](v T) *T { return &v }

// loadProject reads the project's configuration, printing its warnings; a bad config is a
// usage error (exit 2) with the diagnostics.
func loadProject(opts *options, stderr io.Writer, logger *slog.Logger) (*project.Project, int) {
	root := opts.root
	if root == "" {
		root = "."
	}
	proj, err := project.Load(root, project.Options{Env: opts.env, ConfigPath: opts.config, Logger: logger})
	if err != nil {
		printDiagnostics(stderr, err)
		return nil, exitUsage
	}
	for _, w := range proj.Warnings {
		fmt.Fprintf(stderr, "%s\n", w.Error())
	}
	return proj, exitOK
}

func printDiagnostics(w io.Writer, err error) {
	var list diag.List
	if !errors.As(err, &list) {
		fmt.Fprintf(w, "dotest: %v\n", err)
		return
	}
	for _, d := range list {
		fmt.Fprintf(w, "%s\n", d.Error())
		if d.Location != nil {
			fmt.Fprint(w, diag.CodeFrame(*d.Location, "", 1))
		}
		if d.Hint != "" {
			fmt.Fprintf(w, "  hint: %s\n", d.Hint)
		}
	}
}

func listCommand(opts *options, stdout, stderr io.Writer) int {
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	proj, code := loadProject(opts, stderr, logger)
	if proj == nil {
		return code
	}
	p := newPool(opts, proj, logger, nil)
	files, err := p.Files()
	if err != nil {
		fmt.Fprintf(stderr, "dotest: %v\n", err)
		return exitUsage
	}
	for _, f := range files {
		fmt.Fprintln(stdout, f)
	}
	return exitOK
}

// newPool builds the pool from the flags.
func newPool(opts *options, proj *project.Project, logger *slog.Logger, rep reporters.Reporter) *pool.Pool {
	ci := os.Getenv("CI") != "" && os.Getenv("CI") != "false"
	po := pool.Options{
		Project:         proj,
		Filters:         opts.filters,
		UpdateSnapshots: opts.update,
		TestTimeout:     time.Duration(opts.timeoutMS) * time.Millisecond,
		Workers:         opts.workers,
		PersistDir:      opts.persist,
		Isolation:       opts.isolation,
		CI:              ci,
		AllowOnly:       opts.allowOnly || !ci,
		TestNamePattern: opts.namePattern,
		Shard:           opts.shard,
		Logger:          logger,
	}
	if rep != nil {
		po.Emit = rep.Event
	}
	return pool.New(po)
}

// start loads the project and builds its reporters and pool; a nil pool means the program
// ends with the returned code.
func start(opts *options, logger *slog.Logger, stdout, stderr io.Writer) (
	*pool.Pool, reporters.Reporter, *project.Project, int) {
	proj, code := loadProject(opts, stderr, logger)
	if proj == nil {
		return nil, nil, nil, code
	}
	rep, err := buildReporters(opts, proj.Root, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "dotest: %v\n", err)
		return nil, nil, nil, exitUsage
	}
	return newPool(opts, proj, logger, rep), rep, proj, exitOK
}

func runCommand(opts *options, stdout, stderr io.Writer) int {
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	p, rep, proj, code := start(opts, logger, stdout, stderr)
	if p == nil {
		return code
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := p.Run(ctx)
	if cerr := rep.Close(); cerr != nil {
		fmt.Fprintf(stderr, "dotest: failed to write the report: %v\n", cerr)
		return exitInternal
	}
	switch {
	case errors.Is(err, pool.ErrNoTestFiles):
		return noTestFiles(opts, proj, stderr)
	case err != nil:
		fmt.Fprintf(stderr, "dotest: %v\n", err)
		return exitUsage
	case res.Failed():
		return exitFailed
	}
	return exitOK
}

func noTestFiles(opts *options, proj *project.Project, stderr io.Writer) int {
	fmt.Fprintf(stderr, "No test files found in %s", proj.Root)
	if len(opts.filters) > 0 {
		fmt.Fprintf(stderr, " matching %s", strings.Join(opts.filters, ", "))
	}
	fmt.Fprintf(stderr, "\ninclude: %s\nexclude: %s\n",
		strings.Join(proj.Include, ", "), strings.Join(proj.Exclude, ", "))
	if opts.passWithNoTests {
		return exitOK
	}
	fmt.Fprintln(stderr, "Pass --passWithNoTests to exit with code 0 when there are no tests.")
	return exitFailed
}

// buildReporters makes the reporters the flags ask for, writing to stdout or --outputFile.
func buildReporters(opts *options, root string, stdout io.Writer) (reporters.Reporter, error) {
	names := opts.reporterNames
	if len(names) == 0 {
		names = []string{"default"}
	}
	color := isTerminal(stdout) && os.Getenv("NO_COLOR") == ""
	if opts.color != nil {
		color = *opts.color
	}

	var reps []reporters.Reporter
	for _, name := range names {
		ro := reporters.Options{Color: color, Root: root}
		if reporters.WritesReport(name) {
			ro.OutputFile = opts.outputFile
		}
		r, err := reporters.New(name, stdout, ro)
		if err != nil {
			return nil, err
		}
		reps = append(reps, r)
	}
	return reporters.Multi(reps...), nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
