package web

import "github.com/dop251/goja"

type cacheStore struct{}

func codecsNatives(e *env) goja.Value { return goja.Undefined() }
