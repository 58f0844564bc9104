// run.js: running the collected tree in vitest 4's order. Suites run beforeAll, their
// children and afterAll; each attempt of a test runs beforeEach (outer suites first), the
// body, the expect checks, afterEach (inner first, each suite's hooks last-registered first),
// the cleanups that beforeEach hooks returned, the fixture teardowns, onTestFinished and, if
// it failed, onTestFailed. Every hook and body runs under a real-time deadline that the host
// also watches for synchronous infinite loops.
"use strict";
(function (host, lib, core, fixtures, config) {
  const { file, state } = core;
  const fileFixtures = fixtures.createFileState();
  const SCOPE = { suite: 1, test: 2 };

  class PendingError extends Error {
    constructor(message, test, note) {
      super(message);
      this.code = "VITEST_PENDING";
      this.taskId = test.id;
      this.note = note;
    }
  }

  // HookFailure carries an error out of a hook together with the hook's name.
  class HookFailure {
    constructor(error, origin) {
      this.error = error;
      this.origin = origin;
    }
  }

  function timeoutMessage(isHook, timeout) {
    const what = isHook ? "Hook" : "Test";
    const option = isHook ? "hookTimeout" : "testTimeout";
    return `${what} timed out in ${timeout}ms.\nIf this is a long-running ${what.toLowerCase()}, pass a timeout ` +
      `value as the last argument or configure it globally with "${option}".`;
  }

  function timeoutError(message, stackError) {
    const err = new Error(message);
    if (stackError && stackError.stack) err.stack = stackError.stack;
    return err;
  }

  // withTimeout calls fn and settles with it, or rejects with vitest's timeout error when it
  // has not settled after timeout ms of real time. owner is the index of the test it belongs
  // to, or -1 for suite hooks.
  function withTimeout(fn, timeout, isHook, stackError, owner, onTimeout, message) {
    if (!(timeout > 0) || timeout === Infinity) {
      return new Promise((resolve) => resolve(fn()));
    }
    return new Promise((resolve, reject) => {
      const start = host.now();
      message ??= timeoutMessage(isHook, timeout);
      const expire = () => {
        const err = timeoutError(message, stackError);
        if (onTimeout) onTimeout(err);
        reject(err);
      };
      const id = host.deadline(timeout, message, owner, expire);
      const done = (value) => {
        host.cancelDeadline(id);
        // A body that kept the loop busy past its deadline fails even if it then settled.
        if (host.now() - start >= timeout) expire();
        else resolve(value);
      };
      const fail = (err) => {
        host.cancelDeadline(id);
        reject(err);
      };
      try {
        const result = fn();
        if (result !== null && typeof result === "object" && typeof result.then === "function") {
          result.then(done, fail);
        } else {
          done(result);
        }
      } catch (err) {
        fail(err);
      }
    });
  }

  function failTask(result, err, origin) {
    if (err instanceof HookFailure) {
      origin = err.origin;
      err = err.error;
    }
    if (err instanceof PendingError) {
      result.state = "skip";
      result.note = err.note;
      result.pending = true;
      return;
    }
    result.state = "fail";
    for (const e of Array.isArray(err) ? err : [err]) {
      if (typeof AggregateError === "function" && e instanceof AggregateError) {
        for (const inner of e.errors) result.errors.push([inner, origin]);
      } else {
        result.errors.push([e, origin]);
      }
    }
  }

  function report(test, state, errors, note) {
    const list = state === "fail" ? errors.map(([e, origin]) => [lib.finishError(e), origin]) : [];
    host.testEnd(test.index, state, test.result ? test.result.retryCount : 0, list, note);
  }

  function skipTest(test, mode, note) {
    host.testStart(test.index);
    report(test, mode === "todo" ? "todo" : "skip", [], note);
  }

  function skipAll(s, note) {
    for (const t of s.tasks) {
      t.mode = t.mode === "todo" ? "todo" : "skip";
      if (t.type === "suite") skipAll(t, note);
      else skipTest(t, t.mode, note);
    }
  }

  function hasTests(s) {
    return s.tasks.some((t) => t.type === "test" || hasTests(t));
  }

  function scope(kind, enter) {
    if (config.scopes) host.scope(kind, enter);
  }

  function suiteChain(test) {
    const list = [];
    for (let s = test.suite; s; s = s.suite) list.unshift(s);
    list.unshift(file);
    return list;
  }

  // cleanupOf wraps what a before hook returned, when it is a function, with the hook's timeout.
  function cleanupOf(hook, returned, owner, ctx) {
    if (typeof returned !== "function") return undefined;
    return () => withTimeout(returned, hook.timeout, true, hook.stackError, owner, ctx && ((e) => abort(ctx, e)));
  }

  async function runCleanups(cleanups, origin) {
    for (const fn of cleanups.slice().reverse()) {
      if (typeof fn !== "function") continue;
      try {
        await fn();
      } catch (err) {
        throw new HookFailure(err, origin);
      }
    }
  }

  async function suiteHooks(s, kind) {
    const hooks = kind === "afterAll" ? s.hooks[kind].slice().reverse() : s.hooks[kind];
    const cleanups = [];
    for (const hook of hooks) {
      try {
        fixtures.validateSuiteHook(hook.fn, kind);
        const returned = await withTimeout(() => hook.fn({}, s), hook.timeout, true, hook.stackError, -1);
        cleanups.push(cleanupOf(hook, returned, -1));
      } catch (err) {
        throw new HookFailure(err, kind);
      }
    }
    return cleanups;
  }

  async function runSuite(s) {
    if (s.mode === "skip" || s.mode === "todo") {
      skipAll(s);
      return;
    }
    try {
      if (!s.isFile) scope(SCOPE.suite, true);
    } catch (err) {
      host.fileError(err, "beforeAll");
      skipAll(s, "skipped because its isolation scope could not be entered");
      return;
    }
    let cleanups = [];
    try {
      try {
        cleanups = await suiteHooks(s, "beforeAll");
      } catch (err) {
        host.fileError(err.error, err.origin);
        skipAll(s, "skipped because a beforeAll hook failed");
        return;
      }
      for (const t of s.tasks) {
        if (t.type === "test") await runTest(t);
        else await runSuite(t);
      }
    } finally {
      await finishSuite(s, cleanups);
    }
  }

  async function finishSuite(s, cleanups) {
    try {
      await suiteHooks(s, "afterAll");
      await runCleanups(cleanups, "beforeAll");
      if (s.isFile) await fileFixtures.tearDown();
    } catch (err) {
      if (err instanceof HookFailure) host.fileError(err.error, err.origin);
      else host.fileError(err, "afterAll");
    }
    if (!s.isFile) {
      try {
        scope(SCOPE.suite, false);
      } catch (err) {
        host.fileError(err, "afterAll");
      }
      if (s.mode === "run" && !hasTests(s)) host.fileError(new Error(`No test found in suite ${s.name}`));
    }
  }

  function abort(ctx, err) {
    if (ctx.controller) ctx.controller.abort(err);
  }

  // createContext builds the test context a test and its hooks receive.
  function createContext(test) {
    const ctx = {
      task: test,
      skip(condition, note) {
        if (condition === false) return undefined;
        test.result.pending = true;
        throw new PendingError("test is skipped; abort execution", test, typeof condition === "string" ? condition : note);
      },
      onTestFailed(fn, timeout) { addTestHook(test, "onFailed", fn, timeout); },
      onTestFinished(fn, timeout) { addTestHook(test, "onFinished", fn, timeout); },
      annotate(message, type, attachment) {
        const annotation = { message, type: typeof type === "object" || type === undefined ? "notice" : type };
        if (typeof type === "object" || attachment) annotation.attachment = typeof type === "object" ? type : attachment;
        test.annotations.push(annotation);
        return Promise.resolve(annotation);
      },
    };
    Object.defineProperty(ctx, "expect", {
      get() { return (test.expect ??= lib.createExpect(test.expectState)); },
      enumerable: true, configurable: true,
    });
    Object.defineProperty(ctx, "signal", {
      get() {
        if (!ctx.controller && typeof AbortController === "function") {
          Object.defineProperty(ctx, "controller", { value: new AbortController() });
        }
        return ctx.controller ? ctx.controller.signal : undefined;
      },
      enumerable: true, configurable: true,
    });
    return ctx;
  }

  function addTestHook(test, list, fn, timeout) {
    const name = list === "onFailed" ? "onTestFailed" : "onTestFinished";
    core.assertFunction(fn, `"${name}" callback`);
    if (test.callingTestHooks) throw new Error(`Cannot call "${name}" inside a test hook.`);
    (test[list] ||= []).push({ fn, timeout: timeout ?? config.hookTimeout, stackError: new Error("STACK_TRACE_ERROR") });
  }

  function currentTestHook(list, name) {
    return (fn, timeout) => {
      const test = state.runningTest;
      if (!test) throw new Error(`Hook ${name}() can only be called inside a test`);
      if (test.callingTestHooks) throw new Error(`Cannot call "${name}" inside a test hook.`);
      core.assertFunction(fn, `"${name}" callback`);
      (test[list] ||= []).push({ fn, timeout: timeout ?? config.hookTimeout, stackError: new Error("STACK_TRACE_ERROR") });
    };
  }

  // beginAttempt gives the test a fresh expect state, bound to the global expect too.
  function beginAttempt(test) {
    host.snapshotClear(test.id);
    const s = lib.newState();
    s.testName = test.names.concat(test.name).join(" > ");
    s.snapshot = {
      match: (req) => host.snapshot(test.id, s.testName, req.kind, req.received, req.hint, req.inline,
        req.error && req.error.stack),
    };
    test.expectState = s;
    test.expect = undefined;
    lib.setState(s);
  }

  function drainSoftErrors(test) {
    const soft = test.expectState.softErrors;
    if (soft.length) {
      failTask(test.result, soft.splice(0));
    }
  }

  async function eachHooks(test, ctx, kind) {
    const suites = suiteChain(test);
    const own = test.suite || file;
    if (kind === "afterEach") suites.reverse();
    const cleanups = [];
    for (const s of suites) {
      const hooks = kind === "afterEach" ? s.hooks[kind].slice().reverse() : s.hooks[kind];
      for (const hook of hooks) {
        try {
          const run = async () => {
            await fixtures.prepare(hook.fn, 0, ctx, test.fixtures, test.fixtureState, fileFixtures);
            return hook.fn(ctx, own);
          };
          const returned = await withTimeout(run, hook.timeout, true, hook.stackError, test.index, (e) => abort(ctx, e));
          cleanups.push(cleanupOf(hook, returned, test.index, ctx));
        } catch (err) {
          throw new HookFailure(err, kind);
        }
      }
    }
    return cleanups;
  }

  async function body(test, ctx) {
    const { fn, index } = test.source;
    await fixtures.prepare(fn, index, ctx, test.fixtures, test.fixtureState, fileFixtures);
    return test.fn(ctx);
  }

  async function testHooks(test, ctx, list) {
    const hooks = (test[list] || []).slice().reverse();
    test.callingTestHooks = true;
    for (const hook of hooks) {
      try {
        await withTimeout(() => hook.fn(ctx), hook.timeout, true, hook.stackError, test.index, (e) => abort(ctx, e));
      } catch (err) {
        failTask(test.result, err, list === "onFailed" ? "onTestFailed" : "onTestFinished");
      }
    }
    test.callingTestHooks = false;
  }

  // attempt runs one try of a test, recording the outcome on test.result.
  async function attempt(test, ctx) {
    const result = test.result;
    beginAttempt(test);
    test.fixtureState = fixtures.newTestState();
    let entered = false;
    let cleanups = [];
    try {
      scope(SCOPE.test, true);
      entered = true;
      cleanups = await eachHooks(test, ctx, "beforeEach");
      await withTimeout(() => body(test, ctx), test.timeout, false, test.stackError, test.index, (e) => abort(ctx, e));
      const unmet = lib.checkAssertions(test.expectState);
      if (unmet) throw unmet;
      drainSoftErrors(test);
      if (result.state !== "fail") result.state = "pass";
    } catch (err) {
      drainSoftErrors(test);
      failTask(result, err);
    }
    // One turn ends here, so that a rejection the body left unhandled is reported while the
    // test is still the one running.
    await host.tick();
    await afterAttempt(test, ctx, cleanups, entered);
  }

  async function afterAttempt(test, ctx, cleanups, entered) {
    const result = test.result;
    try {
      await eachHooks(test, ctx, "afterEach");
      await runCleanups(cleanups, "beforeEach");
      await fixtures.tearDownAll(test.fixtureState.teardowns);
    } catch (err) {
      failTask(result, err);
    }
    drainSoftErrors(test);
    await testHooks(test, ctx, "onFinished");
    if (result.state === "fail") await testHooks(test, ctx, "onFailed");
    test.onFailed = undefined;
    test.onFinished = undefined;
    if (entered) {
      try {
        scope(SCOPE.test, false);
      } catch (err) {
        failTask(result, err);
      }
    }
  }

  function retryOptions(retry) {
    if (retry === undefined || typeof retry === "number") return { count: retry || 0, delay: 0 };
    return { count: retry.count ?? 0, delay: retry.delay ?? 0, condition: retry.condition };
  }

  function shouldRetry(result, condition) {
    if (!result.errors.length) return false;
    if (!condition) return true;
    const last = result.errors[result.errors.length - 1][0];
    if (condition instanceof RegExp) return condition.test((last && last.message) || "");
    if (typeof condition === "function") return condition(last);
    return false;
  }

  function sleep(ms) {
    return new Promise((resolve) => host.realTimer(resolve, ms, false));
  }

  async function runTest(test) {
    if (test.mode !== "run") {
      skipTest(test, test.mode);
      return;
    }
    host.testStart(test.index);
    const result = (test.result = { state: "run", errors: [], retryCount: 0, note: undefined });
    const ctx = createContext(test);
    state.runningTest = test;
    const retry = retryOptions(test.retry);
    for (let repeat = 0; repeat <= (test.repeats ?? 0); repeat++) {
      for (let tryCount = 0; tryCount <= retry.count; tryCount++) {
        result.repeatCount = repeat;
        await attempt(test, ctx);
        if (result.pending || result.state === "skip") {
          finish(test, "skip", result.note);
          return;
        }
        if (result.state === "pass") break;
        if (tryCount < retry.count) {
          if (!shouldRetry(result, retry.condition)) break;
          result.state = "run";
          result.retryCount++;
          if (retry.delay > 0) await sleep(retry.delay);
        }
      }
    }
    if (test.fails) {
      if (result.state === "pass") {
        result.state = "fail";
        result.errors = [[new Error("Expect test to fail"), undefined]];
      } else {
        result.state = "pass";
        result.errors = [];
      }
    }
    finish(test, result.state);
  }

  function finish(test, stateName, note) {
    state.runningTest = null;
    if (stateName === "skip") test.mode = "skip";
    report(test, stateName, test.result.errors, note);
  }

  // uncaught receives an error that escaped to the loop; it fails the running test and
  // reports whether there was one.
  function uncaught(err, origin) {
    const test = state.runningTest;
    if (!test || !test.result) return false;
    failTask(test.result, err, origin);
    return true;
  }

  function markSkippedSnapshots(s) {
    for (const t of s.tasks) {
      if (t.type === "suite") markSkippedSnapshots(t);
      else if (t.mode === "skip") host.snapshotSkip(t.names.concat(t.name).join(" > "));
    }
  }

  async function loadAndCollect(loaded) {
    await loaded;
    state.loaded = true;
    return core.collect();
  }

  function collectTimeoutMessage(timeout) {
    return `Collecting the tests timed out in ${timeout}ms.\nThe file's top-level code or a describe callback ` +
      'did not finish: look for an await that never settles. The limit is "hookTimeout".';
  }

  // main is the whole life of the file once its bundle has run: wait for it to finish
  // loading, collect, run.
  async function main(loaded) {
    let collected;
    try {
      const timeout = config.hookTimeout;
      collected = await withTimeout(() => loadAndCollect(loaded), timeout, true, undefined, -2, undefined,
        collectTimeoutMessage(timeout));
    } catch (err) {
      host.fileError(err, state.loaded ? "collect" : "load");
      return;
    }
    if (!collected.tasks.length) {
      host.fileError(new Error(`No test suite found in file ${config.filepath}`));
      return;
    }
    await runSuite(collected);
    if (collected.mode !== "skip") {
      markSkippedSnapshots(collected);
      host.snapshotsFinish();
    }
  }

  return {
    main, uncaught, PendingError,
    onTestFinished: currentTestHook("onFinished", "onTestFinished"),
    onTestFailed: currentTestHook("onFailed", "onTestFailed"),
  };
})
