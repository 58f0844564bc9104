package web

import (
	"crypto/rand"
	"embed"
	"encoding/hex"
	"sync"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

//go:embed js/*.js
var jsFiles embed.FS

// moduleDef is one embedded JS module: a program that evaluates to a function of
// (natives, load, host) returning the module's exports, and the Go natives it receives.
type moduleDef struct {
	file    string
	natives func(e *env) goja.Value

	once sync.Once
	prg  *goja.Program
}

// program compiles the module the first time any runtime of the process needs it.
func (m *moduleDef) program() *goja.Program {
	m.once.Do(func() {
		src, err := jsFiles.ReadFile("js/" + m.file)
		if err != nil {
			panic("web: missing embedded " + m.file)
		}
		m.prg = jsrt.MustCompile("dotest:web/"+m.file, string(src))
	})
	return m.prg
}

var modules = map[string]*moduleDef{
	"events":     {file: "events.js", natives: eventsNatives},
	"encoding":   {file: "encoding.js", natives: encodingNatives},
	"streams":    {file: "streams.js"},
	"writable":   {file: "writable.js"},
	"transform":  {file: "transform.js"},
	"bytestream": {file: "bytestream.js", natives: bytestreamNatives},
	"pipe":       {file: "pipe.js"},
	"iterate":    {file: "iterate.js"},
	"codecs":     {file: "codecs.js", natives: codecsNatives},
	"blob":       {file: "blob.js"},
	"formdata":   {file: "formdata.js", natives: formdataNatives},
	"url":        {file: "url.js", natives: urlNatives},
	"urlpattern": {file: "urlpattern.js", natives: urlpatternNatives},
	"pattern":    {file: "pattern.js"},
	"headers":    {file: "headers.js"},
	"body":       {file: "body.js"},
	"http":       {file: "http.js", natives: httpNatives},
	"fetch":      {file: "fetch.js", natives: fetchNatives},
	"crypto":     {file: "crypto.js", natives: cryptoNatives},
	"websocket":  {file: "websocket.js", natives: websocketNatives},
	"cache":      {file: "cache.js"},
	"misc":       {file: "misc.js", natives: miscNatives},
	"host":       {file: "host.js"},
}

// global is one global binding and the module that provides it.
type global struct {
	name, module, export string
}

var globals = func() []global {
	byModule := []struct {
		module string
		names  []string
	}{
		{"events", []string{"DOMException", "Event", "EventTarget", "CustomEvent", "ErrorEvent",
			"MessageEvent", "CloseEvent", "AbortSignal", "AbortController"}},
		{"encoding", []string{"TextEncoder", "TextDecoder"}},
		{"streams", []string{"ReadableStream", "ReadableStreamDefaultReader",
			"ReadableStreamDefaultController", "ByteLengthQueuingStrategy", "CountQueuingStrategy"}},
		{"bytestream", []string{"ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
			"ReadableByteStreamController"}},
		{"writable", []string{"WritableStream", "WritableStreamDefaultWriter",
			"WritableStreamDefaultController"}},
		{"transform", []string{"TransformStream", "TransformStreamDefaultController",
			"IdentityTransformStream", "FixedLengthStream"}},
		{"codecs", []string{"TextEncoderStream", "TextDecoderStream", "CompressionStream",
			"DecompressionStream"}},
		{"blob", []string{"Blob", "File"}},
		{"formdata", []string{"FormData"}},
		{"url", []string{"URL", "URLSearchParams"}},
		{"urlpattern", []string{"URLPattern"}},
		{"headers", []string{"Headers"}},
		{"http", []string{"Request", "Response"}},
		{"crypto", []string{"crypto", "Crypto", "SubtleCrypto", "CryptoKey"}},
		{"websocket", []string{"WebSocket", "WebSocketPair", "WebSocketRequestResponsePair"}},
		{"cache", []string{"caches", "Cache", "CacheStorage"}},
		{"misc", []string{"scheduler", "performance", "navigator", "Navigator", "Performance",
			"Scheduler"}},
	}
	var out []global
	for _, m := range byModule {
		for _, n := range m.names {
			out = append(out, global{name: n, module: m.module})
		}
	}
	return out
}()

// bytestreamNatives gives byte streams ArrayBuffer transfer, which goja lacks: a new buffer
// takes over the bytes and the old one is detached.
func bytestreamNatives(e *env) goja.Value {
	return e.natives(map[string]any{"transfer": func(v goja.Value) goja.Value {
		ab, ok := v.Export().(goja.ArrayBuffer)
		if !ok {
			panic(e.vm.NewTypeError("The provided ArrayBuffer must be detachable."))
		}
		if ab.Detached() {
			panic(e.vm.NewTypeError("The underlying ArrayBuffer has been detached."))
		}
		moved := e.vm.NewArrayBuffer(ab.Bytes())
		ab.Detach()
		return e.vm.ToValue(moved)
	}})
}

// functionGlobals are the global functions, defined eagerly as plain methods.
var functionGlobals = []struct {
	name, module string
	length       int
}{
	{"fetch", "fetch", 2}, {"atob", "encoding", 1}, {"btoa", "encoding", 1},
}

// eventsNatives gives AbortSignal.timeout its timer.
func eventsNatives(e *env) goja.Value {
	return e.natives(map[string]any{"timer": e.clockTimer, "clearTimer": e.rt.Loop.ClearTimer})
}

// clockTimer runs fn after ms on the runtime's clock, so fake time moves it. The timer is not
// counted by vi.getTimerCount and not cleared by vi.clearAllTimers: it belongs to the
// platform, as workerd's internal timers do. Without keepAlive it does not keep the loop
// alive; note that jsrt's loop then does not wake up for it while it waits for Go work.
func (e *env) clockTimer(ms float64, fn goja.Callable, keepAlive bool) int64 {
	t := e.rt.Loop.SetTimer(jsrt.AlarmTimer, toMillis(ms), 0, func() error {
		_, err := fn(goja.Undefined())
		return e.taskError("timer", err)
	})
	if !keepAlive {
		e.rt.Loop.Unref(t)
	}
	return t.ID
}

// formdataNatives gives the multipart code a Latin-1 view of bytes, boundaries and the
// urlencoded parser.
func formdataNatives(e *env) goja.Value {
	return e.natives(map[string]any{
		"latin1": func(v goja.Value) goja.Value {
			b, _ := e.bytesOf(v)
			return latin1String(b)
		},
		"randomHex":  randomHex,
		"formDecode": e.formDecode,
	})
}

// randomHex returns n random bytes as lower-case hex, as workerd's multipart boundaries are.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// miscNatives gives scheduler.wait its timer.
func miscNatives(e *env) goja.Value {
	return e.natives(map[string]any{"timer": e.clockTimer, "clearTimer": e.rt.Loop.ClearTimer})
}
