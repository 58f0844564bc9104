//go:build tools

// Package dotest pins the modules that dotest is built on, before every package that uses
// them exists; `go mod tidy` keeps what this file imports.
package dotest

import (
	_ "github.com/dop251/goja"
	_ "github.com/dop251/goja_nodejs/require"
	_ "github.com/evanw/esbuild/pkg/api"
	_ "github.com/fsnotify/fsnotify"
	_ "github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"
)
