// exports.js: the "vitest" module as test files import it, and the globals of globals: true.
"use strict";
(function (lib, core, run, vi, assert) {
  // typeCheck is the runtime form of expectTypeOf: type assertions are checked by tsc, so at
  // run time every property and call simply returns something that allows more of them.
  const typeCheck = new Proxy(function () {}, {
    get: (target, key) => (key === Symbol.toPrimitive ? () => "expectTypeOf" : typeCheck),
    apply: () => typeCheck,
  });

  function unsupportedBench() {
    throw new Error("dotest does not run benchmarks: bench() is only available in vitest's benchmark mode " +
      "(vitest bench). Run benchmarks with vitest itself.");
  }

  // bench registers a test that fails when it runs, so a benchmark is reported rather than
  // silently dropped; bench.skip and bench.todo stay skipped.
  function makeBench(test) {
    const bench = (name) => test(name, unsupportedBench);
    bench.skip = (name) => test.skip(name, unsupportedBench);
    bench.only = (name) => test.only(name, unsupportedBench);
    bench.todo = (name) => test.todo(name);
    bench.skipIf = (condition) => (condition ? bench.skip : bench);
    bench.runIf = (condition) => (condition ? bench : bench.skip);
    return bench;
  }

  const exports = {
    describe: core.suite,
    suite: core.suite,
    it: core.test,
    test: core.test,
    beforeAll: core.hooks.beforeAll,
    afterAll: core.hooks.afterAll,
    beforeEach: core.hooks.beforeEach,
    afterEach: core.hooks.afterEach,
    onTestFinished: run.onTestFinished,
    onTestFailed: run.onTestFailed,
    expect: lib.expect,
    vi,
    vitest: vi,
    assert,
    expectTypeOf: () => typeCheck,
    assertType: () => undefined,
    inject: () => undefined,
    bench: makeBench(core.test),
  };

  const globalNames = [
    "suite", "test", "describe", "it", "expect", "assert", "expectTypeOf", "assertType", "vitest", "vi",
    "beforeAll", "afterAll", "beforeEach", "afterEach", "onTestFinished", "onTestFailed",
  ];

  function defineGlobals() {
    for (const name of globalNames) {
      Object.defineProperty(globalThis, name, { value: exports[name], writable: true, configurable: true });
    }
  }

  return { exports, defineGlobals };
})
