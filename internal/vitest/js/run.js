// run.js: running the collected tree in vitest 4's order. Suites run beforeAll, their
// children and afterAll; each attempt of a test runs beforeEach (outer suites first), the
// body, the expect checks, afterEach (inner first, each suite's hooks last-registered first),
// the cleanups that beforeEach hooks returned, the fixture teardowns, onTestFinished and, if
// it failed, onTestFailed. Every hook and body runs under the host's watchdog and, when it
// returns a promise, a real-time deadline. Steps with nothing to do are skipped without an
// await: a trivial test costs a few microseconds.
"use strict";
(function (host, lib, core, fixtures, config, timeouts, context) {
  const { file, state } = core;
  const { guard, isThenable, abort } = timeouts;
  const { TestContext, PendingError } = context;
  const fileFixtures = fixtures.createFileState();
  const SCOPE = { suite: 1, test: 2 };
  const EMPTY = Object.freeze([]);
  const NO_RETRY = Object.freeze({ count: 0, delay: 0 });

  // HookFailure carries an error out of a hook together with the hook's name.
  class HookFailure {
    constructor(error, origin) {
      this.error = error;
      this.origin = origin;
    }
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
    const list = state === "fail" ? errors.map(([e, origin]) => [lib.finishError(e), origin]) : EMPTY;
    host.testEnd(test.index, state, test.result ? test.result.retryCount : 0, list, note);
  }

  function skipTest(test, mode, note) {
    host.testStart(test.index);
    report(test, mode === "todo" ? "todo" : "skip", EMPTY, note);
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

  // eachHooks lists the beforeEach and afterEach hooks that apply in a suite, in the order
  // they run, once per suite.
  function eachHooks(s) {
    if (s.eachHooks) return s.eachHooks;
    const parent = s.isFile ? { before: EMPTY, after: EMPTY } : eachHooks(s.suite || file);
    const before = parent.before.concat(s.hooks.beforeEach);
    const after = s.hooks.afterEach.slice().reverse().concat(parent.after);
    s.eachHooks = { before, after };
    return s.eachHooks;
  }

  // cleanupOf wraps what a before hook returned, when it is a function, with the hook's timeout.
  function cleanupOf(hook, returned, owner, ctx) {
    if (typeof returned !== "function") return undefined;
    return () => guard(returned, hook.timeout, true, hook.site, owner, ctx);
  }

  async function runCleanups(cleanups, origin) {
    for (let i = cleanups.length - 1; i >= 0; i--) {
      const fn = cleanups[i];
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
        const returned = await guard(() => hook.fn({}, s), hook.timeout, true, hook.site, -1);
        cleanups.push(cleanupOf(hook, returned, -1));
      } catch (err) {
        throw new HookFailure(err, kind);
      }
    }
    return cleanups;
  }

  function scope(kind, enter) {
    if (config.scopes) host.scope(kind, enter);
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
    let cleanups = EMPTY;
    try {
      try {
        if (s.hooks.beforeAll.length) cleanups = await suiteHooks(s, "beforeAll");
      } catch (err) {
        host.fileError(err.error, err.origin);
        skipAll(s, "skipped because a beforeAll hook failed");
        return;
      }
      for (const t of s.tasks) {
        if (t.type !== "test") await runSuite(t);
        else if (t.mode !== "run") skipTest(t, t.mode);
        else await runTest(t);
      }
    } finally {
      await finishSuite(s, cleanups);
    }
  }

  async function finishSuite(s, cleanups) {
    try {
      if (s.hooks.afterAll.length) await suiteHooks(s, "afterAll");
      if (cleanups.length) await runCleanups(cleanups, "beforeAll");
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

  // snapshotAdapter serves the snapshot matchers of the running test.
  const snapshotAdapter = {
    match(req) {
      const test = state.runningTest;
      if (!test) throw new Error("Snapshot cannot be used outside of test");
      test.snapshotted = true;
      return host.snapshot(test.id, test.expectState.testName, req.kind, req.received, req.hint, req.inline,
        req.error && req.error.stack);
    },
  };

  // beginAttempt gives the test a fresh expect state, bound to the global expect too; a retry
  // or repeat forgets the snapshots of the attempt before, as vitest does.
  function beginAttempt(test) {
    let s = test.expectState;
    if (!s) {
      s = test.expectState = lib.newState();
      s.testName = test.names.length ? `${test.names.join(" > ")} > ${test.name}` : test.name;
      s.snapshot = snapshotAdapter;
    } else {
      s.assertionCalls = 0;
      s.expectedAssertionsNumber = null;
      s.isExpectingAssertions = false;
      s.softErrors = [];
      if (test.snapshotted) host.snapshotClear(test.id);
    }
    test.fixtureState = undefined;
    lib.setState(s);
  }

  function fixtureState(test) {
    return (test.fixtureState ??= fixtures.newTestState());
  }

  function drainSoftErrors(test) {
    const soft = test.expectState.softErrors;
    if (soft.length) failTask(test.result, soft.splice(0));
  }

  // runEachHooks runs the beforeEach or afterEach hooks of a test and returns the cleanups
  // that beforeEach hooks returned.
  async function runEachHooks(test, ctx, hooks, kind) {
    const cleanups = [];
    const suite = test.suite || file;
    for (const hook of hooks) {
      try {
        const run = () => hook.fn(ctx, suite);
        const call = () => (test.fixtures ? prepared(hook.fn, 0, test, ctx, run) : run());
        const returned = await guard(call, hook.timeout, true, hook.site, test.index, ctx);
        if (typeof returned === "function") cleanups.push(cleanupOf(hook, returned, test.index, ctx));
      } catch (err) {
        throw new HookFailure(err, kind);
      }
    }
    return cleanups;
  }

  async function prepared(fn, index, test, ctx, call) {
    await fixtures.prepare(fn, index, ctx, test.fixtures, fixtureState(test), fileFixtures);
    return call();
  }

  function body(test) {
    const ctx = test.context;
    if (!test.fixtures) return test.fn(ctx);
    const source = test.source || { fn: test.fn, index: 0 };
    return prepared(source.fn, source.index, test, ctx, () => test.fn(ctx));
  }

  // testHooks runs onTestFinished and, when the test failed, onTestFailed, each list last
  // registered first.
  async function testHooks(test, ctx) {
    if (test.onFinished) await runTestHooks(test, ctx, test.onFinished, "onTestFinished");
    if (test.result.state === "fail" && test.onFailed) await runTestHooks(test, ctx, test.onFailed, "onTestFailed");
  }

  async function runTestHooks(test, ctx, hooks, origin) {
    test.callingTestHooks = true;
    for (let i = hooks.length - 1; i >= 0; i--) {
      const hook = hooks[i];
      try {
        await guard(() => hook.fn(ctx), hook.timeout, true, hook.site, test.index, ctx);
      } catch (err) {
        failTask(test.result, err, origin);
      }
    }
    test.callingTestHooks = false;
  }

  // An attempt runs in two parts with a turn between them: startAttempt runs the scope, the
  // beforeEach hooks and the body; endAttempt the afterEach hooks, the cleanups, the fixture
  // teardowns and the test's own hooks. Each part returns a promise only when it had to wait.
  function startAttempt(test, ctx) {
    const hooks = eachHooks(test.suite || file);
    beginAttempt(test);
    test.cleanups = EMPTY;
    test.entered = false;
    try {
      scope(SCOPE.test, true);
      test.entered = true;
      if (hooks.before.length) return startAsync(test, ctx, hooks.before);
      const done = guard(body, test.timeout, false, test.site, test.index, ctx, undefined, test);
      if (isThenable(done)) return done.then(() => bodyDone(test), (err) => bodyFailed(test, err));
      bodyDone(test);
    } catch (err) {
      bodyFailed(test, err);
    }
    return undefined;
  }

  async function startAsync(test, ctx, before) {
    try {
      test.cleanups = await runEachHooks(test, ctx, before, "beforeEach");
      const done = guard(body, test.timeout, false, test.site, test.index, ctx, undefined, test);
      if (isThenable(done)) await done;
    } catch (err) {
      bodyFailed(test, err);
      return;
    }
    bodyDone(test);
  }

  // bodyDone checks what the body left to check: expect.assertions and soft assertions.
  function bodyDone(test) {
    try {
      const unmet = lib.checkAssertions(test.expectState);
      if (unmet) throw unmet;
      drainSoftErrors(test);
      if (test.result.state !== "fail") test.result.state = "pass";
    } catch (err) {
      bodyFailed(test, err);
    }
  }

  function bodyFailed(test, err) {
    drainSoftErrors(test);
    failTask(test.result, err);
  }

  function endAttempt(test, ctx) {
    const after = eachHooks(test.suite || file).after;
    const teardowns = test.fixtureState ? test.fixtureState.teardowns : EMPTY;
    if (after.length || test.cleanups.length || teardowns.length || test.onFinished || test.onFailed) {
      return endAsync(test, ctx, after, teardowns);
    }
    drainSoftErrors(test);
    finishAttempt(test);
    return undefined;
  }

  async function endAsync(test, ctx, after, teardowns) {
    try {
      if (after.length) await runEachHooks(test, ctx, after, "afterEach");
      if (test.cleanups.length) await runCleanups(test.cleanups, "beforeEach");
      if (teardowns.length) await fixtures.tearDownAll(teardowns);
    } catch (err) {
      failTask(test.result, err);
    }
    drainSoftErrors(test);
    if (test.onFinished || test.onFailed) await testHooks(test, ctx);
    finishAttempt(test);
  }

  function finishAttempt(test) {
    if (test.onFailed) test.onFailed = undefined;
    if (test.onFinished) test.onFinished = undefined;
    if (test.entered) {
      try {
        scope(SCOPE.test, false);
      } catch (err) {
        failTask(test.result, err);
      }
    }
  }

  function retryOptions(retry) {
    if (!retry) return NO_RETRY;
    if (typeof retry === "number") return { count: retry, delay: 0 };
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
    const ctx = (test.context = new TestContext(test));
    state.runningTest = test;
    const retry = retryOptions(test.retry);
    for (let repeat = 0; repeat <= (test.repeats ?? 0); repeat++) {
      for (let tryCount = 0; tryCount <= retry.count; tryCount++) {
        result.repeatCount = repeat;
        const started = startAttempt(test, ctx);
        if (started) await started;
        // A turn ends here, so that a rejection the body left unhandled is reported while the
        // test is still the one running.
        await host.tick();
        const ended = endAttempt(test, ctx);
        if (ended) await ended;
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
    if (test.fails) invert(result);
    finish(test, result.state);
  }

  function invert(result) {
    if (result.state === "pass") {
      result.state = "fail";
      result.errors = [[new Error("Expect test to fail"), undefined]];
    } else {
      result.state = "pass";
      result.errors = [];
    }
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
      collected = await guard(() => loadAndCollect(loaded), timeout, true, undefined, -2, undefined,
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
      if (host.snapshotsUnchecked()) markSkippedSnapshots(collected);
      host.snapshotsFinish();
    }
  }

  return {
    main, uncaught,
    onTestFinished: context.currentTestHook("onFinished", "onTestFinished"),
    onTestFailed: context.currentTestHook("onFailed", "onTestFailed"),
  };
})
