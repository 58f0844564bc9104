// assert.js: chai's assert interface for the calls test suites make, with chai's messages.
// Each check builds its message from a template where #{this} is the value under test,
// #{exp} the expected value and #{act} the actual one, printed as chai prints them.
"use strict";
(function (lib, each) {
  const { AssertionError } = lib;
  const display = each.objDisplay;

  function typeOf(value) {
    if (value === undefined) return "undefined";
    if (value === null) return "null";
    const tag = value[Symbol.toStringTag];
    if (typeof tag === "string") return tag;
    return Object.prototype.toString.call(value).slice(8, -1);
  }

  function raise(message, props) {
    throw new AssertionError(message || "Unspecified AssertionError", props);
  }

  // check is chai's Assertion#assert: on failure it throws an AssertionError whose message is
  // the template filled in, prefixed by the user's message. expected and actual are given
  // only when the template needs them, which also decides whether a diff is shown.
  function check(ok, userMsg, object, template, ...rest) {
    if (ok) return;
    const [expected, actual0, showDiff0] = rest;
    const actual = rest.length > 1 ? actual0 : object;
    let showDiff = showDiff0 !== false;
    if (expected === undefined && (rest.length < 2 || actual0 === undefined)) showDiff = false;
    const text = template
      .replace(/#\{this\}/g, () => display(object))
      .replace(/#\{act\}/g, () => display(actual))
      .replace(/#\{exp\}/g, () => display(expected));
    raise(userMsg ? `${userMsg}: ${text}` : text, { actual, expected, showDiff });
  }

  const CALLABLE = ["Function", "AsyncFunction", "GeneratorFunction", "AsyncGeneratorFunction"];

  function sameValueZero(a, b) {
    return a === b || (a !== a && b !== b);
  }

  function prefix(msg) {
    return msg ? `${msg}: ` : "";
  }

  function isType(value, type, msg) {
    const article = /^[aeiou]/.test(type) ? "an " : "a ";
    check(typeOf(value).toLowerCase() === type, msg, value, `expected #{this} to be ${article}${type}`);
  }

  function deepEqual(a, b) {
    return lib.equals(a, b, true);
  }

  function hasProperty(obj, name) {
    if (obj === null || obj === undefined) return false;
    return name in Object(obj);
  }

  function include(haystack, needle, msg) {
    const kind = typeOf(haystack).toLowerCase();
    let found = false;
    switch (kind) {
      case "string": found = haystack.indexOf(needle) !== -1; break;
      case "weakset": found = haystack.has(needle); break;
      case "map": found = [...haystack.values()].some((v) => sameValueZero(v, needle)); break;
      case "set": found = haystack.has(needle); break;
      case "array": found = haystack.some((v) => sameValueZero(v, needle)); break;
      default: {
        if (needle !== Object(needle)) {
          const needleType = typeOf(needle).toLowerCase();
          raise(`${prefix(msg)}the given combination of arguments (${kind} and ${needleType}) is invalid for ` +
            "this assertion. You can use an array, a map, an object, a set, a string, or a weakset instead of a " +
            needleType);
        }
        for (const prop of Object.keys(needle)) {
          if (haystack === null || haystack === undefined) raise(`${prefix(msg)}Target cannot be null or undefined.`);
          const name = lib.inspect(prop);
          const has = hasProperty(haystack, prop);
          check(has, msg, haystack, `expected #{this} to have property ${name}`);
          check(has && needle[prop] === haystack[prop], msg, haystack,
            `expected #{this} to have property ${name} of #{exp}, but got #{act}`, needle[prop], haystack[prop]);
        }
        return;
      }
    }
    check(found, msg, haystack, `expected #{this} to include ${lib.inspect(needle)}`);
  }

  function constructorName(errorLike) {
    if (errorLike instanceof Error) return errorLike.constructor.name;
    if (typeof errorLike === "function") return errorLike.name || new errorLike().constructor.name || "";
    return errorLike;
  }

  function compatibleConstructor(thrown, errorLike) {
    if (errorLike instanceof Error) {
      return thrown.constructor === errorLike.constructor || thrown instanceof errorLike.constructor;
    }
    if (typeof errorLike === "function" && (errorLike.prototype instanceof Error || errorLike === Error)) {
      return thrown.constructor === errorLike || thrown instanceof errorLike;
    }
    return false;
  }

  function compatibleMessage(thrown, matcher) {
    const text = typeof thrown === "string" ? thrown : thrown && thrown.message;
    if (matcher instanceof RegExp) return matcher.test(text);
    if (typeof matcher === "string") return String(text).indexOf(matcher) !== -1;
    return false;
  }

  function thrownMessage(err) {
    if (err && err.message) return err.message;
    return typeof err === "string" ? err : "";
  }

  function describeThrown(err) {
    if (err instanceof Error) return err.toString();
    if (typeof err === "string") return err;
    if (err && (typeof err === "object" || typeof err === "function")) return constructorName(err);
    return err;
  }

  function throws(fn, errorLike, matcher, msg) {
    if (typeof errorLike === "string" || errorLike instanceof RegExp) {
      matcher = errorLike;
      errorLike = null;
    }
    isType(fn, "function", msg);
    let caught;
    let thrown = false;
    try {
      fn();
    } catch (err) {
      thrown = true;
      caught = err;
    }
    let expectation = "an error";
    if (errorLike instanceof Error) expectation = "#{exp}";
    else if (errorLike) expectation = constructorName(errorLike);
    check(thrown, msg, fn, `expected #{this} to throw ${expectation}`, errorLike && errorLike.toString(),
      describeThrown(caught));
    if (errorLike && caught) {
      if (errorLike instanceof Error && caught !== errorLike) {
        check(false, msg, fn, "expected #{this} to throw #{exp} but #{act} was thrown", errorLike.toString(),
          describeThrown(caught));
      }
      if (!compatibleConstructor(caught, errorLike)) {
        check(false, msg, fn, "expected #{this} to throw #{exp} but #{act} was thrown",
          errorLike instanceof Error ? errorLike.toString() : constructorName(errorLike),
          caught instanceof Error ? caught.toString() : constructorName(caught));
      }
    }
    if (caught && matcher !== undefined && matcher !== null && !compatibleMessage(caught, matcher)) {
      const placeholder = matcher instanceof RegExp ? "matching" : "including";
      check(false, msg, fn, `expected #{this} to throw error ${placeholder} #{exp} but got #{act}`, matcher,
        thrownMessage(caught));
    }
    return caught;
  }

  function assert(expression, message) {
    if (!expression) raise(message, { actual: null, expected: undefined, showDiff: false });
  }

  Object.assign(assert, {
    fail(actual, expected, message, operator) {
      if (arguments.length < 2) {
        message = actual;
        actual = undefined;
      }
      throw new AssertionError(message || "assert.fail()", { actual, expected, operator });
    },
    ok(value, msg) { check(value, msg, value, "expected #{this} to be truthy"); },
    isOk(value, msg) { check(value, msg, value, "expected #{this} to be truthy"); },
    notOk(value, msg) { check(!value, msg, value, "expected #{this} to be falsy"); },
    isNotOk(value, msg) { check(!value, msg, value, "expected #{this} to be falsy"); },
    equal(actual, expected, msg) {
      check(expected == actual, msg, actual, "expected #{this} to equal #{exp}", expected, actual, true);
    },
    notEqual(actual, expected, msg) {
      check(expected != actual, msg, actual, "expected #{this} to not equal #{exp}", expected, actual, true);
    },
    strictEqual(actual, expected, msg) {
      check(expected === actual, msg, actual, "expected #{this} to equal #{exp}", expected, actual, true);
    },
    notStrictEqual(actual, expected, msg) {
      check(expected !== actual, msg, actual, "expected #{this} to not equal #{exp}", expected, actual, true);
    },
    deepEqual(actual, expected, msg) {
      check(deepEqual(expected, actual), msg, actual, "expected #{this} to deeply equal #{exp}", expected, actual,
        true);
    },
    notDeepEqual(actual, expected, msg) {
      check(!deepEqual(expected, actual), msg, actual, "expected #{this} to not deeply equal #{exp}", expected,
        actual, true);
    },
    isTrue(value, msg) { check(value === true, msg, value, "expected #{this} to be true", true); },
    isFalse(value, msg) { check(value === false, msg, value, "expected #{this} to be false", false); },
    isNull(value, msg) { check(value === null, msg, value, "expected #{this} to equal #{exp}", null, value, true); },
    isNotNull(value, msg) {
      check(value !== null, msg, value, "expected #{this} to not equal #{exp}", null, value, true);
    },
    isUndefined(value, msg) {
      check(value === undefined, msg, value, "expected #{this} to equal #{exp}", undefined, value, true);
    },
    isDefined(value, msg) {
      check(value !== undefined, msg, value, "expected #{this} to not equal #{exp}", undefined, value, true);
    },
    isFunction(value, msg) {
      if (!CALLABLE.includes(typeOf(value))) {
        raise(`${prefix(msg)}expected ${lib.inspect(value)} to be a callable function`);
      }
    },
    isObject(value, msg) { isType(value, "object", msg); },
    isString(value, msg) { isType(value, "string", msg); },
    isNumber(value, msg) { isType(value, "number", msg); },
    isBoolean(value, msg) { isType(value, "boolean", msg); },
    isArray(value, msg) { isType(value, "array", msg); },
    instanceOf(value, type, msg) {
      let ok;
      try {
        ok = value instanceof type;
      } catch (err) {
        if (err instanceof TypeError) {
          raise(`${prefix(msg)}The instanceof assertion needs a constructor but ${typeOf(type)} was given.`);
        }
        throw err;
      }
      const name = type.name == null ? "an unnamed constructor" : type.name;
      check(ok, msg, value, `expected #{this} to be an instance of ${name}`);
    },
    include,
    throws,
  });
  assert.isCallable = assert.isFunction;
  assert.throw = throws;
  assert.Throw = throws;
  assert.deepStrictEqual = assert.deepEqual;

  return assert;
})
