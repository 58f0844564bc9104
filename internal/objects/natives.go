package objects

import (
	"errors"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/storage"
)

// natives builds the object of Go functions that the embedded JS calls.
func (e *Engine) natives() *goja.Object {
	obj := e.vm.NewObject()
	for name, fn := range map[string]func(goja.FunctionCall) goja.Value{
		// ids and namespaces
		"newUniqueId":    e.jsNewUniqueID,
		"idFromName":     e.jsIDFromName,
		"idFromString":   e.jsIDFromString,
		"classNamespace": e.jsClassNamespace,
		"main":           e.jsMain,
		// events
		"bind":      e.jsBind,
		"send":      e.jsSend,
		"sendLocal": e.jsSendLocal,
		"sendEntry": e.jsSendEntry,
		"settle":    e.jsSettle,
		// instances
		"enter":       e.jsEnter,
		"leave":       e.jsLeave,
		"abort":       e.jsAbort,
		"reportError": e.jsReportError,
		"warn":        e.jsWarn,
		// async KV, transactions, alarms
		"get": e.jsGet, "getMany": e.jsGetMany, "put": e.jsPut, "putMany": e.jsPutMany,
		"del": e.jsDelete, "delMany": e.jsDeleteMany, "list": e.jsList, "deleteAll": e.jsDeleteAll,
		"check": e.jsCheck, "bookmark": e.jsBookmark,
		"txnBegin": e.jsTxnBegin, "txnCommit": e.jsTxnCommit, "txnRollback": e.jsTxnRollback,
		"syncBegin": e.jsSyncBegin, "syncCommit": e.jsSyncCommit, "syncRollback": e.jsSyncRollback,
		"getAlarm": e.jsGetAlarm, "setAlarm": e.jsSetAlarm, "deleteAlarm": e.jsDeleteAlarm,
		// sync KV
		"kvGet": e.jsKVGet, "kvPut": e.jsKVPut, "kvDelete": e.jsKVDelete, "kvList": e.jsKVList, "kvNext": e.jsKVNext,
		// SQL
		"sqlStorage": e.jsSQLStorage,
		"cursorRow":  e.jsCursorRow, "cursorRaw": e.jsCursorRaw, "cursorRest": e.jsCursorRest,
	} {
		_ = obj.Set(name, fn)
	}
	for name, fn := range e.socketNatives() {
		_ = obj.Set(name, fn)
	}
	return obj
}

// nsArg returns the namespace a native names by its index.
func (e *Engine) nsArg(v goja.Value) *Namespace {
	i := v.ToInteger()
	if i < 0 || i >= int64(len(e.namespaces)) {
		panic(e.vm.NewTypeError("no such Durable Object namespace"))
	}
	return e.namespaces[i]
}

func (e *Engine) jsNewUniqueID(c goja.FunctionCall) goja.Value {
	return e.vm.ToValue(e.nsArg(c.Argument(0)).ids.unique().String())
}

func (e *Engine) jsIDFromName(c goja.FunctionCall) goja.Value {
	return e.vm.ToValue(e.nsArg(c.Argument(0)).ids.fromName(c.Argument(1).String()).String())
}

func (e *Engine) jsIDFromString(c goja.FunctionCall) goja.Value {
	id, err := e.nsArg(c.Argument(0)).ids.parse(c.Argument(1).String())
	if err != nil {
		e.throwType(err.Error())
	}
	return e.vm.ToValue(id.String())
}

// jsClassNamespace is natives.classNamespace(name): the index of the namespace of a class,
// or -1 when name is no Durable Object class of the project.
func (e *Engine) jsClassNamespace(c goja.FunctionCall) goja.Value {
	if ns, ok := e.byClass[c.Argument(0).String()]; ok {
		return e.vm.ToValue(ns.index)
	}
	return e.vm.ToValue(-1)
}

func (e *Engine) jsMain(goja.FunctionCall) goja.Value {
	if m := e.rt.Main(); m != nil {
		return m
	}
	return goja.Undefined()
}

func (e *Engine) jsReportError(c goja.FunctionCall) goja.Value {
	e.rt.ReportError(c.Argument(0).String(), c.Argument(1))
	return goja.Undefined()
}

// jsWarn is natives.warn(what, error): a failure that belongs to no caller and no test,
// such as a scheduled() handler's, which its caller sees as the outcome "exception".
func (e *Engine) jsWarn(c goja.FunctionCall) goja.Value {
	e.log.Warn("a "+c.Argument(0).String()+"() handler failed", "error", c.Argument(1).String())
	return goja.Undefined()
}

// jsCheck is natives.check(instance): sync() resolves at once when the storage is usable.
func (e *Engine) jsCheck(c goja.FunctionCall) goja.Value {
	e.liveInstance(c.Argument(0))
	return goja.Undefined()
}

// jsBookmark is natives.bookmark(instance): getCurrentBookmark() as workerd answers it
// locally, a counter that grows with each call.
func (e *Engine) jsBookmark(c goja.FunctionCall) goja.Value {
	o := e.liveInstance(c.Argument(0)).obj
	n := o.bookmark
	o.bookmark++
	return e.vm.ToValue(bookmarkText(n))
}

func bookmarkText(n uint64) string {
	const hexDigits = "0123456789abcdef"
	b := []byte("00000000-00000000-00000000-00000000000000000000000000000000")
	for i := 0; i < 8; i++ {
		b[7-i] = hexDigits[(n>>(32+4*i))&0xf]
		b[16-i] = hexDigits[(n>>(4*i))&0xf]
	}
	return string(b)
}

// errSQLOnly is the error of a SQLite-only API on a KV-backed object.
func sqlOnly(inst *instance, msg string) error {
	if inst.db.SQL() {
		return nil
	}
	return &storage.Error{Kind: storage.KindError, Message: msg}
}

var errNoValue = errors.New("put() called with undefined value.") //nolint:staticcheck // workerd's text
