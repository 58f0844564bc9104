package web

import "testing"

func TestReadableStream(t *testing.T) {
	runCases(t, []jsCase{
		{name: "read chunks then done", src: `
			const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); c.close(); } });
			const r = rs.getReader();
			return [await r.read(), await r.read(), await r.read()]`,
			want: `[{"value":"a","done":false},{"value":"b","done":false},{"done":true}]`},
		{name: "pull on demand", src: `
			let n = 0;
			const rs = new ReadableStream({ pull(c) { n++; c.enqueue(n); if (n === 3) c.close(); } },
				{ highWaterMark: 0 });
			const out = [];
			for await (const v of rs) out.push(v);
			return out`,
			want: `[1,2,3]`},
		{name: "locked stream", src: `const rs = new ReadableStream(); rs.getReader(); rs.getReader()`,
			wantErr: "TypeError: This ReadableStream is currently locked to a reader."},
		{name: "cancel a locked stream", src: `const rs = new ReadableStream(); rs.getReader(); await rs.cancel()`,
			wantErr: "TypeError: This ReadableStream is currently locked to a reader."},
		{name: "tee a locked stream", src: `const rs = new ReadableStream(); rs.getReader(); rs.tee()`,
			wantErr: "TypeError: This ReadableStream is currently locked to a reader,"},
		{name: "bad reader mode", src: `new ReadableStream().getReader({mode: "x"})`,
			wantErr: "TypeError: mode must be undefined or 'byob' in call to getReader()."},
		{name: "byob on a default stream", src: `new ReadableStream().getReader({mode: "byob"})`,
			wantErr: "TypeError: This ReadableStream does not support BYOB reads."},
		{name: "read after release", src: `
			const r = new ReadableStream().getReader(); r.releaseLock(); await r.read()`,
			wantErr: "TypeError: This ReadableStream reader has been released."},
		{name: "pending read fails on release", src: `
			const r = new ReadableStream().getReader(); const p = r.read(); r.releaseLock();
			try { await p } catch (e) { return e.message }`,
			want: "This ReadableStream reader has been released."},
		{name: "error propagates to reads", src: `
			const rs = new ReadableStream({ start(c) { c.error(new RangeError("no")) } });
			await rs.getReader().read()`, wantErr: "RangeError: no"},
		{name: "start throwing", src: `new ReadableStream({ start() { throw new Error("s") } })`, wantErr: "Error: s"},
		{name: "cancel reaches the source", src: `
			let why;
			const rs = new ReadableStream({ cancel(r) { why = r } });
			await rs.cancel("stop");
			return [why, (await rs.getReader().read()).done]`,
			want: `["stop",true]`},
		{name: "enqueue after close", src: `
			new ReadableStream({ start(c) { c.close(); c.enqueue(1) } })`,
			wantErr: "TypeError: This ReadableStream is closed."},
		{name: "desired size and strategy", src: `
			let ctl;
			new ReadableStream({ start(c) { ctl = c } }, new CountQueuingStrategy({ highWaterMark: 3 }));
			ctl.enqueue(1);
			const a = ctl.desiredSize;
			const bs = new ByteLengthQueuingStrategy({ highWaterMark: 8 });
			return [a, bs.size(new Uint8Array(5)), bs.highWaterMark]`,
			want: `[2,5,8]`},
		{name: "tee", src: `
			const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close() } });
			const [a, b] = rs.tee();
			const read = async (s) => { const o = []; for await (const v of s) o.push(v); return o; };
			return [await read(a), await read(b), rs.locked]`,
			want: `[[1,2],[1,2],true]`},
		{name: "ReadableStream.from", src: `
			const out = [];
			for await (const v of ReadableStream.from([1, Promise.resolve(2), 3])) out.push(v);
			return out`,
			want: `[1,2,3]`},
		{name: "breaking out of iteration cancels", src: `
			let cancelled = false;
			const rs = new ReadableStream({ pull(c) { c.enqueue(1) }, cancel() { cancelled = true } });
			for await (const v of rs) break;
			return [cancelled, rs.locked]`,
			want: `[true,false]`},
		{name: "values with preventCancel", src: `
			let cancelled = false;
			const rs = new ReadableStream({ pull(c) { c.enqueue(1) }, cancel() { cancelled = true } });
			for await (const v of rs.values({ preventCancel: true })) break;
			return [cancelled, rs.locked]`,
			want: `[false,false]`},
	})
}

