package objects

import (
	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/clone"
	"github.com/dotest-dev/dotest/internal/storage"
)

// The natives of the KV APIs. Values are stored as the structured clone serializes them
// (V8's format, as workerd stores them) and every read deserializes a fresh copy.

const msgPutUndefined = "put() called with undefined value."

func (e *Engine) serialize(v goja.Value) []byte {
	data, err := clone.Serialize(e.vm, v, clone.Options{Mode: clone.Storage})
	if err != nil {
		e.throw(err)
	}
	return data
}

func (e *Engine) deserialize(data []byte) goja.Value {
	v, err := clone.Deserialize(e.vm, data)
	if err != nil {
		e.throw(err)
	}
	return v
}

func (e *Engine) jsGet(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	data, ok, err := inst.db.Get(c.Argument(1).String())
	e.storageResult(inst, err)
	if !ok {
		return goja.Undefined()
	}
	return e.deserialize(data)
}

// pairs makes the JS array of [key, value] pairs that Map() takes.
func (e *Engine) pairs(entries []storage.Entry) goja.Value {
	items := make([]any, len(entries))
	for i, en := range entries {
		items[i] = e.vm.NewArray(en.Key, e.deserialize(en.Value))
	}
	return e.vm.NewArray(items...)
}

func (e *Engine) stringsArg(v goja.Value) []string {
	var keys []string
	if err := e.vm.ExportTo(v, &keys); err != nil {
		e.throw(err)
	}
	return keys
}

func (e *Engine) jsGetMany(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	entries, err := inst.db.GetMany(e.stringsArg(c.Argument(1)))
	e.storageResult(inst, err)
	return e.pairs(entries)
}

func (e *Engine) jsPut(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	v := c.Argument(2)
	if goja.IsUndefined(v) {
		e.throwType(msgPutUndefined)
	}
	e.put(inst, c.Argument(1).String(), v)
	return goja.Undefined()
}

func (e *Engine) put(inst *instance, key string, v goja.Value) {
	data := e.serialize(v)
	err := inst.db.Put(key, data)
	e.touch(inst)
	e.storageResult(inst, err)
}

// jsPutMany is natives.putMany(instance, entries): put(entries) stores every own enumerable
// property whose value is not undefined, atomically.
func (e *Engine) jsPutMany(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	obj := c.Argument(1).ToObject(e.vm)
	var entries []storage.Entry
	for _, k := range obj.Keys() {
		v := obj.Get(k)
		if v == nil || goja.IsUndefined(v) {
			continue
		}
		entries = append(entries, storage.Entry{Key: k, Value: e.serialize(v)})
	}
	err := inst.db.PutMany(entries)
	e.touch(inst)
	e.storageResult(inst, err)
	return goja.Undefined()
}

func (e *Engine) jsDelete(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	ok, err := inst.db.Delete(c.Argument(1).String())
	e.touch(inst)
	e.storageResult(inst, err)
	return e.vm.ToValue(ok)
}

func (e *Engine) jsDeleteMany(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	n, err := inst.db.DeleteMany(e.stringsArg(c.Argument(1)))
	e.touch(inst)
	e.storageResult(inst, err)
	return e.vm.ToValue(n)
}

// listOptions reads the options that lib passes in a fixed order: start, startAfter, end,
// prefix, reverse, limit.
func (e *Engine) listOptions(args []goja.Value) storage.ListOptions {
	str := func(i int) *string {
		if i >= len(args) || goja.IsUndefined(args[i]) {
			return nil
		}
		s := args[i].String()
		return &s
	}
	opts := storage.ListOptions{Start: str(0), StartAfter: str(1), End: str(2), Prefix: str(3)}
	if len(args) > 4 {
		opts.Reverse = args[4].ToBoolean()
	}
	if len(args) > 5 && !goja.IsUndefined(args[5]) {
		f := args[5].ToFloat()
		n := int(f)
		if f != f || f < 1 {
			n = 0 // NaN, zero and negatives are refused by storage
		} else if f > 1<<31 {
			n = 1 << 31
		}
		opts.Limit = &n
	}
	return opts
}

