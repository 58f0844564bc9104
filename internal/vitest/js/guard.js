// guard.js: timeouts as vitest enforces them, on real time. guard(fn) calls fn under the
// host's watchdog, which interrupts a synchronous loop that outlives the timeout; a promise
// that fn returns gets a deadline that rejects with vitest's timeout error.
"use strict";
(function (host) {
  const messages = [new Map(), new Map()];

  function timeoutMessage(isHook, timeout) {
    const cache = messages[isHook ? 1 : 0];
    let text = cache.get(timeout);
    if (text === undefined) {
      text = formatTimeoutMessage(isHook, timeout);
      cache.set(timeout, text);
    }
    return text;
  }

  function formatTimeoutMessage(isHook, timeout) {
    const what = isHook ? "Hook" : "Test";
    const option = isHook ? "hookTimeout" : "testTimeout";
    return `${what} timed out in ${timeout}ms.\nIf this is a long-running ${what.toLowerCase()}, pass a timeout ` +
      `value as the last argument or configure it globally with "${option}".`;
  }

  // timeoutError points at site, where the test or hook was declared, as vitest's does.
  function timeoutError(message, site) {
    const err = new Error(message);
    const where = site ? host.siteText(site) : "";
    if (where) err.stack = `Error: ${message}\n    at ${where.replace(/\n/g, "\n    at ")}`;
    return err;
  }

  function isThenable(value) {
    return value !== null && typeof value === "object" && typeof value.then === "function";
  }

  // guard calls fn under a timeout of real time. The watchdog interrupts a synchronous loop
  // that outlives it; a promise gets a deadline that rejects with vitest's timeout error; a
  // result that came too late fails even if it came. A value that is not a promise is
  // returned as it is. owner is the test's index, or -1 for suite hooks; ctx's signal is
  // aborted on timeout.
  function guard(fn, timeout, isHook, site, owner, ctx, message, arg) {
    if (!(timeout > 0) || timeout === Infinity) return fn(arg);
    message ??= timeoutMessage(isHook, timeout);
    const start = host.now();
    const id = host.watch(timeout, message, owner);
    let result;
    try {
      result = fn(arg);
    } catch (err) {
      host.unwatch(id);
      throw err;
    }
    if (!isThenable(result)) {
      host.unwatch(id);
      if (host.now() - start >= timeout) throw expired(message, site, ctx);
      return result;
    }
    return new Promise((resolve, reject) => {
      host.deadline(id, timeout - (host.now() - start), () => reject(expired(message, site, ctx)));
      result.then((value) => {
        host.unwatch(id);
        if (host.now() - start >= timeout) reject(expired(message, site, ctx));
        else resolve(value);
      }, (err) => {
        host.unwatch(id);
        reject(err);
      });
    });
  }

  function expired(message, site, ctx) {
    const err = timeoutError(message, site);
    if (ctx) abort(ctx, err);
    return err;
  }

  function abort(ctx, err) {
    if (ctx.controller) ctx.controller.abort(err);
  }

  return { guard, isThenable, abort };
})
