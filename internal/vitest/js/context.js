// context.js: the context a test and its hooks receive (vitest's TestContext), and the
// onTestFinished/onTestFailed hooks a test registers.
"use strict";
(function (host, lib, core, config) {
  const { state } = core;

  class PendingError extends Error {
    constructor(message, test, note) {
      super(message);
      this.code = "VITEST_PENDING";
      this.taskId = test.id;
      this.note = note;
    }
  }

  function addTestHook(test, list, name, fn, timeout) {
    core.assertFunction(fn, `"${name}" callback`);
    if (test.callingTestHooks) throw new Error(`Cannot call "${name}" inside a test hook.`);
    (test[list] ||= []).push({ fn, timeout: timeout ?? config.hookTimeout, site: host.site() });
  }

  // TestContext is what a test and its hooks receive. Its functions are made on first use and
  // bound, since tests destructure them.
  class TestContext {
    constructor(test) {
      this.task = test;
    }
    get expect() {
      const test = this.task;
      return (test.expect ??= lib.createExpect(test.expectState));
    }
    get signal() {
      if (!this.controller && typeof AbortController === "function") {
        Object.defineProperty(this, "controller", { value: new AbortController() });
      }
      return this.controller ? this.controller.signal : undefined;
    }
    get skip() {
      const test = this.task;
      return own(this, "skip", (condition, note) => {
        if (condition === false) return undefined;
        test.result.pending = true;
        const why = typeof condition === "string" ? condition : note;
        throw new PendingError("test is skipped; abort execution", test, why);
      });
    }
    get onTestFailed() {
      return own(this, "onTestFailed",
        (fn, timeout) => addTestHook(this.task, "onFailed", "onTestFailed", fn, timeout));
    }
    get onTestFinished() {
      return own(this, "onTestFinished",
        (fn, timeout) => addTestHook(this.task, "onFinished", "onTestFinished", fn, timeout));
    }
    get annotate() {
      return own(this, "annotate", (message, type, attachment) => {
        const annotation = { message, type: typeof type === "object" || type === undefined ? "notice" : type };
        const attached = typeof type === "object" ? type : attachment;
        if (attached) annotation.attachment = attached;
        (this.task.annotations ||= []).push(annotation);
        return Promise.resolve(annotation);
      });
    }
  }

  function own(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: true });
    return value;
  }

  function currentTestHook(list, name) {
    return (fn, timeout) => {
      const test = state.runningTest;
      if (!test) throw new Error(`Hook ${name}() can only be called inside a test`);
      addTestHook(test, list, name, fn, timeout);
    };
  }

  return { TestContext, PendingError, currentTestHook };
})