func (e *Engine) jsList(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	entries, err := inst.db.List(e.listOptions(c.Arguments[1:]))
	e.storageResult(inst, err)
	return e.pairs(entries)
}

func (e *Engine) jsDeleteAll(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	err := inst.db.DeleteAll()
	e.touch(inst)
	inst.alarmDirty = true
	e.storageResult(inst, err)
	return goja.Undefined()
}

// Transactions: transaction() is a savepoint held across the closure's awaits, inside a
// critical section; transactionSync() a savepoint around a synchronous callback.

func (e *Engine) jsTxnBegin(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	depth, err := inst.db.BeginTxn()
	e.storageResult(inst, err)
	return e.vm.ToValue(depth)
}

func (e *Engine) jsTxnCommit(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	err := inst.db.CommitTxn(int(c.Argument(1).ToInteger()))
	e.touch(inst)
	e.storageResult(inst, err)
	return goja.Undefined()
}

func (e *Engine) jsTxnRollback(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	err := inst.db.RollbackTxn(int(c.Argument(1).ToInteger()))
	inst.alarmDirty = true
	e.touch(inst)
	e.storageResult(inst, err)
	return goja.Undefined()
}

func (e *Engine) jsSyncBegin(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	depth, err := inst.db.BeginSyncTxn()
	e.touch(inst)
	e.storageResult(inst, err)
	return e.vm.ToValue(depth)
}

func (e *Engine) jsSyncCommit(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	e.storageResult(inst, inst.db.CommitSyncTxn(int(c.Argument(1).ToInteger())))
	return goja.Undefined()
}

func (e *Engine) jsSyncRollback(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	err := inst.db.RollbackSyncTxn(int(c.Argument(1).ToInteger()))
	inst.alarmDirty = true
	e.storageResult(inst, err)
	return goja.Undefined()
}

// The synchronous KV API of SQLite-backed objects (ctx.storage.kv).

func (e *Engine) syncKV(c goja.FunctionCall) *instance {
	inst := e.liveInstance(c.Argument(0))
	if err := sqlOnly(inst, storage.MsgSyncKVNotEnabled); err != nil {
		e.throw(err)
	}
	return inst
}

func (e *Engine) jsKVGet(c goja.FunctionCall) goja.Value {
	inst := e.syncKV(c)
	data, ok, err := inst.db.Get(c.Argument(1).String())
	e.storageResult(inst, err)
	if !ok {
		return goja.Undefined()
	}
	return e.deserialize(data)
}

func (e *Engine) jsKVPut(c goja.FunctionCall) goja.Value {
	e.put(e.syncKV(c), c.Argument(1).String(), c.Argument(2))
	return goja.Undefined()
}

func (e *Engine) jsKVDelete(c goja.FunctionCall) goja.Value {
	inst := e.syncKV(c)
	ok, err := inst.db.Delete(c.Argument(1).String())
	e.touch(inst)
	e.storageResult(inst, err)
	return e.vm.ToValue(ok)
}

// kvIterator is the Go side of a kv.list() iterator.
type kvIterator struct {
	inst *instance
	it   *storage.KVIterator
}

func (e *Engine) jsKVList(c goja.FunctionCall) goja.Value {
	inst := e.syncKV(c)
	it, err := inst.db.ListIter(e.listOptions(c.Arguments[1:]))
	e.storageResult(inst, err)
	return e.vm.ToValue(&kvIterator{inst: inst, it: it})
}

func (e *Engine) jsKVNext(c goja.FunctionCall) goja.Value {
	h, ok := c.Argument(0).Export().(*kvIterator)
	if !ok {
		e.throwType("Illegal invocation")
	}
	key, data, found, err := h.it.Next()
	e.storageResult(h.inst, err)
	if !found {
		return goja.Undefined()
	}
	return e.vm.NewArray(key, e.deserialize(data))
}
