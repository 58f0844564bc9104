package objects

import (
	"math/big"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/storage"
)

// The natives of ctx.storage.sql. Bindings map as workerd binds them: a number is REAL, a
// string TEXT, an ArrayBuffer or view a BLOB (a copy of the bytes it views), null and
// undefined NULL; a boolean and any other object bind as their string (a boolean becomes
// 'true' or 'false'); a bigint or a symbol is refused with V8's TypeError. Results map back:
// INTEGER and REAL to numbers, TEXT to strings, BLOB to an ArrayBuffer, NULL to null.

// sqlCursor is a cursor: a JS object backed by Go (a goja.DynamicObject) whose prototype is
// the Cursor class of state.js. Go answers columnNames, rowsRead and rowsWritten; other
// properties a script sets are kept like those of an ordinary object.
type sqlCursor struct {
	e     *Engine
	inst  *instance
	c     *storage.Cursor
	extra map[string]goja.Value
}

// Get, Set, Has, Delete and Keys make sqlCursor a goja.DynamicObject.
func (h *sqlCursor) Get(key string) goja.Value {
	switch key {
	case "columnNames":
		return h.e.columnNames(h.c.ColumnNames())
	case "rowsRead":
		return h.e.vm.ToValue(h.c.RowsRead())
	case "rowsWritten":
		return h.e.vm.ToValue(h.c.RowsWritten())
	}
	return h.extra[key]
}

func (h *sqlCursor) Set(key string, v goja.Value) bool {
	if isCursorMember(key) {
		return false
	}
	if h.extra == nil {
		h.extra = map[string]goja.Value{}
	}
	h.extra[key] = v
	return true
}

func (h *sqlCursor) Has(key string) bool {
	_, ok := h.extra[key]
	return ok || isCursorMember(key)
}

func (h *sqlCursor) Delete(key string) bool {
	delete(h.extra, key)
	return !isCursorMember(key)
}

func (h *sqlCursor) Keys() []string { return sortedKeys(h.extra) }

func isCursorMember(key string) bool {
	return key == "columnNames" || key == "rowsRead" || key == "rowsWritten"
}

// sqlStorage is ctx.storage.sql: a JS object backed by Go whose prototype is the SqlStorage
// class of state.js, with exec defined by Go.
type sqlStorage struct {
	e *Engine
	i goja.Value // the instance number
}

// Get, Set, Has, Delete and Keys make sqlStorage a goja.DynamicObject.
func (s *sqlStorage) Get(key string) goja.Value {
	if key == "databaseSize" {
		return s.e.databaseSize(s.e.liveInstance(s.i))
	}
	return nil
}

func (s *sqlStorage) Set(string, goja.Value) bool { return false }
func (s *sqlStorage) Has(key string) bool         { return key == "databaseSize" }
func (s *sqlStorage) Delete(string) bool          { return false }
func (s *sqlStorage) Keys() []string              { return nil }

// jsSQLStorage is natives.sqlStorage(instance).
func (e *Engine) jsSQLStorage(c goja.FunctionCall) goja.Value {
	obj := e.vm.NewDynamicObject(&sqlStorage{e: e, i: c.Argument(0)})
	if err := obj.SetPrototype(e.sqlProto); err != nil {
		e.throw(err)
	}
	return obj
}

// jsExec is sql.exec(query, ...bindings), a method of SqlStorage.prototype.
func (e *Engine) jsExec(c goja.FunctionCall) goja.Value {
	s, ok := c.This.Export().(*sqlStorage)
	if !ok {
		e.throwType("Illegal invocation")
	}
	inst := e.liveInstance(s.i)
	if err := sqlOnly(inst, storage.MsgSQLNotEnabled); err != nil {
		e.throw(err)
	}
	var args []any
	if len(c.Arguments) > 1 {
		args = make([]any, len(c.Arguments)-1)
		for i, v := range c.Arguments[1:] {
			args[i] = e.binding(v)
		}
	}
	query := c.Argument(0)
	if _, isSym := query.(*goja.Symbol); isSym {
		e.throwType("Cannot convert a Symbol value to a string")
	}
	cur, err := inst.db.Exec(query.String(), args...)
	e.touch(inst)
	e.storageResult(inst, err)
	obj := e.vm.NewDynamicObject(&sqlCursor{e: e, inst: inst, c: cur})
	if err := obj.SetPrototype(e.cursorProto); err != nil {
		e.throw(err)
	}
	return obj
}

