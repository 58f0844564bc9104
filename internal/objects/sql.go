package objects

import (
	"math/big"
	"strconv"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/storage"
)

// The natives of ctx.storage.sql. Bindings map as workerd binds them: a number is REAL, a
// string TEXT, an ArrayBuffer or view a BLOB (a copy of the bytes it views), null and
// undefined NULL; a boolean and any other object bind as their string (a boolean becomes
// 'true' or 'false'); a bigint or a symbol is refused with V8's TypeError. Results map back:
// INTEGER and REAL to numbers, TEXT to strings, BLOB to an ArrayBuffer, NULL to null.

// sqlCursor is the Go side of a cursor.
type sqlCursor struct {
	inst *instance
	c    *storage.Cursor
	cols goja.Value
}

func (e *Engine) jsExec(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	if err := sqlOnly(inst, storage.MsgSQLNotEnabled); err != nil {
		e.throw(err)
	}
	args := e.bindings(c.Argument(2))
	cur, err := inst.db.Exec(c.Argument(1).String(), args...)
	e.touch(inst)
	e.storageResult(inst, err)
	return e.vm.ToValue(&sqlCursor{inst: inst, c: cur})
}

// bindings converts the JS bindings of exec().
func (e *Engine) bindings(v goja.Value) []any {
	arr, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	n := int(arr.Get("length").ToInteger())
	out := make([]any, n)
	for i := range n {
		out[i] = e.binding(arr.Get(strconv.Itoa(i)))
	}
	return out
}

func (e *Engine) binding(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	if _, isSym := v.(*goja.Symbol); isSym {
		e.throwType("Cannot convert a Symbol value to a string")
	}
	switch x := v.Export().(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	case *big.Int:
		e.throwType("Cannot convert a BigInt value to a number")
	case goja.ArrayBuffer:
		return append([]byte{}, x.Bytes()...)
	}
	if b, ok := e.viewBytes(v); ok {
		return append([]byte{}, b...)
	}
	return v.String()
}

// viewBytes returns the bytes a typed array or DataView views.
func (e *Engine) viewBytes(v goja.Value) ([]byte, bool) {
	if is, err := e.isView(goja.Undefined(), v); err != nil || !is.ToBoolean() {
		return nil, false
	}
	var b []byte
	if err := e.vm.ExportTo(v, &b); err != nil {
		return nil, false
	}
	return b, true
}

// sqlValue converts a column value to JS.
func (e *Engine) sqlValue(v any) goja.Value {
	switch x := v.(type) {
	case nil:
		return goja.Null()
	case int64:
		return e.vm.ToValue(float64(x))
	case []byte:
		return e.vm.ToValue(e.vm.NewArrayBuffer(append([]byte{}, x...)))
	}
	return e.vm.ToValue(v)
}

func (e *Engine) cursorArg(v goja.Value) *sqlCursor {
	h, ok := v.Export().(*sqlCursor)
	if !ok {
		e.throwType("Illegal invocation")
	}
	return h
}

func (e *Engine) row(vals []any) goja.Value {
	items := make([]any, len(vals))
	for i, v := range vals {
		items[i] = e.sqlValue(v)
	}
	return e.vm.NewArray(items...)
}

func (e *Engine) jsCursorNext(c goja.FunctionCall) goja.Value {
	h := e.cursorArg(c.Argument(0))
	vals, ok, err := h.c.Next()
	e.storageResult(h.inst, err)
	if !ok {
		return goja.Undefined()
	}
	return e.row(vals)
}

func (e *Engine) jsCursorRest(c goja.FunctionCall) goja.Value {
	h := e.cursorArg(c.Argument(0))
	var rows []any
	for {
		vals, ok, err := h.c.Next()
		e.storageResult(h.inst, err)
		if !ok {
			return e.vm.NewArray(rows...)
		}
		rows = append(rows, e.row(vals))
	}
}

func (e *Engine) jsCursorColumns(c goja.FunctionCall) goja.Value {
	h := e.cursorArg(c.Argument(0))
	if h.cols == nil {
		names := h.c.ColumnNames()
		items := make([]any, len(names))
		for i, n := range names {
			items[i] = n
		}
		h.cols = e.vm.NewArray(items...)
	}
	return h.cols
}

func (e *Engine) jsCursorRowsRead(c goja.FunctionCall) goja.Value {
	return e.vm.ToValue(e.cursorArg(c.Argument(0)).c.RowsRead())
}

func (e *Engine) jsCursorRowsWritten(c goja.FunctionCall) goja.Value {
	return e.vm.ToValue(e.cursorArg(c.Argument(0)).c.RowsWritten())
}

func (e *Engine) jsDatabaseSize(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	if err := sqlOnly(inst, storage.MsgSQLNotEnabled); err != nil {
		e.throw(err)
	}
	n, err := inst.db.DatabaseSize()
	e.storageResult(inst, err)
	return e.vm.ToValue(n)
}
