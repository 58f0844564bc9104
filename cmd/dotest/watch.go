package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"

	"github.com/dotest-dev/dotest/pool"
)

// watchCommand runs the tests, then reruns the files a saved change affects until
// interrupted. Typing "a" and Enter reruns every file; "q" quits.
func watchCommand(opts *options, stdin io.Reader, stdout, stderr io.Writer) int {
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	keys := readKeys(ctx, stdin)

	for {
		p, rep, _, code := start(opts, logger, stdout, stderr)
		if p == nil {
			return code
		}

		reload, err := watchProject(ctx, p, keys, stdout)
		_ = rep.Close()
		if err != nil {
			fmt.Fprintf(stderr, "dotest: %v\n", err)
			return exitInternal
		}
		if !reload {
			return exitOK
		}
		fmt.Fprintln(stdout, "\nThe configuration changed: reloading the project.")
	}
}

// watchProject serves one loaded project until the user quits (false) or its configuration
// changes (true).
func watchProject(ctx context.Context, p *pool.Pool, keys <-chan string, stdout io.Writer) (bool, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	plans := make(chan pool.Plan)
	errc := make(chan error, 1)
	go func() { errc <- p.Watch(ctx, func(pl pool.Plan) { plans <- pl }) }()

	for {
		select {
		case <-ctx.Done():
			return false, nil
		case err := <-errc:
			return false, err
		case key := <-keys:
			switch key {
			case "q":
				return false, nil
			case "a", "":
				if _, err := p.Run(ctx); err != nil {
					fmt.Fprintf(stdout, "%v\n", err)
				}
			}
		case pl := <-plans:
			if pl.Reason == "config" {
				return true, nil
			}
			if pl.Reason != "start" {
				fmt.Fprintf(stdout, "\nRerunning %d file(s) after a change to %s\n", len(pl.Files), pl.Reason)
			}
			if _, err := p.RunSome(ctx, pl.Files); err != nil {
				fmt.Fprintf(stdout, "%v\n", err)
			}
			fmt.Fprintln(stdout, "\nWatching for changes. Press a and Enter to rerun all, q and Enter to quit.")
		}
	}
}

// readKeys turns lines typed on stdin into commands.
func readKeys(ctx context.Context, stdin io.Reader) <-chan string {
	keys := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdin)
		for sc.Scan() {
			select {
			case keys <- strings.TrimSpace(sc.Text()):
			case <-ctx.Done():
				return
			}
		}
	}()
	return keys
}
