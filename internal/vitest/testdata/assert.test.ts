import { assert, it } from "vitest";

class Tea {}

it("assert", () => assert(false, "custom message"));
it("assert without message", () => assert(0));
it("ok", () => assert.ok(0));
it("ok with message", () => assert.ok("", "needs a value"));
it("equal", () => assert.equal(1, 2));
it("equal coerces", () => assert.equal("1", 1));
it("notEqual", () => assert.notEqual(3, 3));
it("strictEqual", () => assert.strictEqual("1", 1));
it("deepEqual", () => assert.deepEqual({ a: 1 }, { a: 2 }));
it("deepEqual passes", () => assert.deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
it("notDeepEqual", () => assert.notDeepEqual([1], [1]));
it("isTrue", () => assert.isTrue(1));
it("isFalse", () => assert.isFalse(0));
it("isNull", () => assert.isNull(undefined));
it("isUndefined", () => assert.isUndefined(null));
it("isDefined", () => assert.isDefined(undefined));
it("isFunction", () => assert.isFunction({}));
it("isObject", () => assert.isObject(null));
it("isString", () => assert.isString(1));
it("isNumber", () => assert.isNumber("1"));
it("instanceOf", () => assert.instanceOf({}, Tea));
it("include string", () => assert.include("foobar", "baz"));
it("include array", () => assert.include([1, 2], 3));
it("include object", () => assert.include({ a: 1 }, { b: 2 }));
it("include object value", () => assert.include({ a: 1 }, { a: 2 }));
it("throws nothing", () => assert.throws(() => {}));
it("throws wrong type", () => assert.throws(() => { throw new TypeError("x"); }, RangeError));
it("throws wrong message", () => assert.throws(() => { throw new Error("abc"); }, "xyz"));
it("throws returns the error", () => {
  const err = assert.throws(() => { throw new Error("abc"); }, /ab/);
  assert.equal(err.message, "abc");
});
it("fail", () => assert.fail("explicit"));
it("fail without message", () => assert.fail());
