// vi.js: vitest's vi object. Mocks come from the expect library; fake timers drive the
// runtime's own clock and timer queue through the host; waitFor and waitUntil keep real time
// for their own timeouts, as vitest does; the module mocking APIs, which need a module
// loader that can swap modules at run time, throw an error saying what to do instead.
"use strict";
(function (host, lib, config) {
  const LOOP_LIMIT = 10000;
  const TIMER_APIS = [
    "setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate",
    "requestAnimationFrame", "cancelAnimationFrame", "requestIdleCallback", "cancelIdleCallback",
    "performance", "hrtime",
  ];
  const ENV_BOOLEANS = ["PROD", "DEV", "SSR"];

  // mode is "real", "fake" (timers and maybe Date) or "date" (only Date, pinned and moved by
  // the advance functions).
  let mode = "real";
  let frameStart = 0;
  const stubbedGlobals = new Map();
  const stubbedEnvs = new Map();
  let savedConfig;

  function checkFake() {
    if (mode === "real") {
      throw new Error("A function to advance timers was called but the timers APIs are not mocked. " +
        "Call `vi.useFakeTimers()` in the test file first.");
    }
  }

  function loopLimitError() {
    return new Error(`Aborting after running ${LOOP_LIMIT} timers, assuming an infinite loop!`);
  }

  function epoch(value) {
    if (value === undefined || value === null) return undefined;
    return value instanceof Date ? value.getTime() : new Date(value).getTime();
  }

  function unsupported(name, advice) {
    return function () {
      throw new Error(`dotest does not support vi.${name}(): ${advice}`);
    };
  }

  const MOCK_ADVICE = "test files are bundled before they run, so a module cannot be swapped for a mock. " +
    "Spy on what the module exports instead, e.g. vi.spyOn(object, \"method\"), or pass the dependency in.";

  // advanceAsync moves fake time by ms one timer at a time, letting promises settle between.
  async function advanceAsync(ms) {
    host.beginAdvance(Math.max(0, Number(ms) || 0));
    try {
      for (let n = 0; n < LOOP_LIMIT; n++) {
        await host.tick();
        if (!host.advanceNext(true)) break;
      }
    } finally {
      host.endAdvance();
    }
    await host.tick();
  }

  async function runAllAsync() {
    for (let n = 0; n < LOOP_LIMIT; n++) {
      await host.tick();
      if (!host.advanceNext(false)) return;
    }
    throw loopLimitError();
  }

  function nextTimer(steps) {
    for (let i = steps; i > 0; i--) {
      host.advanceNext(false);
      host.advance(0);
      if (host.timerCount() === 0) break;
    }
  }

  function runAll(onlyPending) {
    if (!host.runAll(onlyPending)) throw loopLimitError();
  }

  const vi = {
    useFakeTimers(options) {
      const toFake = options && options.toFake;
      if (options && options.shouldAdvanceTime) {
        throw new Error("dotest does not support vi.useFakeTimers({ shouldAdvanceTime: true }): " +
          "advance the clock with vi.advanceTimersByTime() instead.");
      }
      const timers = !toFake || toFake.some((name) => TIMER_APIS.includes(name));
      const date = !toFake || toFake.includes("Date");
      host.useFake(timers, date, epoch(options && options.now));
      mode = timers ? "fake" : "date";
      frameStart = host.clockNow();
      return vi;
    },
    useRealTimers() {
      host.useReal();
      mode = "real";
      return vi;
    },
    isFakeTimers() {
      return mode !== "real";
    },
    advanceTimersByTime(ms) {
      checkFake();
      if (mode === "date") host.setTime(host.clockNow() + Number(ms));
      else host.advance(Number(ms));
      return vi;
    },
    async advanceTimersByTimeAsync(ms) {
      checkFake();
      if (mode === "date") host.setTime(host.clockNow() + Number(ms));
      else await advanceAsync(ms);
      return vi;
    },
    advanceTimersToNextTimer(steps = 1) {
      checkFake();
      if (mode === "fake") nextTimer(steps);
      return vi;
    },
    async advanceTimersToNextTimerAsync(steps = 1) {
      checkFake();
      for (let i = steps; mode === "fake" && i > 0; i--) {
        await host.tick();
        nextTimer(1);
        if (host.timerCount() === 0) break;
      }
      return vi;
    },
    advanceTimersToNextFrame() {
      checkFake();
      const step = 16 - ((host.clockNow() - frameStart) % 16);
      return vi.advanceTimersByTime(step);
    },
    runAllTimers() {
      checkFake();
      if (mode === "fake") runAll(false);
      return vi;
    },
    async runAllTimersAsync() {
      checkFake();
      if (mode === "fake") await runAllAsync();
      return vi;
    },
    runOnlyPendingTimers() {
      checkFake();
      if (mode === "fake") runAll(true);
      return vi;
    },
    async runOnlyPendingTimersAsync() {
      checkFake();
      if (mode === "fake") {
        await host.tick();
        runAll(true);
        await host.tick();
      }
      return vi;
    },
    runAllTicks() {
      checkFake();
      return vi;
    },
    getTimerCount() {
      checkFake();
      return mode === "fake" ? host.timerCount() : 0;
    },
    clearAllTimers() {
      if (mode === "fake") host.clearTimers();
      return vi;
    },
    setTimerTickMode(tickMode) {
      checkFake();
      if (tickMode !== "manual") {
        throw new Error(`dotest does not support vi.setTimerTickMode("${tickMode}"): only "manual" mode, where ` +
          "time moves when the test advances it.");
      }
      return vi;
    },
    setSystemTime(time) {
      const ms = epoch(time);
      if (mode !== "real") host.setTime(ms ?? 0);
      else host.setTime(ms ?? host.realTime());
      return vi;
    },
    getMockedSystemTime() {
      const ms = host.mockedTime();
      return ms === null ? null : new Date(ms);
    },
    getRealSystemTime() {
      return host.realTime();
    },

    fn: lib.fn,
    spyOn: lib.spyOn,
    mocked: (item) => item,
    isMockFunction: (fn) => lib.isMockFunction(fn),
    clearAllMocks() { lib.clearAllMocks(); return vi; },
    resetAllMocks() { lib.resetAllMocks(); return vi; },
    restoreAllMocks() { lib.restoreAllMocks(); return vi; },

    waitFor, waitUntil,
    defineHelper(fn) {
      return function __VITEST_HELPER__(...args) {
        const result = fn.apply(this, args);
        if (result && typeof result === "object" && typeof result.then === "function") {
          return (async function __VITEST_HELPER__() { return await result; })();
        }
        return result;
      };
    },

    stubGlobal(name, value) {
      if (!stubbedGlobals.has(name)) {
        stubbedGlobals.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      }
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: true });
      return vi;
    },
    unstubAllGlobals() {
      stubbedGlobals.forEach((original, name) => {
        if (!original) Reflect.deleteProperty(globalThis, name);
        else Object.defineProperty(globalThis, name, original);
      });
      stubbedGlobals.clear();
      return vi;
    },
    stubEnv(name, value) {
      const env = processEnv();
      if (!stubbedEnvs.has(name)) stubbedEnvs.set(name, env[name]);
      if (ENV_BOOLEANS.includes(name)) env[name] = value ? "1" : "";
      else if (value === undefined) delete env[name];
      else env[name] = String(value);
      return vi;
    },
    unstubAllEnvs() {
      const env = stubbedEnvs.size ? processEnv() : undefined;
      stubbedEnvs.forEach((original, name) => {
        if (original === undefined) delete env[name];
        else env[name] = original;
      });
      stubbedEnvs.clear();
      return vi;
    },

    setConfig(options) {
      savedConfig ??= { testTimeout: config.testTimeout, hookTimeout: config.hookTimeout };
      if (options && options.testTimeout !== undefined) config.testTimeout = options.testTimeout;
      if (options && options.hookTimeout !== undefined) config.hookTimeout = options.hookTimeout;
    },
    resetConfig() {
      if (savedConfig) Object.assign(config, savedConfig);
    },

    mock: unsupported("mock", MOCK_ADVICE),
    doMock: unsupported("doMock", MOCK_ADVICE),
    unmock: unsupported("unmock", MOCK_ADVICE),
    doUnmock: unsupported("doUnmock", MOCK_ADVICE),
    importMock: unsupported("importMock", MOCK_ADVICE),
    mockObject: unsupported("mockObject", "spy on the object's methods with vi.spyOn() instead."),
    hoisted: unsupported("hoisted", "it only serves vi.mock(), which dotest cannot do either; " +
      "call the factory directly, or spy on the module's exports with vi.spyOn()."),
    importActual: unsupported("importActual", "nothing is mocked, so import the module as usual."),
    resetModules: unsupported("resetModules", "every test file already runs in a fresh runtime with fresh modules."),
    dynamicImportSettled: unsupported("dynamicImportSettled", "dynamic imports are bundled ahead of time, " +
      "so there is nothing to wait for."),
  };

  function processEnv() {
    const env = globalThis.process && globalThis.process.env;
    if (!env) {
      throw new Error("vi.stubEnv() changes process.env, which this runtime does not have: " +
        "enable the nodejs_compat compatibility flag to get process.");
    }
    return env;
  }

  function stackError() {
    return new Error("STACK_TRACE_ERROR");
  }

  function copyStack(target, source) {
    if (source.stack !== undefined) target.stack = source.stack.replace(source.message, target.message);
    return target;
  }

  function waitOptions(options) {
    const { interval = 50, timeout = 1000 } = typeof options === "number" ? { timeout: options } : options || {};
    return { interval, timeout };
  }

  // poll calls check now and every interval ms of real time until settle is called, and gives
  // up after timeout ms; under fake timers each check first advances fake time by interval.
  function poll(options, check, onTimeout) {
    const { interval, timeout } = waitOptions(options);
    let timeoutId;
    let intervalId;
    const stop = () => {
      if (timeoutId !== undefined) host.clearRealTimer(timeoutId);
      if (intervalId !== undefined) host.clearRealTimer(intervalId);
    };
    const tick = () => {
      if (vi.isFakeTimers()) vi.advanceTimersByTime(interval);
      return check(stop);
    };
    if (tick() === true) return;
    timeoutId = host.realTimer(() => { stop(); onTimeout(); }, timeout, false);
    intervalId = host.realTimer(tick, interval, true);
  }

  function waitFor(callback, options) {
    const origin = stackError();
    return new Promise((resolve, reject) => {
      let lastError;
      let status = "idle";
      poll(options, (stop) => {
        if (status === "pending") return undefined;
        try {
          const result = callback();
          if (result !== null && typeof result === "object" && typeof result.then === "function") {
            status = "pending";
            result.then((value) => { status = "resolved"; stop(); resolve(value); },
              (err) => { status = "rejected"; lastError = err; });
            return undefined;
          }
          stop();
          resolve(result);
          return true;
        } catch (err) {
          lastError = err;
          return undefined;
        }
      }, () => reject(lastError || copyStack(new Error("Timed out in waitFor!"), origin)));
    });
  }

  function waitUntil(callback, options) {
    const origin = stackError();
    return new Promise((resolve, reject) => {
      let status = "idle";
      let stopped;
      const fail = (err) => {
        if (stopped) stopped();
        reject(err || copyStack(new Error("Timed out in waitUntil!"), origin));
      };
      const accept = (value, stop) => {
        if (!value) return undefined;
        stop();
        resolve(value);
        return true;
      };
      poll(options, (stop) => {
        stopped = stop;
        if (status === "pending") return undefined;
        try {
          const result = callback();
          if (result !== null && typeof result === "object" && typeof result.then === "function") {
            status = "pending";
            result.then((value) => { status = "resolved"; accept(value, stop); },
              (err) => { status = "rejected"; fail(err); });
            return undefined;
          }
          return accept(result, stop);
        } catch (err) {
          fail(err);
          return undefined;
        }
      }, () => fail());
    });
  }

  return vi;
})
