// node:assert and node:assert/strict, with AssertionError messages as workerd words them.
"use strict";
(function (natives, load) {
  const errors = load("errors");
  const { format: inspectWith } = load("inspect");

  const readable = {
    deepStrictEqual: "Expected values to be strictly deep-equal:",
    strictEqual: "Expected values to be strictly equal:",
    strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
    deepEqual: "Expected values to be loosely deep-equal:",
    notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
    notStrictEqual: 'Expected "actual" to be strictly unequal to:',
    notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
    notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
    notIdentical: "Values have same structure but are not reference-equal:",
    notDeepEqualUnequal: "Expected values not to be loosely deep-equal:",
  };

  function inspectValue(v) {
    return inspectWith(v, {
      compact: true, customInspect: false, depth: 1000, maxArrayLength: Infinity, sorted: true, getters: true,
    });
  }

  const isObjectLike = (v) => (typeof v === "object" && v !== null) || typeof v === "function";

  // diffMessage is the +/- message of strictEqual and deepStrictEqual.
  function diffMessage(actual, expected, operator) {
    const actualLines = inspectValue(actual).split("\n");
    const expectedLines = inspectValue(expected).split("\n");
    if (operator === "strictEqual" && isObjectLike(actual) && isObjectLike(expected) &&
        typeof actual === typeof expected) {
      operator = "strictEqualObject";
    }
    let indicator = "";
    if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
      const a = actualLines[0];
      const e = expectedLines[0];
      const inputLength = a.length + e.length;
      if (inputLength <= 12) {
        if (!isObjectLike(actual) && !isObjectLike(expected) && (actual !== 0 || expected !== 0)) {
          return `${readable[operator]}\n\n${a} !== ${e}\n`;
        }
      } else if (operator !== "strictEqualObject" && inputLength < 80) {
        let i = 0;
        while (a[i] === e[i]) i++;
        if (i > 2) indicator = `\n  ${" ".repeat(i)}^`;
      }
    }
    if (actualLines.join("\n") === expectedLines.join("\n")) {
      return `${readable.notIdentical}\n\n${actualLines.join("\n")}\n`;
    }
    return lineDiff(actualLines, expectedLines, operator, indicator);
  }

  // lineDiff shows the lines that differ with + and -, and at most a few identical ones
  // around them.
  function lineDiff(actualLines, expectedLines, operator, indicator) {
    let end = "";
    let same = 0;
    while (actualLines.length > 0 && expectedLines.length > 0 &&
        actualLines[actualLines.length - 1] === expectedLines[expectedLines.length - 1]) {
      if (same++ < 3) end = `\n  ${actualLines[actualLines.length - 1]}${end}`;
      actualLines.pop();
      expectedLines.pop();
    }
    if (same > 3) end = `\n...${end}`;
    const maxLines = Math.max(actualLines.length, expectedLines.length);
    let res = "";
    let pending = "";
    let identical = 0;
    for (let i = 0; i < maxLines; i++) {
      const a = actualLines[i];
      const e = expectedLines[i];
      if (a !== undefined && e !== undefined && (a === e || a === e + "," || a + "," === e)) {
        res += pending;
        pending = "";
        identical++;
        if (identical <= 2) res += `\n  ${a.endsWith(",") || !e.endsWith(",") ? a : a + ","}`;
        continue;
      }
      identical = 0;
      if (a !== undefined) res += `\n+ ${a}`;
      if (e !== undefined) pending += `\n- ${e}`;
    }
    return `${readable[operator]}\n+ actual - expected\n${res}${pending}${end}${indicator}`;
  }

  function generatedMessage(actual, expected, operator) {
    if (operator === "deepStrictEqual" || operator === "strictEqual") return diffMessage(actual, expected, operator);
    if (operator === "notDeepStrictEqual" || operator === "notStrictEqual") {
      let base = readable[operator];
      if (operator === "notStrictEqual" && isObjectLike(actual)) base = readable.notStrictEqualObject;
      const lines = inspectValue(actual).split("\n");
      if (lines.length === 1) return `${base}${lines[0].length > 5 ? "\n\n" : " "}${lines[0]}`;
      return `${base}\n\n${lines.join("\n")}\n`;
    }
    let res = inspectValue(actual);
    let other = inspectValue(expected);
    if (operator === "notDeepEqual" && res === other) {
      res = `${readable[operator]}\n\n${res}`;
      return res.length > 1024 ? `${res.slice(0, 1021)}...` : res;
    }
    if (res.length > 512) res = `${res.slice(0, 509)}...`;
    if (other.length > 512) other = `${other.slice(0, 509)}...`;
    if (operator === "deepEqual") return `${readable.deepEqual}\n\n${res}\n\nshould loosely deep-equal\n\n${other}`;
    if (readable[`${operator}Unequal`]) {
      return `${readable[`${operator}Unequal`]}\n\n${res}\n\nshould not loosely deep-equal\n\n${other}`;
    }
    return `${res} ${operator} ${other}`;
  }

  class AssertionError extends Error {
    constructor(options) {
      if (options === null || typeof options !== "object") throw errors.invalidArgType("options", "Object", options);
      const { message, operator, actual, expected } = options;
      super(message != null ? String(message) : generatedMessage(actual, expected, operator));
      this.generatedMessage = message == null;
      this.code = "ERR_ASSERTION";
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
      Object.defineProperty(this, "name", { value: "AssertionError", writable: true, configurable: true });
      if (typeof this.stack === "string") this.stack = this.stack.replace(/^Error/, "AssertionError [ERR_ASSERTION]");
    }

    toString() {
      return `${this.name} [${this.code}]: ${this.message}`;
    }
  }

  function fail(obj) {
    if (obj.message instanceof Error) throw obj.message;
    throw new AssertionError(obj);
  }

  // isDeepEqual compares as Node's assert.deepEqual (loose) or deepStrictEqual (strict).
  function isDeepEqual(a, b, strict, memo = []) {
    if (strict ? Object.is(a, b) : a == b || (a !== a && b !== b)) return true;
    if (!isObjectLike(a) || !isObjectLike(b)) {
      return !strict && !isObjectLike(a) && !isObjectLike(b) ? false : false;
    }
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const tagA = Object.prototype.toString.call(a);
    if (tagA !== Object.prototype.toString.call(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    for (const [x, y] of memo) if (x === a && y === b) return true;
    memo = [...memo, [a, b]];

    if (a instanceof Date) {
      if (!(b instanceof Date) || a.getTime() !== b.getTime()) return false;
    } else if (a instanceof RegExp) {
      if (!(b instanceof RegExp) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
    } else if (a instanceof Error) {
      if (!(b instanceof Error) || a.message !== b.message || a.name !== b.name) return false;
    } else if (ArrayBuffer.isView(a)) {
      const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
    } else if (a instanceof ArrayBuffer) {
      const x = new Uint8Array(a);
      const y = new Uint8Array(b);
      if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
    } else if (a instanceof Number || a instanceof String || a instanceof Boolean || a instanceof BigInt) {
      if (!Object.is(a.valueOf(), b.valueOf())) return false;
    } else if (a instanceof Set) {
      if (!setEqual(a, b, strict, memo)) return false;
    } else if (a instanceof Map) {
      if (!mapEqual(a, b, strict, memo)) return false;
    }
    if (Array.isArray(a) && a.length !== b.length) return false;
    return keysEqual(a, b, strict, memo);
  }

  function keysOf(o, strict) {
    const keys = Object.keys(o);
    if (!strict) return keys;
    return keys.concat(Object.getOwnPropertySymbols(o).filter((s) => Object.prototype.propertyIsEnumerable.call(o, s)));
  }

  function keysEqual(a, b, strict, memo) {
    const ka = keysOf(a, strict);
    const kb = keysOf(b, strict);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;
      if (!isDeepEqual(a[k], b[k], strict, memo)) return false;
    }
    return true;
  }

  function setEqual(a, b, strict, memo) {
    if (a.size !== b.size) return false;
    const rest = [];
    for (const v of a) {
      if (!b.has(v)) {
        if (!isObjectLike(v) && strict) return false;
        rest.push(v);
      }
    }
    const candidates = [...b].filter((v) => !a.has(v));
    for (const v of rest) {
      const i = candidates.findIndex((w) => isDeepEqual(v, w, strict, memo));
      if (i < 0) return false;
      candidates.splice(i, 1);
    }
    return true;
  }

  function mapEqual(a, b, strict, memo) {
    if (a.size !== b.size) return false;
    const rest = [];
    for (const [k, v] of a) {
      if (b.has(k)) {
        if (!isDeepEqual(v, b.get(k), strict, memo)) return false;
      } else {
        rest.push([k, v]);
      }
    }
    const candidates = [...b].filter(([k]) => !a.has(k));
    for (const [k, v] of rest) {
      const i = candidates.findIndex(([k2, v2]) => isDeepEqual(k, k2, strict, memo) && isDeepEqual(v, v2, strict, memo));
      if (i < 0) return false;
      candidates.splice(i, 1);
    }
    return true;
  }

  function ok(...args) {
    if (args.length === 0) {
      throw new AssertionError({ message: "No value argument passed to `assert.ok()`" });
    }
    if (!args[0]) fail({ message: args[1], actual: args[0], expected: true, operator: "==" });
  }

  const assert = function assert(...args) { ok(...args); };
  Object.assign(assert, {
    ok,
    AssertionError,
    fail(message = "Failed") {
      if (message instanceof Error) throw message;
      throw new AssertionError({ message, operator: "fail" });
    },
    equal(actual, expected, message) {
      if (!(actual == expected || (actual !== actual && expected !== expected))) {
        fail({ message, actual, expected, operator: "==" });
      }
    },
    notEqual(actual, expected, message) {
      if (actual == expected || (actual !== actual && expected !== expected)) {
        fail({ message, actual, expected, operator: "!=" });
      }
    },
    strictEqual(actual, expected, message) {
      if (!Object.is(actual, expected)) fail({ message, actual, expected, operator: "strictEqual" });
    },
    notStrictEqual(actual, expected, message) {
      if (Object.is(actual, expected)) fail({ message, actual, expected, operator: "notStrictEqual" });
    },
    deepEqual(actual, expected, message) {
      if (!isDeepEqual(actual, expected, false)) fail({ message, actual, expected, operator: "deepEqual" });
    },
    notDeepEqual(actual, expected, message) {
      if (isDeepEqual(actual, expected, false)) fail({ message, actual, expected, operator: "notDeepEqual" });
    },
    deepStrictEqual(actual, expected, message) {
      if (!isDeepEqual(actual, expected, true)) fail({ message, actual, expected, operator: "deepStrictEqual" });
    },
    notDeepStrictEqual(actual, expected, message) {
      if (isDeepEqual(actual, expected, true)) fail({ message, actual, expected, operator: "notDeepStrictEqual" });
    },
    match(string, regexp, message) { matching(string, regexp, message, true, "match"); },
    doesNotMatch(string, regexp, message) { matching(string, regexp, message, false, "doesNotMatch"); },
    throws(fn, expected, message) {
      errors.validateFunction(fn, "fn");
      const actual = getThrown(fn);
      if (actual === NO_EXCEPTION) missing(expected, message, "throws", "exception");
      if (expected !== undefined && typeof expected !== "string") checkExpected(actual, expected, message, "throws");
    },
    async rejects(promiseFn, expected, message) {
      const actual = await getRejection(promiseFn);
      if (actual === NO_EXCEPTION) missing(expected, message, "rejects", "rejection");
      if (expected !== undefined && typeof expected !== "string") checkExpected(actual, expected, message, "rejects");
    },
    doesNotThrow(fn, expected, message) {
      errors.validateFunction(fn, "fn");
      const actual = getThrown(fn);
      if (actual !== NO_EXCEPTION) unwanted(actual, expected, message, "doesNotThrow", "exception");
    },
    async doesNotReject(promiseFn, expected, message) {
      const actual = await getRejection(promiseFn);
      if (actual !== NO_EXCEPTION) unwanted(actual, expected, message, "doesNotReject", "rejection");
    },
    ifError(err) {
      if (err !== null && err !== undefined) {
        let message = "ifError got unwanted exception: ";
        message += typeof err === "object" && typeof err.message === "string" ?
          (err.message.length === 0 && err.constructor ? err.constructor.name : err.message) : inspectValue(err);
        throw new AssertionError({ actual: err, expected: null, operator: "ifError", message });
      }
    },
    isDeepEqual,
  });

  function matching(string, regexp, message, shouldMatch, fnName) {
    if (!(regexp instanceof RegExp)) throw errors.invalidArgType("regexp", "RegExp", regexp);
    if (typeof string !== "string" || regexp.test(string) !== shouldMatch) {
      if (message instanceof Error) throw message;
      const generated = !message;
      message = message || (typeof string !== "string" ?
        `The "string" argument must be of type string. Received type ${typeof string} (${inspectValue(string)})` :
        (shouldMatch ? "The input did not match the regular expression " : "The input was expected to not match the regular expression ") +
        `${inspectValue(regexp)}. Input:\n\n${inspectValue(string)}\n`);
      const err = new AssertionError({ actual: string, expected: regexp, message, operator: fnName });
      err.generatedMessage = generated;
      throw err;
    }
  }

  const NO_EXCEPTION = {};
  function getThrown(fn) {
    try {
      fn();
    } catch (e) {
      return e;
    }
    return NO_EXCEPTION;
  }

  async function getRejection(promiseFn) {
    let p = promiseFn;
    if (typeof promiseFn === "function") {
      p = promiseFn();
      if (!p || typeof p.then !== "function") {
        throw errors.makeError(TypeError, "ERR_INVALID_RETURN_VALUE",
          `Expected instance of Promise to be returned from the "promiseFn" function but got ${p === null ? "null" : typeof p === "object" ? `an instance of ${p.constructor?.name ?? "Object"}` : `type ${typeof p}`}.`);
      }
    } else if (!p || typeof p.then !== "function") {
      throw errors.invalidArgType("promiseFn", ["Function", "Promise"], promiseFn);
    }
    try {
      await p;
    } catch (e) {
      return e;
    }
    return NO_EXCEPTION;
  }

  function missing(expected, message, operator, what) {
    let details = "";
    if (typeof expected === "string") {
      message = expected;
      expected = undefined;
    }
    if (expected && expected.name) details += ` (${expected.name})`;
    details += message ? `: ${message}` : ".";
    const fnType = what === "rejection" ? "rejection" : "exception";
    throw new AssertionError({
      actual: undefined, expected, operator,
      message: `Missing expected ${fnType}${details}`,
    });
  }

  function unwanted(actual, expected, message, operator, what) {
    if (typeof expected === "string") {
      message = expected;
      expected = undefined;
    }
    if (!expected || (typeof expected === "function" && expected.prototype !== undefined && actual instanceof expected) ||
        (expected instanceof RegExp && expected.test(String(actual)))) {
      const details = message ? `: ${message}` : ".";
      const fnType = what === "rejection" ? "rejection" : "exception";
      throw new AssertionError({
        actual, expected, operator,
        message: `Got unwanted ${fnType}${details}\nActual message: "${actual && actual.message}"`,
      });
    }
    throw actual;
  }

  function checkExpected(actual, expected, message, operator) {
    if (expected instanceof RegExp) {
      if (expected.test(String(actual))) return;
      throw new AssertionError({
        actual, expected, operator,
        message: message || `The input did not match the regular expression ${inspectValue(expected)}. ` +
          `Input:\n\n${inspectValue(String(actual))}\n`,
      });
    }
    if (typeof expected === "function") {
      if (expected.prototype !== undefined && actual instanceof expected) return;
      if (Error.isPrototypeOf(expected) || expected === Error) {
        throw new AssertionError({
          actual, expected, operator,
          message: message || `The error is expected to be an instance of "${expected.name}". Received ` +
            `"${actual?.constructor?.name ?? inspectValue(actual)}"\n\nError message:\n\n${actual?.message}`,
        });
      }
      if (expected.call({}, actual) === true) return;
      throw new AssertionError({
        actual, expected, operator,
        message: message || `The ${expected.name ? `"${expected.name}" ` : ""}validation function is expected to ` +
          `return "true". Received ${inspectValue(expected.call({}, actual))}\n\nCaught error:\n\n${actual}`,
      });
    }
    if (typeof expected === "object" && expected !== null) {
      const keys = Object.keys(expected);
      if (expected instanceof Error) keys.push("name", "message");
      for (const k of keys) {
        const want = expected[k];
        const got = actual?.[k];
        const okKey = want instanceof RegExp && typeof got === "string" ? want.test(got) : isDeepEqual(got, want, true);
        if (!okKey) {
          const a = {};
          const e = {};
          for (const key of keys) {
            a[key] = actual?.[key];
            e[key] = expected[key];
          }
          throw new AssertionError({
            actual: a, expected: e, operator: "deepStrictEqual",
            message: message || undefined,
          });
        }
      }
    }
  }

  const strict = function strict(...args) { ok(...args); };
  Object.assign(strict, assert, {
    equal: assert.strictEqual,
    notEqual: assert.notStrictEqual,
    deepEqual: assert.deepStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
  });
  strict.strict = strict;
  assert.strict = strict;
  assert.default = assert;
  strict.default = strict;
  return assert;
})
