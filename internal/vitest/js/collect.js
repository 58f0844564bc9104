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

  const NO_OPTIONS = Object.freeze({});

  // parseArguments reads (optionsOrFn, timeoutOrFn) as vitest 4 does; it returns the options
  // and leaves the function in parsed.handler, sparing an object per test.
  const parsed = { handler: undefined };
  function parseArguments(optionsOrFn, timeoutOrFn) {
    if (timeoutOrFn != null && typeof timeoutOrFn === "object") {
      throw new TypeError('Signature "test(name, fn, { ... })" was deprecated in Vitest 3 and removed in Vitest 4. ' +
        "Please, provide options as a second argument instead.");
    }
    let options = NO_OPTIONS;
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
    parsed.handler = handler;
    return options;
  }

  function modeOf(flags, options) {
    if (flags.only ?? options.only) return "only";
    if (flags.skip ?? options.skip) return "skip";
    if (flags.todo ?? options.todo) return "todo";
    return "run";
  }

  // Test is a collected test. Fields that are rarely set stay off the object, which keeps a
  // file of many tests cheap to collect.
  class Test {
    constructor(suite, name, fn, site) {
      this.name = name;
      if (!suite.isFile) this.suite = suite;
      this.fn = fn;
      this.site = site;
    }
    get meta() {
      const meta = Object.assign(Object.create(null), this.suite ? this.suite.meta : undefined, this.ownMeta);
      Object.defineProperty(this, "meta", { value: meta, writable: true, enumerable: true, configurable: true });
      return meta;
    }
  }

  // What every test shares, or has until it is set.
  Object.assign(Test.prototype, { type: "test", file, suite: undefined, id: "", index: -1, mode: "run" });
  Object.defineProperty(Test.prototype, "timeout", {
    get: () => config.testTimeout,
    set(v) { own(this, "timeout", v); },
  });

  function own(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, enumerable: true, configurable: true });
  }

  const TEST_OPTIONS = ["timeout", "retry", "repeats", "fails", "each", "concurrent", "sequential"];

  function option(key, options, inherited, flags) {
    if (key in options) return options[key];
    if (inherited && key in inherited) return inherited[key];
    return flags[key];
  }

  // addTest registers a test in the current suite. flags come from the chain (test.skip...);
  // an option is taken from the test's options, else its suite's, else the flags, as vitest
  // merges them.
  function addTest(flags, name, optionsOrFn, timeoutOrFn, source) {
    if (state.runningTest) {
      throw new Error('Calling the test function inside another test function is not allowed. Please put it ' +
        'inside "describe" or "suite" so it can be properly collected.');
    }
    const suite = state.current;
    const options = parseArguments(optionsOrFn, timeoutOrFn);
    const handler = parsed.handler;
    const inherited = suite.options;
    const test = new Test(suite, formatName(name), handler, host.site());
    const mode = option("only", options, inherited, flags) ? "only" : option("skip", options, inherited, flags) ? "skip"
      : option("todo", options, inherited, flags) ? "todo" : handler ? "run" : "todo";
    if (mode !== "run") test.mode = mode;
    for (const key of TEST_OPTIONS) {
      const value = option(key, options, inherited, flags);
      if (value !== undefined) test[key] = value;
    }
    const meta = option("meta", options, inherited, flags);
    if (meta) test.ownMeta = meta;
    if (source) test.source = source;
    if (flags.fixtures) test.fixtures = flags.fixtures;
    suite.tasks.push(test);
    return test;
  }

  function addSuite(flags, name, factoryOrOptions, optionsOrFactory) {
    if (state.runningTest) {
      throw new Error("Calling the suite function inside test function is not allowed. It can be only called at " +
        "the top level or inside another suite function.");
    }
    const parent = state.current;
    let options = parseArguments(factoryOrOptions, optionsOrFactory);
    const factory = parsed.handler;
    const { meta: parentMeta, ...parentOptions } = parent.options || {};
    options = { ...parentOptions, ...options };
    let mode = modeOf(flags, options);
    if (mode === "run" && !factory) mode = "todo";
    if (parentMeta) options.meta = Object.assign(Object.create(null), parentMeta, options.meta);
    const suite = {
      type: "suite", name: formatName(name), suite: parent.isFile ? undefined : parent, file, id: "",
      mode, each: flags.each, options, factory, tasks: [], hooks: newHooks(),
      meta: options.meta ?? Object.create(null), site: host.site(),
    };
    parent.tasks.push(suite);
    return suite;
  }

  // chain builds a callable with getters for each flag (test.skip.only...), as vitest's
  // chainable API does; statics are the methods every link has. A link made once is kept.
  function chain(keys, run, statics, ctx) {
    const fn = function (a, b, c) { return run(ctx, a, b, c); };
    const links = {};
    Object.defineProperty(fn, CHAIN, { value: ctx });
    Object.assign(fn, statics);
    for (const key of keys) {
      Object.defineProperty(fn, key, {
        get() { return (links[key] ??= chain(keys, run, statics, { ...ctx, [key]: true })); },
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
      const options = parseArguments(optionsOrFn, fnOrOptions);
      const handler = parsed.handler;
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
      const options = parseArguments(optionsOrFn, fnOrOptions);
      const handler = parsed.handler;
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
      kind, fn, timeout: timeout ?? config.hookTimeout, site: host.site(),
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

  // forbidOnly makes a test marked .only fail with vitest's text instead of running, when
  // .only is not allowed (in CI without --allowOnly).
  function forbidOnly(t) {
    t.fn = () => {
      throw new Error("[Vitest] Unexpected .only modifier. Remove it or pass --allowOnly argument to bypass this error");
    };
  }

  // interpretModes applies .only across the file and the -t filter, as vitest does.
  function interpretModes(s, onlyMode, parentIsOnly, forbidden = false) {
    const suiteIsOnly = parentIsOnly || s.mode === "only";
    const hasSomeOnly = onlyMode && s.tasks.some((t) => t.mode === "only" || (t.type === "suite" && someOnly(t)));
    for (const t of s.tasks) {
      const wasOnly = t.mode === "only" || (forbidden && t.type === "test");
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
        if (wasOnly && !config.allowOnly && t.mode === "run") forbidOnly(t);
      } else if (t.mode === "skip") {
        setAll(t, "run", "skip");
      } else if (t.mode === "todo") {
        setAll(t, "run", "todo");
      } else {
        interpretModes(t, onlyMode, include, forbidden || (wasOnly && !config.allowOnly));
      }
    }
    if (s.mode === "run" && s.tasks.length && s.tasks.every((t) => t.mode !== "run")) {
      s.mode = "skip";
    }
  }

  // describeTasks tells the host about every suite and test, depth first, numbering the
  // tests; parent is the host's number of the enclosing suite, -1 at the top, and names the
  // names of the enclosing suites.
  function describeTasks(s, parent = -1, names = [], counter = { tasks: 0, tests: 0 }) {
    for (const t of s.tasks) {
      const isSuite = t.type === "suite";
      const number = counter.tasks++;
      if (!isSuite) t.index = counter.tests++;
      t.names = names;
      host.task(t.id, t.name, parent, isSuite, t.mode, t.site);
      if (isSuite) describeTasks(t, number, t.name ? names.concat(t.name) : names, counter);
    }
  }

  // collect finishes the collection once the file has loaded: describe callbacks, ids, modes.
  async function collect() {
    state.current = file;
    await collectSuite(file);
    state.collected = true;
    assignIds(file);
    interpretModes(file, someOnly(file), false);
    describeTasks(file);
    host.collected();
    return file;
  }

  return { file, state, test, suite, hooks, collect, formatName, assertFunction };
})