func TestByteStreams(t *testing.T) {
	runCases(t, []jsCase{
		{name: "byob read fills the view", src: `
			const rs = new ReadableStream({
				type: "bytes",
				pull(c) {
					const v = c.byobRequest.view;
					v[0] = 7; v[1] = 8;
					c.byobRequest.respond(2);
				},
			});
			const r = rs.getReader({ mode: "byob" });
			const buf = new Uint8Array(4);
			const { value, done } = await r.read(buf);
			return [Array.from(value), done, buf.byteLength, value.buffer.byteLength]`,
			want: `[[7,8],false,0,4]`},
		{name: "enqueue into a byob read", src: `
			const rs = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2, 3])) } });
			const r = rs.getReader({ mode: "byob" });
			const a = await r.read(new Uint8Array(2));
			const b = await r.read(new Uint8Array(2));
			return [Array.from(a.value), Array.from(b.value)]`,
			want: `[[1,2],[3]]`},
		{name: "default reader on a byte stream", src: `
			const rs = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([5])); c.close() } });
			const r = rs.getReader();
			const a = await r.read();
			return [a.value instanceof Uint8Array, Array.from(a.value), (await r.read()).done]`,
			want: `[true,[5],true]`},
		{name: "autoAllocateChunkSize", src: `
			const rs = new ReadableStream({ type: "bytes", autoAllocateChunkSize: 16, pull(c) {
				const v = c.byobRequest.view; v[0] = 42; c.byobRequest.respond(1); c.close();
			} });
			const { value } = await rs.getReader().read();
			return [value.length, value[0]]`,
			want: `[1,42]`},
		{name: "min fills at least n elements", src: `
			let n = 0;
			const rs = new ReadableStream({ type: "bytes", pull(c) { c.enqueue(new Uint8Array([++n])) } });
			const { value } = await rs.getReader({ mode: "byob" }).read(new Uint8Array(3), { min: 3 });
			return Array.from(value)`,
			want: `[1,2,3]`},
		{name: "zero-length enqueue", src: `
			new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array(0)) } })`,
			wantErr: "TypeError: Cannot enqueue a zero-length ArrayBuffer."},
		{name: "tee of a byte stream", src: `
			const rs = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2])); c.close() } });
			const [a, b] = rs.tee();
			const x = await a.getReader({ mode: "byob" }).read(new Uint8Array(8));
			const y = await b.getReader().read();
			return [Array.from(x.value), Array.from(y.value)]`,
			want: `[[1,2],[1,2]]`},
	})
}

