// fixtures.js: test.extend fixtures with vitest's semantics. A fixture is a value or a
// function ({ ...deps }, use) => {}; a test gets the fixtures it names in the destructuring
// of its first parameter, plus the auto ones, each set up once per test (or once per file for
// the "file" and "worker" scopes) in dependency order and torn down in reverse after it.
"use strict";
(function () {
  const SCOPES = ["test", "file", "worker"];
  const OPTION_KEYS = ["auto", "injected", "scope"];
  const BUILTIN = ["task", "signal", "onTestFailed", "onTestFinished", "skip", "annotate"];

  class FixtureDependencyError extends Error {
    get name() { return "FixtureDependencyError"; }
  }
  class FixtureParseError extends Error {
    get name() { return "FixtureParseError"; }
  }
  class FixtureAccessError extends Error {
    get name() { return "FixtureAccessError"; }
  }

  function isPlainObject(value) {
    return value != null && typeof value === "object" && !Array.isArray(value);
  }

  function isFixtureOptions(value) {
    return isPlainObject(value) && Object.keys(value).some((k) => OPTION_KEYS.includes(k));
  }

  function ordinal(i) {
    const j = i % 10;
    const k = i % 100;
    if (j === 1 && k !== 11) return `${i}st`;
    if (j === 2 && k !== 12) return `${i}nd`;
    if (j === 3 && k !== 13) return `${i}rd`;
    return `${i}th`;
  }

  // stripComments removes the comments of a function's source, leaving strings alone.
  function stripComments(src) {
    let out = "";
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      if (c === "'" || c === '"' || c === "`") {
        let j = i + 1;
        while (j < src.length && src[j] !== c) j += src[j] === "\\" ? 2 : 1;
        out += src.slice(i, j + 1);
        i = j;
      } else if (c === "/" && src[i + 1] === "/") {
        while (i < src.length && src[i] !== "\n") i++;
        out += "\n";
      } else if (c === "/" && src[i + 1] === "*") {
        const end = src.indexOf("*/", i + 2);
        i = end < 0 ? src.length : end + 1;
      } else {
        out += c;
      }
    }
    return out;
  }

  function splitByComma(s) {
    const out = [];
    const stack = [];
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === "{" || s[i] === "[") {
        stack.push(s[i] === "{" ? "}" : "]");
      } else if (s[i] === stack[stack.length - 1]) {
        stack.pop();
      } else if (!stack.length && s[i] === ",") {
        const token = s.slice(start, i).trim();
        if (token) out.push(token);
        start = i + 1;
      }
    }
    const last = s.slice(start).trim();
    if (last) out.push(last);
    return out;
  }

  const propsCache = new WeakMap();

  // usedProps lists the names a function destructures from its parameter number index, read
  // from its source text as vitest does.
  function usedProps(fn, index = 0, suiteHook) {
    const key = propsCache.get(fn);
    if (key && key.index === index) {
      return key.props;
    }
    const props = parseProps(fn, index, suiteHook);
    propsCache.set(fn, { index, props });
    return props;
  }

  function parseProps(fn, index, suiteHook) {
    const src = stripComments(Function.prototype.toString.call(fn));
    const match = src.match(/[^(]*\(([^)]*)/);
    if (!match) {
      return new Set();
    }
    const arg = splitByComma(match[1])[index];
    if (!arg) {
      return new Set();
    }
    if (!(arg[0] === "{" && arg.endsWith("}"))) {
      const nth = ordinal(index + 1);
      throw new FixtureParseError(
        `The ${nth} argument inside a fixture must use object destructuring pattern, e.g. ({ task } => {}). ` +
        `Instead, received "${arg}".` +
        (suiteHook ? ` If you used internal "suite" task as the ${nth} argument previously, access it in ` +
          `the ${ordinal(index + 2)} argument instead.` : ""));
    }
    const props = splitByComma(arg.slice(1, -1).replace(/\s/g, "")).map((p) => p.replace(/:.*|=.*/g, ""));
    const last = props[props.length - 1];
    if (last && last.startsWith("...")) {
      throw new FixtureParseError(`Rest parameters are not supported in fixtures, received "${last}".`);
    }
    return new Set(props);
  }

  // builder turns test.extend(name, [options,] value) into the object form.
  function builder(name, optionsOrFn, maybeFn) {
    if (typeof name !== "string") {
      return name;
    }
    let options;
    let value;
    if (maybeFn !== undefined) {
      options = optionsOrFn;
      value = maybeFn;
    } else if (isPlainObject(optionsOrFn) && isFixtureOptions(optionsOrFn)) {
      options = optionsOrFn;
      value = {};
    } else {
      value = optionsOrFn;
    }
    if (typeof value === "function") {
      const make = value;
      value = async (ctx, use) => {
        let cleanup;
        const onCleanup = (fn) => {
          if (cleanup !== undefined) {
            throw new Error("onCleanup can only be called once per fixture. " +
              "Define separate fixtures if you need multiple cleanup functions.");
          }
          cleanup = fn;
        };
        await use(await make(ctx, { onCleanup }));
        if (cleanup) await cleanup();
      };
      value.original = make;
    }
    return { [name]: options ? [value, options] : value };
  }

  function options(name, raw, parent, errors, topLevel) {
    let opts;
    let value = raw;
    let given;
    if (Array.isArray(raw) && raw.length >= 2 && isFixtureOptions(raw[1])) {
      given = raw[1];
      opts = { auto: given.auto ?? false, scope: given.scope ?? "test" };
      value = raw[0];
    }
    if (parent && opts) {
      if (parent.scope !== opts.scope) {
        errors.push(new FixtureDependencyError(
          `The "${name}" fixture was already registered with a "${opts.scope}" scope.`));
      }
      if (parent.auto !== opts.auto) {
        errors.push(new FixtureDependencyError(
          `The "${name}" fixture was already registered as { auto: ${opts.auto} }.`));
      }
    } else if (parent) {
      opts = { auto: parent.auto, scope: parent.scope };
    } else if (!opts) {
      opts = { auto: false, scope: "test" };
    }
    if (!SCOPES.includes(opts.scope)) {
      errors.push(new FixtureDependencyError(`The "${name}" fixture has unknown scope "${opts.scope}".`));
    }
    if (!topLevel && opts.scope !== "test") {
      const inherited = !(given && given.scope) && parent && parent.scope ? " (inherited from the base fixture)" : "";
      errors.push(new FixtureDependencyError(`The "${name}" fixture cannot be defined with a ${opts.scope} scope` +
        `${inherited} inside the describe block. Define it at the top level of the file instead.`));
    }
    return { opts, value };
  }

  // extend returns the registrations of base plus userFixtures.
  function extend(base, userFixtures, topLevel) {
    const regs = new Map(base);
    const errors = [];
    for (const [name, raw] of Object.entries(userFixtures)) {
      const parent = regs.get(name);
      const { opts, value } = options(name, raw, parent, errors, topLevel);
      const isFn = typeof value === "function";
      const deps = isFn ? usedProps(value.original || value) : new Set();
      regs.set(name, { name, value, auto: opts.auto, scope: opts.scope, deps, parent });
    }
    for (const f of regs.values()) {
      for (const dep of f.deps) {
        if (BUILTIN.includes(dep)) continue;
        const d = regs.get(dep);
        if (!d) {
          errors.push(new FixtureDependencyError(`The "${f.name}" fixture depends on unknown fixture "${dep}".`));
        } else if (dep === f.name && !f.parent) {
          errors.push(new FixtureDependencyError(
            `The "${f.name}" fixture depends on itself, but does not have a base implementation.`));
        } else if (SCOPES.indexOf(f.scope) > SCOPES.indexOf(d.scope)) {
          errors.push(new FixtureDependencyError(
            `The ${f.scope} "${f.name}" fixture cannot depend on a ${d.scope} fixture "${d.name}".`));
        }
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) {
      throw new AggregateError(errors, "Cannot resolve user fixtures. See errors for more information.");
    }
    return regs;
  }

  // order lists the fixtures to set up, dependencies first.
  function order(used, regs, seen = new Set(), pending = []) {
    for (let f of used) {
      if (pending.includes(f)) continue;
      if (typeof f.value !== "function" || !f.deps) {
        pending.push(f);
        continue;
      }
      if (seen.has(f)) {
        if (!f.parent) {
          const chain = [...seen].reverse().map((d) => d.name).join(" <- ");
          throw new Error(`Circular fixture dependency detected: ${f.name} <- ${chain}`);
        }
        f = f.parent;
      }
      seen.add(f);
      const deps = [...f.deps].map((n) => (n === f.name ? f.parent : regs.get(n))).filter(Boolean);
      order(deps, regs, seen, pending);
      pending.push(f);
      seen.clear();
    }
    return pending;
  }

  // setUp runs a fixture function until it calls use, and returns its value; teardowns gets
  // the function that lets it finish.
  function setUp(fixture, context, teardowns) {
    let used = false;
    let resolveValue;
    let rejectValue;
    const value = new Promise((resolve, reject) => { resolveValue = resolve; rejectValue = reject; });
    const finished = Promise.resolve().then(() => fixture.value(context, async (v) => {
      used = true;
      resolveValue(v);
      let release;
      const released = new Promise((r) => { release = r; });
      teardowns.push(async () => {
        release();
        await finished;
      });
      await released;
    })).then(() => {
      if (!used) {
        rejectValue(new Error(`Fixture "${fixture.name}" returned without calling "use". ` +
          'Make sure to call "use" in every code path of the fixture function.'));
      }
    }, (err) => {
      if (!used) {
        rejectValue(err);
        return;
      }
      throw err;
    });
    return value;
  }

  // Fixtures holds what one file has set up: per-test values live on the test context, file
  // and worker scoped ones here until the file ends.
  function createFileState() {
    const values = new Map();
    const pending = new Map();
    const teardowns = [];
    return {
      async value(fixture) {
        if (typeof fixture.value !== "function") return fixture.value;
        if (values.has(fixture)) return values.get(fixture);
        if (!pending.has(fixture)) {
          const ctx = {};
          for (const [f, v] of values) ctx[f.name] = v;
          pending.set(fixture, setUp(fixture, ctx, teardowns).then((v) => {
            values.set(fixture, v);
            pending.delete(fixture);
            return v;
          }));
        }
        return pending.get(fixture);
      },
      async tearDown() {
        await tearDownAll(teardowns);
      },
    };
  }

  async function tearDownAll(teardowns) {
    const list = teardowns.splice(0).reverse();
    for (const fn of list) await fn();
  }

  // prepare sets up what fn needs on context and returns nothing; regs may be empty.
  async function prepare(fn, index, context, regs, state, fileState) {
    if (!regs || regs.size === 0) return;
    const props = usedProps(fn, index);
    const used = [...regs.values()].filter((f) => f.auto || props.has(f.name));
    if (!used.length) return;
    for (const f of order(used, regs)) {
      if (f.scope !== "test") {
        context[f.name] = await fileState.value(f);
        continue;
      }
      if (state.ready.has(f)) continue;
      state.ready.add(f);
      context[f.name] = typeof f.value === "function" ? await setUp(f, context, state.teardowns) : f.value;
      state.teardowns.push(() => { state.ready.delete(f); });
    }
  }

  // validateSuiteHook rejects a beforeAll/afterAll whose first parameter asks for fixtures,
  // since suite hooks get no test context.
  function validateSuiteHook(fn, hook) {
    const props = usedProps(fn, 0, hook);
    if (props.size) {
      throw new FixtureAccessError(
        `The ${hook} hook uses fixtures "${[...props].join('", "')}", but has no access to context. ` +
        `Did you forget to call it as "test.${hook}()" instead of "${hook}()"?\n` +
        'If you used internal "suite" task as the first argument previously, access it in the second argument ' +
        "instead. " +
        "See https://vitest.dev/guide/test-context#suite-level-hooks");
    }
  }

  return {
    extend, builder, prepare, validateSuiteHook, createFileState, tearDownAll,
    newTestState: () => ({ ready: new Set(), teardowns: [] }),
  };
})
