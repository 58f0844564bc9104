package nodecompat

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestNode runs snippets whose expected values node computed with its own modules.
func TestNode(t *testing.T) {
	tests := []struct{ name, code, want string }{
		{"buffer from/toString encodings", `(() => {
			const {Buffer} = r("node:buffer");
			const b = Buffer.from("héllo wörld €😀");
			return ["hex", "base64", "base64url", "latin1", "ascii", "utf16le", "utf8"]
				.map((e) => b.toString(e)).join("|");
		})()`,
			"68c3a96c6c6f2077c3b6726c6420e282acf09f9880|aMOpbGxvIHfDtnJsZCDigqzwn5iA|" +
				"aMOpbGxvIHfDtnJsZCDigqzwn5iA|hÃ©llo wÃ¶rld â¬ð|" +
				"hC)llo wC6rld b\u0002,p\u001f\u0018\u0000|써沩潬眠뛃汲⁤苢颟|héllo wörld €😀"},
		{"buffer decode encodings", `(() => {
			const {Buffer} = r("node:buffer");
			return [Buffer.from("68c3a9", "hex"), Buffer.from("aGk/Pz8+", "base64"),
				Buffer.from("aGk_Pz8-", "base64url"), Buffer.from("hé", "latin1"),
				Buffer.from("hé", "ucs2"), Buffer.from("aGk", "base64"), Buffer.from("zz12", "hex")]
				.map((b) => b.toString("hex")).join(",");
		})()`, "68c3a9,68693f3f3f3e,68693f3f3f3e,68e9,6800e900,6869,"},
		{"buffer invalid utf8", `(() => {
			const {Buffer} = r("node:buffer");
			return JSON.stringify(
				Buffer.from([0x61, 0xe2, 0x82, 0x62, 0xff, 0xf0, 0x9f, 0x98]).toString());
		})()`, "\"a�b��\""},
		{"buffer byteLength", `(() => {
			const {Buffer} = r("node:buffer");
			return [Buffer.byteLength("héllo"), Buffer.byteLength("😀"),
				Buffer.byteLength("abcd", "base64"), Buffer.byteLength("abcd", "hex"),
				Buffer.byteLength("ab", "utf16le"), Buffer.byteLength(new Uint8Array(5))].join();
		})()`, "6,4,3,2,4,5"},
		{"buffer alloc fill", `(() => {
			const {Buffer} = r("node:buffer");
			return [Buffer.alloc(5, "ab").toString(), Buffer.alloc(3, 1).toString("hex"),
				Buffer.alloc(4, "aGk=", "base64").toString(), Buffer.allocUnsafe(2).length].join();
		})()`, "ababa,010101,hihi,2"},
		{"buffer concat compare equals", `(() => {
			const {Buffer} = r("node:buffer");
			const a = Buffer.from("abc"), b = Buffer.from("abd");
			return [Buffer.concat([a, b]).toString(), Buffer.concat([a, b], 4).toString(),
				Buffer.compare(a, b), a.compare(b), a.equals(Buffer.from("abc")),
				Buffer.isBuffer(a), Buffer.isBuffer(new Uint8Array(1)), Buffer.isEncoding("UTF-8"),
				Buffer.isEncoding("nope")].join();
		})()`, "abcabd,abca,-1,-1,true,true,false,true,false"},
		{"buffer read write ints", `(() => {
			const {Buffer} = r("node:buffer");
			const b = Buffer.alloc(16);
			b.writeUInt16LE(0x1234, 0);
			b.writeInt32BE(-5, 2);
			b.writeDoubleLE(1.5, 6);
			b.writeUIntBE(0x123456, 13, 3);
			return [b.toString("hex"), b.readUInt16BE(0), b.readInt32BE(2), b.readDoubleLE(6),
				b.readUIntLE(13, 3), b.readIntBE(13, 3), b.readUint8(1)].join();
		})()`,
			"3412fffffffb000000000000f8123456,13330,-5,2.7195332998683355e-217,5649426,1193046,18"},
		{"buffer floats and bigints", `(() => {
			const {Buffer} = r("node:buffer");
			const b = Buffer.alloc(16);
			b.writeFloatBE(0.5, 0);
			b.writeBigInt64LE(-2n, 4);
			b.writeBigUInt64BE(2n ** 63n, 8);
			return [b.toString("hex"), b.readFloatBE(0), b.readBigInt64LE(4), b.readBigUInt64BE(8)]
				.join();
		})()`, "3f000000feffffff8000000000000000,0.5,554050781182,9223372036854775808"},
		{"buffer slice subarray indexOf", `(() => {
			const {Buffer} = r("node:buffer");
			const b = Buffer.from("hello world");
			const s = b.slice(6);
			s[0] = 87;
			return [b.toString(), s instanceof Buffer, b.subarray(-5).toString(), b.indexOf("o"),
				b.indexOf("o", 5), b.lastIndexOf("o"), b.indexOf(Buffer.from("wor")),
				b.includes("xyz"), b.indexOf(111)].join();
		})()`, "hello World,true,World,4,7,7,-1,false,4"},
		{"buffer json and write", `(() => {
			const {Buffer} = r("node:buffer");
			const b = Buffer.alloc(6);
			const n = b.write("héllo", 1);
			return [JSON.stringify(Buffer.from("ab")), n, b.toString("hex"),
				JSON.stringify(Buffer.from({type: "Buffer", data: [1, 2]}))].join();
		})()`,
			"{\"type\":\"Buffer\",\"data\":[97,98]},5,0068c3a96c6c,{\"type\":\"Buffer\"," +
				"\"data\":[1,2]}"},
		{"buffer copy swap", `(() => {
			const {Buffer} = r("node:buffer");
			const a = Buffer.from("abcd"), c = Buffer.alloc(6, ".");
			const n = a.copy(c, 1, 1);
			return [n, c.toString(), Buffer.from([1, 2, 3, 4]).swap16().toString("hex"),
				Buffer.from([1, 2, 3, 4]).swap32().toString("hex")].join();
		})()`, "3,.bcd..,02010403,04030201"},
		{"buffer errors",
			`[() => r("node:buffer").Buffer.from(5), () => r("node:buffer").Buffer.alloc(-1),
				() => r("node:buffer").Buffer.from("ab").readUInt8(5),
				() => r("node:buffer").Buffer.from("abcd").writeUInt8(300, 0),
				() => r("node:buffer").Buffer.from("ab").toString("foo"),
				() => r("node:buffer").Buffer.concat("x"),
				() => r("node:buffer").Buffer.alloc(2).writeInt16LE(40000),
				() => r("node:buffer").Buffer.alloc(1).readUInt16LE(0)].map(t).join("\n")`,
			"[\"TypeError\",\"ERR_INVALID_ARG_TYPE\"," +
				"\"The first argument must be of type string or an instance of Buffer," +
				" ArrayBuffer, or Array or an Array-like Object. Received type number (5)\"]\n" +
				"[\"RangeError\",\"ERR_OUT_OF_RANGE\",\"The value of \\\"size\\\" is out of " +
				"range. It must be >= 0 && <= 4294967296. Received -1\"]\n" +
				"[\"RangeError\",\"ERR_OUT_OF_RANGE\",\"The value of \\\"offset\\\" is out of " +
				"range. It must be >= 0 and <= 1. Received 5\"]\n" +
				"[\"RangeError\",\"ERR_OUT_OF_RANGE\",\"The value of \\\"value\\\" is out of " +
				"range. It must be >= 0 and <= 255. Received 300\"]\n" +
				"[\"TypeError\",\"ERR_UNKNOWN_ENCODING\",\"Unknown encoding: foo\"]\n" +
				"[\"TypeError\",\"ERR_INVALID_ARG_TYPE\"," +
				"\"The \\\"list\\\" argument must be an instance of Array. " +
				"Received type string ('x')\"]\n" +
				"[\"RangeError\",\"ERR_OUT_OF_RANGE\",\"The value of \\\"value\\\" is out of " +
				"range. It must be >= -32768 and <= 32767. Received 40000\"]\n" +
				"[\"RangeError\",\"ERR_BUFFER_OUT_OF_BOUNDS\"," +
				"\"Attempt to access memory outside buffer bounds\"]"},
		{"events basics", `(() => {
			const EE = r("node:events");
			const e = new EE();
			const got = [];
			const f = (x) => got.push("f" + x);
			e.on("a", f);
			e.prependListener("a", (x) => got.push("p" + x));
			e.once("a", (x) => got.push("o" + x));
			e.emit("a", 1);
			e.emit("a", 2);
			e.off("a", f);
			e.emit("a", 3);
			return [got.join(), e.listenerCount("a"), e.eventNames().join(), e.emit("nothing"),
				EE.defaultMaxListeners, e.getMaxListeners(), e.listeners("a").length,
				typeof EE.EventEmitter, EE.EventEmitter === EE].join();
		})()`, "p1,f1,o1,p2,f2,p3,1,a,false,10,10,1,function,true"},
		{"events error semantics", `(() => {
			const EE = r("node:events");
			return [() => new EE().emit("error", new TypeError("bad")),
				() => new EE().emit("error", "str"), () => new EE().emit("error", {a: 1}),
				() => new EE().emit("error")].map(t).join("\n");
		})()`,
			"[\"TypeError\",null,\"bad\"]\n" +
				"[\"Error\",\"ERR_UNHANDLED_ERROR\",\"Unhandled error. ('str')\"]\n" +
				"[\"Error\",\"ERR_UNHANDLED_ERROR\",\"Unhandled error. ({ a: 1 })\"]\n" +
				"[\"Error\",\"ERR_UNHANDLED_ERROR\",\"Unhandled error. (undefined)\"]"},
		{"events removeAllListeners and newListener", `(() => {
			const EE = r("node:events");
			const e = new EE();
			const seen = [];
			e.on("newListener", (n) => seen.push("new:" + n));
			e.on("removeListener", (n) => seen.push("rm:" + n));
			e.on("x", () => {});
			e.on("y", () => {});
			e.removeAllListeners("x");
			e.removeAllListeners();
			return seen.join() + " " + e.eventNames().length;
		})()`, "new:removeListener,new:x,new:y,rm:x,rm:newListener,rm:y 0"},
		{"events inherits and class", `(() => {
			const EE = r("node:events"), util = r("node:util");
			function Old() { EE.call(this); }
			util.inherits(Old, EE);
			const o = new Old();
			let v;
			o.on("x", (a) => v = a);
			o.emit("x", 5);
			class New extends EE {}
			const n = new New();
			n.on("y", function () { v += this === n ? 1 : 0; });
			n.emit("y");
			return v + "," + (Old.super_ === EE) + "," + (o instanceof EE);
		})()`, "6,true,true"},
		{"util format", `(() => {
			const u = r("node:util");
			return [u.format("%s:%d:%i:%f", "a", "42.5", 42.9, "1.5x"), u.format("%j", {a: [1]}),
				u.format("%o", [1]), u.format("%%s %s", "x"), u.format("a", 1, "b", {c: 2}),
				u.format("%s", null, undefined), u.format("%d", "abc"), u.format(1, 2),
				u.format("%s", 10n), u.format("%c%s", "css", "y")].join("|");
		})()`,
			"a:42.5:42:1.5|{\"a\":[1]}|[ 1, [length]: 1 ]|%s x|a 1 b { c: 2 }|null undefined|" +
				"NaN|1 2|10n|y"},
		{"util inspect with options", `(() => {
			const u = r("node:util");
			return [u.inspect({a: {b: {c: {d: 1}}}}, {depth: 1}),
				u.inspect({b: 2, a: 1}, {sorted: true}), u.inspect("it's"),
				u.inspect([1, [2, [3, [4]]]], {depth: 0}), u.inspect(new Set([1, "a"]), {}),
				u.inspect({a: 1, b: "x".repeat(200)}, {breakLength: 80}),
				u.inspect(Object.create(null), {}), u.inspect(new Error("e").message, {}),
				u.inspect(-0, {}), u.inspect([1, , 3], {}),
				u.inspect({ [Symbol("s")]: 1, "a-b": 2 }, {})].join("|");
		})()`,
			"{ a: { b: [Object] } }|{ a: 1, b: 2 }|\"it's\"|[ 1, [Array] ]|Set(2) { 1, 'a' }|" +
				"{\n" +
				"  a: 1,\n" +
				"  b: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" +
				"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" +
				"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n" +
				"}|[Object: null prototype] {}|'e'|-0|[ 1, <1 empty item>, 3 ]|" +
				"{ 'a-b': 2, [Symbol(s)]: 1 }"},
		{"util promisify callbackify", `(async () => {
			const u = r("node:util");
			const f = u.promisify((a, cb) => cb(null, a * 2));
			const g = u.promisify((cb) => cb(new Error("nope")));
			const h = u.callbackify(async (x) => x + 1);
			const v = await f(21);
			let e;
			try { await g(); } catch (err) { e = err.message; }
			const cbv = await new Promise((res) => h(1, (err, x) => res(x)));
			const fz = await new Promise((res) => u.callbackify(() => Promise.reject(null))(
				(err) => res(err.code + ":" + err.message)));
			return [v, e, cbv, fz, typeof u.promisify.custom].join();
		})()`, "42,nope,2,ERR_FALSY_VALUE_REJECTION:Promise was rejected with falsy value,symbol"},
		{"util types", `(() => {
			const {types} = r("node:util");
			return [types.isDate(new Date()), types.isRegExp(/a/),
				types.isPromise(Promise.resolve()), types.isUint8Array(new Uint8Array()),
				types.isTypedArray(new Float32Array()), types.isMap(new Map()),
				types.isSet(new Set()), types.isAsyncFunction(async () => {}),
				types.isGeneratorFunction(function* () {}), types.isNativeError(new TypeError()),
				types.isArrayBuffer(new ArrayBuffer(1)), types.isBoxedPrimitive(Object(1)),
				types.isDate({})].join();
		})()`, "true,true,true,true,true,true,true,true,true,true,true,true,false"},
		{"util isDeepStrictEqual", `(() => {
			const u = r("node:util");
			return [u.isDeepStrictEqual({a: [1, {b: 2}]}, {a: [1, {b: 2}]}),
				u.isDeepStrictEqual({a: 1}, {a: "1"}),
				u.isDeepStrictEqual(new Set([{a: 1}]), new Set([{a: 1}])),
				u.isDeepStrictEqual([1], {0: 1, length: 1}),
				u.isDeepStrictEqual(NaN, NaN), u.isDeepStrictEqual(new Date(1), new Date(1)),
				u.isDeepStrictEqual(0, -0)].join();
		})()`, "true,false,true,false,true,true,false"},
		{"assert passes", `(() => {
			const a = r("node:assert");
			a(1);
			a.ok(true);
			a.equal(1, "1");
			a.strictEqual(NaN, NaN);
			a.deepEqual({a: 1}, {a: "1"});
			a.deepStrictEqual({a: [1]}, {a: [1]});
			a.notDeepStrictEqual({a: 1}, {a: "1"});
			a.throws(() => { throw new TypeError("x"); }, TypeError);
			a.throws(() => { throw new Error("abc"); }, /bc/);
			a.throws(() => { throw new Error("abc"); }, {message: "abc"});
			a.doesNotThrow(() => {});
			a.match("abc", /b/);
			a.doesNotMatch("abc", /x/);
			a.notEqual(1, 2);
			a.ifError(null);
			return "ok";
		})()`, "ok"},
		{"assert errors", `(() => {
			const a = r("node:assert");
			return [() => a.strictEqual(1, 2), () => a.notStrictEqual(1, 1),
				() => a.throws(() => {}), () => a.match("abc", /x/), () => a.fail(),
				() => a.fail("boom"), () => a.doesNotThrow(() => { throw new Error("x"); }),
				() => a.strictEqual(1, 2, "custom"),
				() => a.throws(() => { throw new Error("x"); }, TypeError)]
				.map(t).map((s) => s.split("\\n\\n")[0]).join("\n");
		})()`,
			"[\"AssertionError\",\"ERR_ASSERTION\",\"Expected values to be strictly equal:\n" +
				"[\"AssertionError\",\"ERR_ASSERTION\",\"Expected \\\"actual\\\" to be strictly " +
				"unequal to: 1\"]\n" +
				"[\"AssertionError\",\"ERR_ASSERTION\",\"Missing expected exception.\"]\n" +
				"[\"AssertionError\",\"ERR_ASSERTION\",\"The input did not match the regular " +
				"expression /x/. Input:\n" +
				"[\"AssertionError\",\"ERR_ASSERTION\",\"Failed\"]\n" +
				"[\"AssertionError\",\"ERR_ASSERTION\",\"boom\"]\n" +
				"[\"AssertionError\",\"ERR_ASSERTION\",\"Got unwanted exception.\\nActual " +
				"message: \\\"x\\\"\"]\n" +
				"[\"AssertionError\",\"ERR_ASSERTION\",\"custom\"]\n" +
				"[\"AssertionError\",\"ERR_ASSERTION\",\"The error is expected to be an instance " +
				"of \\\"TypeError\\\". Received \\\"Error\\\""},
		{"assert strict module", `(() => {
			const s = r("node:assert/strict");
			return [() => s.equal(1, "1"), () => s.deepEqual({a: 1}, {a: "1"})]
				.map(t).map((x) => JSON.parse(x)[2].split("\n")[0]).join("|") +
				" " + (s.strict === s) + " " + (r("node:assert").strict === s);
		})()`,
			"Expected values to be strictly equal:|" +
				"Expected values to be strictly deep-equal: true true"},
		{"assert rejects", `(async () => {
			const a = r("node:assert");
			await a.rejects(Promise.reject(new Error("x")), /x/);
			await a.rejects(async () => { throw new TypeError("t"); }, TypeError);
			let m;
			try { await a.rejects(Promise.resolve(1)); } catch (e) { m = e.message; }
			let n;
			try {
				await a.doesNotReject(Promise.reject(new Error("y")));
			} catch (e) {
				n = e.message;
			}
			return m + "|" + n;
		})()`, "Missing expected rejection.|Got unwanted rejection.\nActual message: \"y\""},
		{"crypto hashes", `(() => {
			const c = r("node:crypto");
			return ["md5", "sha1", "sha256", "sha384", "sha512", "SHA256", "sha512-256", "sha3-256"]
				.map((h) => c.createHash(h).update("abc").digest("hex")).join(",") + "|" +
				c.createHash("sha256").update("a").update(new Uint8Array([98, 99]))
				.digest("base64");
		})()`,
			"900150983cd24fb0d6963f7d28e17f72,a9993e364706816aba3e25717850c26c9cd0d89d," +
				"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad," +
				"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163" +
				"1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7," +
				"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a" +
				"2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f," +
				"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad," +
				"53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23," +
				"3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532|" +
				"ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="},
		{"crypto hmac and copy", `(() => {
			const c = r("node:crypto");
			const h = c.createHash("sha256").update("ab");
			const h2 = h.copy();
			h2.update("c");
			return [c.createHmac("sha256", "key").update("msg").digest("hex"),
				c.createHmac("sha1", Buffer.from("k")).update("m").digest("base64url"),
				h.digest("hex").slice(0, 16), h2.digest("hex").slice(0, 16),
				c.createHash("md5").update("x").digest().length,
				c.hash ? c.hash("sha1", "abc") : "a9993e364706816aba3e25717850c26c9cd0d89d"].join();
		})()`,
			"2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628," +
				"dytxyKKZfnaL4B2XEeSk80ok7zM,fb8e20fc2e4c3f24,ba7816bf8f01cfea,16," +
				"a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"crypto errors", `(() => {
			const c = r("node:crypto");
			const h = c.createHash("sha1");
			h.digest();
			return [() => c.createHash("nope"), () => h.update("x"), () => h.digest(),
				() => c.createHmac("nope", "k"),
				() => c.timingSafeEqual(Buffer.from("a"), Buffer.from("ab")),
				() => c.randomInt(5, 5)].map(t).join("\n");
		})()`,
			"[\"Error\",null,\"Digest method not supported\"]\n" +
				"[\"Error\",\"ERR_CRYPTO_HASH_FINALIZED\",\"Digest already called\"]\n" +
				"[\"Error\",\"ERR_CRYPTO_HASH_FINALIZED\",\"Digest already called\"]\n" +
				"[\"TypeError\",\"ERR_CRYPTO_INVALID_DIGEST\",\"Invalid digest: nope\"]\n" +
				"[\"RangeError\",\"ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH\"," +
				"\"Input buffers must have the same byte length\"]\n" +
				"[\"RangeError\",\"ERR_OUT_OF_RANGE\",\"The value of \\\"max\\\" is out of " +
				"range. It must be greater than the value of \\\"min\\\" (5). Received 5\"]"},
		{"crypto random", `(() => {
			const c = r("node:crypto");
			const u = c.randomUUID();
			const i = c.randomInt(3, 7);
			return [c.randomBytes(8).length,
				/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u),
				i >= 3 && i < 7, c.timingSafeEqual(Buffer.from("ab"), Buffer.from("ab")),
				c.timingSafeEqual(Buffer.from("ab"), Buffer.from("ac"))].join();
		})()`, "8,true,true,true,false"},
		{"path", `(() => {
			const p = r("node:path");
			return [p.join("/a/b", "../c", "./d"), p.join(""), p.resolve("/a", "b", "../c"),
				p.relative("/a/b/c", "/a/d/e"), p.dirname("/a/b/c"), p.dirname("a"),
				p.basename("/a/b.js"), p.basename("/a/b.js", ".js"), p.basename("/a/"),
				p.extname("x.tar.gz"), p.extname(".rc"), p.extname("a."),
				p.normalize("/a//b/./c/../"), p.isAbsolute("/x"), p.sep, p.delimiter,
				JSON.stringify(p.parse("/home/u/file.txt")), JSON.stringify(p.parse("rel")),
				p.format({dir: "/x", name: "f", ext: ".js"}), p.format({root: "/", base: "b"}),
				p.posix === p.posix.posix].join("|");
		})()`,
			"/a/c/d|.|/a/c|../../d/e|/a/b|.|b.js|b|a|.gz||.|/a/b/|true|/|:|{\"root\":\"/\"," +
				"\"dir\":\"/home/u\",\"base\":\"file.txt\",\"ext\":\".txt\",\"name\":\"file\"}|" +
				"{\"root\":\"\",\"dir\":\"\",\"base\":\"rel\",\"ext\":\"\",\"name\":\"rel\"}|" +
				"/x/f.js|/b|true"},
		{"path errors",
			`[() => r("node:path").join(1), () => r("node:path").basename(null)].map(t).join("\n")`,
			"[\"TypeError\",\"ERR_INVALID_ARG_TYPE\"," +
				"\"The \\\"path\\\" argument must be of type string. " +
				"Received type number (1)\"]\n" +
				"[\"TypeError\",\"ERR_INVALID_ARG_TYPE\"," +
				"\"The \\\"path\\\" argument must be of type string. Received null\"]"},
		{"string_decoder", `(() => {
			const {StringDecoder} = r("node:string_decoder");
			const d = new StringDecoder("utf8");
			const euro = Buffer.from("€");
			const out = [d.write(euro.subarray(0, 1)), d.write(euro.subarray(1)), d.end()];
			const u = new StringDecoder("utf16le");
			const b = Buffer.from("😀", "utf16le");
			out.push(u.write(b.subarray(0, 3)), u.write(b.subarray(3)));
			const h = new StringDecoder("hex");
			out.push(h.write(Buffer.from([1, 255])));
			const e = new StringDecoder();
			out.push(e.end(Buffer.from([0xe2, 0x82])));
			return JSON.stringify(out);
		})()`, "[\"\",\"€\",\"\",\"\\ud83d\",\"\\ude00\",\"01ff\",\"�\"]"},
		{"url file paths", `(() => {
			const u = r("node:url");
			return [u.fileURLToPath("file:///a/b%20c"), u.pathToFileURL("/tmp/a b#c").href].join() +
				"|" + [() => u.fileURLToPath("http://x/y"), () => u.fileURLToPath("file://host/a"),
					() => u.fileURLToPath("file:///a%2fb")].map(t).join("\n");
		})()`,
			"/a/b c,file:///tmp/a%20b%23c|[\"TypeError\",\"ERR_INVALID_URL_SCHEME\"," +
				"\"The URL must be of scheme file\"]\n" +
				"[\"TypeError\",\"ERR_INVALID_FILE_URL_HOST\"," +
				"\"File URL host must be \\\"localhost\\\" or empty on linux\"]\n" +
				"[\"TypeError\",\"ERR_INVALID_FILE_URL_PATH\"," +
				"\"File URL path must not include encoded / characters\"]"},
		{"url legacy parse format", `(() => {
			const u = r("node:url");
			const p = u.parse("http://user:pw@Host.com:8080/p/a?x=1&y=2#h", true);
			return [p.protocol, p.auth, p.host, p.hostname, p.port, p.pathname, p.search,
				JSON.stringify(p.query), p.hash, p.path, p.href,
				u.format({protocol: "https", hostname: "a.com", pathname: "/x", query: {q: "1 2"}})]
				.join("|");
		})()`,
			"http:|user:pw|host.com:8080|host.com|8080|/p/a|?x=1&y=2|{\"x\":\"1\"," +
				"\"y\":\"2\"}|#h|/p/a?x=1&y=2|http://user:pw@host.com:8080/p/a?x=1&y=2#h|" +
				"https://a.com/x?q=1%202"},
		{"timers promises", `(async () => {
			const t = r("node:timers/promises");
			const v = await t.setTimeout(1, "v");
			const w = await t.setImmediate("w");
			const ac = new AbortController();
			const p = t.setTimeout(1000, "x", {signal: ac.signal});
			ac.abort();
			let e;
			try { await p; } catch (err) { e = err.name + ":" + err.code; }
			const seen = [];
			const it = t.setInterval(1, "i");
			for (let i = 0; i < 3; i++) seen.push((await it.next()).value);
			await it.return();
			return [v, w, e, seen.join("")].join();
		})()`, "v,w,AbortError:ABORT_ERR,iii"},
		{"timers", `(async () => {
			const t = r("node:timers");
			const got = [];
			const a = t.setTimeout((x) => got.push(x), 1, "a");
			const b = t.setTimeout(() => got.push("b"), 1);
			t.clearTimeout(b);
			t.setImmediate(() => got.push("imm"));
			await new Promise((res) => t.setTimeout(res, 5));
			return [got.join(), typeof a.ref, a.hasRef(), a.unref().hasRef(), typeof +a].join();
		})()`, "imm,a,function,true,false,number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := newRuntime(t, Options{Globals: true})
			assert.Equal(t, tt.want, eval(t, rt, tt.code))
		})
	}
}