// binding converts one JS binding of exec().
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

// next reads the cursor's next row; ok is false at its end.
func (h *sqlCursor) next() ([]any, bool) {
	vals, ok, err := h.c.Next()
	h.e.storageResult(h.inst, err)
	return vals, ok
}

// rowObject names a row's values by column; a later duplicate name wins, as in workerd.
func (e *Engine) rowObject(cols []string, vals []any) goja.Value {
	obj := e.vm.NewObject()
	for i, v := range vals {
		_ = obj.Set(cols[i], e.sqlValue(v))
	}
	return obj
}

func (e *Engine) rowArray(vals []any) goja.Value {
	items := make([]any, len(vals))
	for i, v := range vals {
		items[i] = e.sqlValue(v)
	}
	return e.vm.NewArray(items...)
}

func (e *Engine) columnNames(cols []string) goja.Value {
	items := make([]any, len(cols))
	for i, n := range cols {
		items[i] = n
	}
	return e.vm.NewArray(items...)
}

// jsCursorRow is natives.cursorRow(cursor): the next row as an object, or undefined.
func (e *Engine) jsCursorRow(c goja.FunctionCall) goja.Value {
	h := e.cursorArg(c.Argument(0))
	vals, ok := h.next()
	if !ok {
		return goja.Undefined()
	}
	return e.rowObject(h.c.ColumnNames(), vals)
}

// jsCursorRaw is natives.cursorRaw(cursor): the next row as an array, or undefined.
func (e *Engine) jsCursorRaw(c goja.FunctionCall) goja.Value {
	h := e.cursorArg(c.Argument(0))
	vals, ok := h.next()
	if !ok {
		return goja.Undefined()
	}
	return e.rowArray(vals)
}

const msgOne = "Expected exactly one result from SQL query, but got "

// jsCursorOne is cursor.one(), a method of the Cursor prototype.
func (e *Engine) jsCursorOne(c goja.FunctionCall) goja.Value {
	h := e.cursorArg(c.This)
	first, ok := h.next()
	if !ok {
		panic(e.newError(storage.KindError, msgOne+"no results."))
	}
	if _, more := h.next(); more {
		panic(e.newError(storage.KindError, msgOne+"multiple results."))
	}
	return e.rowObject(h.c.ColumnNames(), first)
}

// jsCursorToArray is cursor.toArray(), a method of the Cursor prototype.
func (e *Engine) jsCursorToArray(c goja.FunctionCall) goja.Value {
	return e.rest(e.cursorArg(c.This), true)
}

// jsCursorRest is natives.cursorRest(cursor, asObjects): the rows left.
func (e *Engine) jsCursorRest(c goja.FunctionCall) goja.Value {
	return e.rest(e.cursorArg(c.Argument(0)), c.Argument(1).ToBoolean())
}

func (e *Engine) rest(h *sqlCursor, objects bool) goja.Value {
	var rows []any
	for {
		vals, ok := h.next()
		if !ok {
			return e.vm.NewArray(rows...)
		}
		if objects {
			rows = append(rows, e.rowObject(h.c.ColumnNames(), vals))
		} else {
			rows = append(rows, e.rowArray(vals))
		}
	}
}

func (e *Engine) databaseSize(inst *instance) goja.Value {
	if err := sqlOnly(inst, storage.MsgSQLNotEnabled); err != nil {
		e.throw(err)
	}
	n, err := inst.db.DatabaseSize()
	e.storageResult(inst, err)
	return e.vm.ToValue(n)
}