func TestWritableAndTransformStreams(t *testing.T) {
	runCases(t, []jsCase{
		{name: "writes reach the sink in order", src: `
			const seen = [];
			const ws = new WritableStream({ write(c) { seen.push(c) }, close() { seen.push("closed") } });
			const w = ws.getWriter();
			await w.write(1); await w.write(2); await w.close();
			return seen`,
			want: `[1,2,"closed"]`},
		{name: "write after close", src: `
			const w = new WritableStream().getWriter(); w.close(); await w.write(1)`,
			wantErr: "TypeError: This WritableStream has been closed."},
		{name: "locked writable", src: `const ws = new WritableStream(); ws.getWriter(); ws.getWriter()`,
			wantErr: "TypeError: This WritableStream is currently locked to a writer."},
		{name: "released writer", src: `
			const w = new WritableStream().getWriter(); w.releaseLock(); await w.write(1)`,
			wantErr: "TypeError: This WritableStream writer has been released."},
		{name: "sink error errors the stream", src: `
			const w = new WritableStream({ write() { throw new Error("sink") } }).getWriter();
			const a = await w.write(1).catch((e) => e.message);
			const b = await w.closed.catch((e) => e.message);
			return [a, b, w.desiredSize]`,
			want: `["sink","sink",null]`},
		{name: "abort reaches the sink", src: `
			let why; const ws = new WritableStream({ abort(r) { why = r } });
			await ws.abort("x"); return why`, want: "x"},
		{name: "controller signal", src: `
			let ctl; const ws = new WritableStream({ start(c) { ctl = c } });
			await ws.abort("r"); return [ctl.signal.aborted, ctl.signal.reason]`,
			want: `[true,"r"]`},
		{name: "backpressure and ready", src: `
			let release;
			const ws = new WritableStream({ write() { return new Promise((r) => release = r) } }, { highWaterMark: 1 });
			const w = ws.getWriter();
			const sizes = [w.desiredSize];
			w.write("a");
			sizes.push(w.desiredSize);
			await null;
			release();
			await w.ready;
			sizes.push(w.desiredSize);
			return sizes`,
			want: `[1,0,1]`},
		{name: "transform stream uppercases", src: `
			const ts = new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()) } });
			const w = ts.writable.getWriter();
			w.write("a"); w.write("b"); w.close();
			const out = [];
			for await (const v of ts.readable) out.push(v);
			return out`,
			want: `["A","B"]`},
		{name: "identity transform with flush", src: `
			const ts = new TransformStream({ flush(c) { c.enqueue("end") } });
			const w = ts.writable.getWriter(); w.write("x"); w.close();
			const out = []; for await (const v of ts.readable) out.push(v); return out`,
			want: `["x","end"]`},
		{name: "terminate", src: `
			const ts = new TransformStream({ start(c) { c.terminate() } });
			const w = ts.writable.getWriter();
			return [await w.closed.catch((e) => e.message), (await ts.readable.getReader().read()).done]`,
			want: `["The transform stream has been terminated",true]`},
		{name: "pipeTo", src: `
			const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close() } });
			const seen = [];
			await rs.pipeTo(new WritableStream({ write(c) { seen.push(c) }, close() { seen.push("closed") } }));
			return seen`,
			want: `[1,2,"closed"]`},
		{name: "pipeThrough", src: `
			const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close() } });
			const out = rs.pipeThrough(new TransformStream({ transform(x, c) { c.enqueue(x * 10) } }));
			const seen = []; for await (const v of out) seen.push(v); return seen`,
			want: `[10,20]`},
		{name: "pipeTo propagates a source error", src: `
			const rs = new ReadableStream({ start(c) { c.error(new Error("src")) } });
			let aborted;
			await rs.pipeTo(new WritableStream({ abort(r) { aborted = r.message } })).catch((e) => e.message);
			return aborted`,
			want: "src"},
		{name: "pipeTo with an aborted signal", src: `
			const rs = new ReadableStream();
			await rs.pipeTo(new WritableStream(), { signal: AbortSignal.abort() })`,
			wantErr: "AbortError: The operation was aborted"},
		{name: "pipeTo into a locked writable", src: `
			const ws = new WritableStream(); ws.getWriter(); await new ReadableStream().pipeTo(ws)`,
			wantErr: "TypeError: This WritableStream is currently locked to a writer"},
		{name: "identity transform stream is bytes only", src: `
			const { readable, writable } = new IdentityTransformStream();
			const w = writable.getWriter();
			w.write("hi"); w.write(new Uint8Array([33])); w.close();
			const r = readable.getReader({ mode: "byob" });
			const { value } = await r.read(new Uint8Array(8));
			const rest = await r.read(new Uint8Array(8));
			return [Array.from(value), Array.from(rest.value)]`,
			want: `[[104,105],[33]]`},
		{name: "identity transform rejects objects", src: `
			const w = new IdentityTransformStream().writable.getWriter(); await w.write({})`,
			wantErr: "TypeError: This TransformStream is being used as a byte stream, but received an object of " +
				"non-ArrayBuffer/ArrayBufferView type on its writable side."},
		{name: "fixed length stream too long", src: `
			const { writable } = new FixedLengthStream(1);
			await writable.getWriter().write(new Uint8Array(2))`,
			wantErr: "TypeError: Attempt to write too many bytes through a FixedLengthStream."},
		{name: "fixed length stream too short", src: `
			const { writable } = new FixedLengthStream(3);
			const w = writable.getWriter(); await w.write(new Uint8Array(2)); await w.close()`,
			wantErr: "TypeError: FixedLengthStream did not see all expected bytes before close()."},
	})
}
