// collect.js: describe, test and the hooks as a test file calls them, and the collection of
// the file's tests into a tree with vitest's rules for arguments, options, modes, names and
// ids. describe callbacks run after the file has loaded, each after its parent's, as in
// vitest; the tree is then handed to run.js.
"use strict";
(function (host, lib, each, fixtures, config) {
  const CHAIN = Symbol("dotest.chain");
  const TEST_FLAGS = ["concurrent", "sequential", "skip", "only", "todo", "fails"];
  const SUITE_FLAGS = ["concurrent", "sequential", "shuffle", "skip", "only", "todo"];

  function newHooks() {
    return { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
  }

  const file = {
    type: "suite", name: config.file, filepath: config.filepath, id: fileHash(config.file),
    mode: "run", suite: undefined, options: undefined, tasks: [], hooks: newHooks(),
    meta: Object.create(null), isFile: true,
  };
  file.file = file;

  const state = { current: file, runningTest: null, collected: false };

  // fileHash is vitest's id of a file: a 32-bit string hash of its relative path.
  function fileHash(path) {
    let hash = 0;
    for (let i = 0; i < path.length; i++) {
      hash = (hash << 5) - hash + path.charCodeAt(i);
      hash &= hash;
    }
    return `${hash}`;
  }

  function assertFunction(fn, name) {
    if (typeof fn !== "function") {
      throw new TypeError(`${name} value must be function, received "${typeof fn}"`);
    }
  }

  function formatName(name) {
    if (typeof name === "string") return name;
    if (typeof name === "function") return name.name || "<anonymous>";
    return String(name);
  }

  function parseArguments(optionsOrFn, timeoutOrFn) {
    if (timeoutOrFn != null && typeof timeoutOrFn === "object") {
      throw new TypeError('Signature "test(name, fn, { ... })" was deprecated in Vitest 3 and removed in Vitest 4. ' +
        "Please, provide options as a second argument instead.");
    }
    let options = {};
    let handler;
    if (typeof timeoutOrFn === "number") {
      options = { timeout: timeoutOrFn };
    } else if (typeof optionsOrFn === "object" && optionsOrFn !== null) {
      options = optionsOrFn;
    }
    if (typeof optionsOrFn === "function") {
      if (typeof timeoutOrFn === "function") {
        throw new TypeError("Cannot use two functions as arguments. Please use the second argument for options.");
      }
      handler = optionsOrFn;
    } else if (typeof timeoutOrFn === "function") {
      handler = timeoutOrFn;
    }
    return { options, handler };
  }

  function modeOf(flags, options) {
    if (flags.only ?? options.only) return "only";
    if (flags.skip ?? options.skip) return "skip";
    if (flags.todo ?? options.todo) return "todo";
    return "run";
  }

  // addTest registers a test in the current suite. flags come from the chain (test.skip...).
  function addTest(flags, name, optionsOrFn, timeoutOrFn, source) {
    if (state.runningTest) {
      throw new Error('Calling the test function inside another test function is not allowed. Please put it ' +
        'inside "describe" or "suite" so it can be properly collected.');
    }
    const suite = state.current;
    let { options, handler } = parseArguments(optionsOrFn, timeoutOrFn);
    if (typeof suite.options === "object") {
      options = Object.assign({}, suite.options, options);
    }
    options = { ...flags, ...options };
    const meta = Object.create(null);
    if (suite.meta) Object.assign(meta, suite.meta);
    if (options.meta) Object.assign(meta, options.meta);
    const test = {
      type: "test", name: formatName(name), suite: suite.isFile ? undefined : suite, file,
      id: "", index: -1, mode: options.only ? "only" : options.skip ? "skip" : options.todo ? "todo" : "run",
      fn: handler, source: source || { fn: handler, index: 0 },
      timeout: options.timeout ?? config.testTimeout, retry: options.retry ?? 0, repeats: options.repeats,
      fails: options.fails, each: options.each, concurrent: options.concurrent, meta,
      fixtures: flags.fixtures, annotations: [], result: undefined,
      stackError: new Error("STACK_TRACE_ERROR"),
    };
    if (test.mode === "run" && !handler) test.mode = "todo";
    (suite.isFile ? file : suite).tasks.push(test);
    return test;
  }

  function addSuite(flags, name, factoryOrOptions, optionsOrFactory) {
    if (state.runningTest) {
      throw new Error("Calling the suite function inside test function is not allowed. It can be only called at " +
        "the top level or inside another suite function.");
    }
    const parent = state.current;
    let { options, handler: factory } = parseArguments(factoryOrOptions, optionsOrFactory);
    const { meta: parentMeta, ...parentOptions } = parent.options || {};
    options = { ...parentOptions, ...options };
    let mode = modeOf(flags, options);
    if (mode === "run" && !factory) mode = "todo";
    if (parentMeta) options.meta = Object.assign(Object.create(null), parentMeta, options.meta);
    const suite = {
      type: "suite", name: formatName(name), suite: parent.isFile ? undefined : parent, file, id: "",
      mode, each: flags.each, options, factory, tasks: [], hooks: newHooks(),
      meta: options.meta ?? Object.create(null), stackError: new Error("STACK_TRACE_ERROR"),
    };
    parent.tasks.push(suite);
    return suite;
  }

  // chain builds a callable with getters for each flag (test.skip.only...), as vitest's
  // chainable API does; statics are the methods every link has.
  function chain(keys, run, statics, ctx) {
    const fn = function (...args) { return run(ctx, ...args); };
    Object.defineProperty(fn, CHAIN, { value: ctx });
    Object.assign(fn, statics);
    for (const key of keys) {
      Object.defineProperty(fn, key, {
        get() { return chain(keys, run, statics, { ...ctx, [key]: true }); },
        configurable: true,
      });
    }
    return fn;
  }

  function eachCases(cases, args) {
    return Array.isArray(cases) && args.length ? each.table(cases, args) : cases;
  }

  // eachFor registers one test or suite per case, as test.each does.
  function eachFor(register, ctx, cases, args) {
    cases = eachCases(cases, args);
    return (name, optionsOrFn, fnOrOptions) => {
      const template = formatName(name);
      const arrays = cases.every(Array.isArray);
      const { options, handler } = parseArguments(optionsOrFn, fnOrOptions);
      const fnFirst = typeof optionsOrFn === "function";
      cases.forEach((c, idx) => {
        const items = Array.isArray(c) ? c : [c];
        const body = handler && (arrays ? () => handler(...items) : () => handler(c));
        const title = each.title(template, items, idx);
        if (fnFirst) register({ ...ctx, each: true }, title, body, options.timeout);
        else register({ ...ctx, each: true }, title, options, body);
      });
    };
  }

  function forCases(register, ctx, cases, args, isTest) {
    cases = eachCases(cases, args);
    return (name, optionsOrFn, fnOrOptions) => {
      const template = formatName(name);
      const { options, handler } = parseArguments(optionsOrFn, fnOrOptions);
      cases.forEach((c, idx) => {
        const items = Array.isArray(c) ? c : [c];
        const title = each.title(template, items, idx);
        if (!isTest) {
          register(ctx, title, options, handler && (() => handler(c)));
          return;
        }
        const body = handler && ((context) => handler(c, context));
        register(ctx, title, options, body, handler && { fn: handler, index: 1 });
      });
    };
  }

  const suiteStatics = {
    each(cases, ...args) { return eachFor(addSuite, this[CHAIN], cases, args); },
    for(cases, ...args) { return forCases(addSuite, this[CHAIN], cases, args, false); },
    skipIf(condition) { return condition ? suite.skip : suite; },
    runIf(condition) { return condition ? suite : suite.skip; },
  };

  const suite = chain(SUITE_FLAGS, addSuite, suiteStatics, {});

  function addHook(kind, fn, timeout) {
    state.current.hooks[kind].push({
      kind, fn, timeout: timeout ?? config.hookTimeout, stackError: new Error("STACK_TRACE_ERROR"),
    });
  }

  const hooks = {};
  for (const kind of ["beforeAll", "afterAll", "beforeEach", "afterEach"]) {
    hooks[kind] = function (fn, timeout = config.hookTimeout) {
      assertFunction(fn, `"${kind}" callback`);
      addHook(kind, fn, timeout);
    };
  }

  const testStatics = {
    each(cases, ...args) { return eachFor(addTest, this[CHAIN], cases, args); },
    for(cases, ...args) { return forCases(addTest, this[CHAIN], cases, args, true); },
    skipIf(condition) { return condition ? this.skip : this; },
    runIf(condition) { return condition ? this : this.skip; },
    extend(fixturesOrName, optionsOrFn, maybeFn) {
      const base = this[CHAIN].fixtures || new Map();
      const topLevel = state.current.isFile;
      const regs = fixtures.extend(base, fixtures.builder(fixturesOrName, optionsOrFn, maybeFn), topLevel);
      return chain(TEST_FLAGS, addTest, testStatics, { fixtures: regs });
    },
    describe: suite,
    suite,
    ...hooks,
  };

  const test = chain(TEST_FLAGS, addTest, testStatics, {});

  // collectSuite runs the describe callbacks of s, each after its parent's, as vitest does.
  async function collectSuite(s) {
    if (s.factory) {
      const prev = state.current;
      state.current = s;
      try {
        await s.factory(test);
      } finally {
        state.current = prev;
      }
    }
    for (const t of s.tasks) {
      if (t.type === "suite") await collectSuite(t);
    }
  }

  function assignIds(s) {
    s.tasks.forEach((t, idx) => {
      t.id = `${s.id}_${idx}`;
      if (t.type === "suite") assignIds(t);
    });
  }

  function someOnly(s) {
    return s.tasks.some((t) => t.mode === "only" || (t.type === "suite" && someOnly(t)));
  }

  function setAll(s, from, to) {
    for (const t of s.tasks) {
      if (t.mode === from) {
        t.mode = to;
        if (t.type === "suite") setAll(t, from, to);
      }
    }
  }

  function fullName(t) {
    return t.suite ? `${fullName(t.suite)} ${t.name}` : t.name;
  }

  // interpretModes applies .only across the file and the -t filter, as vitest does.
  function interpretModes(s, onlyMode, parentIsOnly) {
    const suiteIsOnly = parentIsOnly || s.mode === "only";
    const hasSomeOnly = onlyMode && s.tasks.some((t) => t.mode === "only" || (t.type === "suite" && someOnly(t)));
    for (const t of s.tasks) {
      const include = hasSomeOnly
        ? t.mode === "only" || (t.type === "suite" && someOnly(t))
        : suiteIsOnly || t.mode === "only";
      if (onlyMode) {
        if (t.type === "suite" && (include || someOnly(t))) {
          if (t.mode === "only") t.mode = "run";
        } else if (t.mode === "run" && !include) {
          t.mode = "skip";
        } else if (t.mode === "only") {
          t.mode = "run";
        }
      }
      if (t.type === "test") {
        if (config.hasPattern && !host.matchName(fullName(t))) t.mode = "skip";
      } else if (t.mode === "skip") {
        setAll(t, "run", "skip");
      } else if (t.mode === "todo") {
        setAll(t, "run", "todo");
      } else {
        interpretModes(t, onlyMode, include);
      }
    }
    if (s.mode === "run" && s.tasks.length && s.tasks.every((t) => t.mode !== "run")) {
      s.mode = "skip";
    }
  }

  function names(t) {
    const out = [];
    for (let s = t.suite; s; s = s.suite) {
      if (s.name) out.unshift(s.name);
    }
    return out;
  }

  // describeTasks lists every suite and test depth first for the host, numbering the tests.
  function describeTasks(s, out = [], counter = { tests: 0 }) {
    for (const t of s.tasks) {
      const isSuite = t.type === "suite";
      if (!isSuite) t.index = counter.tests++;
      t.names = names(t);
      out.push({ id: t.id, name: t.name, suites: t.names, suite: isSuite, mode: t.mode, stack: t.stackError.stack });
      if (isSuite) describeTasks(t, out, counter);
    }
    return out;
  }

  // collect finishes the collection once the file has loaded: describe callbacks, ids, modes.
  async function collect() {
    state.current = file;
    await collectSuite(file);
    state.collected = true;
    assignIds(file);
    interpretModes(file, someOnly(file), false);
    host.collected(describeTasks(file));
    return file;
  }

  return { file, state, test, suite, hooks, collect, formatName, assertFunction };
})
