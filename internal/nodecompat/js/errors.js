// errors: the error classes of Node's internals, with their codes and message texts.
"use strict";
(function (natives, load) {
  const kTypes = ["string", "function", "number", "object", "Function", "Object", "boolean", "bigint", "symbol"];

  function makeError(Base, code, message) {
    const err = new Base(message);
    Object.defineProperty(err, "code", { value: code, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(err, "toString", {
      value() { return `${this.name} [${code}]: ${this.message}`; },
      writable: true, configurable: true,
    });
    if (typeof err.stack === "string") {
      err.stack = err.stack.replace(/^[A-Za-z]*Error/, `$& [${code}]`);
    }
    return err;
  }

  function joinWords(list, last) {
    if (list.length <= 2) return list.join(` ${last} `);
    return `${list.slice(0, -1).join(", ")}, ${last} ${list[list.length - 1]}`;
  }

  // received describes a value the way Node's "Received ..." suffix does.
  function received(value) {
    if (value == null) return ` Received ${value}`;
    if (typeof value === "function") return ` Received function ${value.name}`;
    if (typeof value === "object") {
      if (value.constructor && value.constructor.name) return ` Received an instance of ${value.constructor.name}`;
      return ` Received ${load("inspect").inspect(value, { depth: -1 })}`;
    }
    let shown = load("inspect").inspect(value, { colors: false });
    if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
    return ` Received type ${typeof value} (${shown})`;
  }

  function invalidArgType(name, expected, actual) {
    expected = Array.isArray(expected) ? expected : [expected];
    let msg = name.endsWith(" argument") ? `The ${name} ` : `The "${name}" ${name.includes(".") ? "property" : "argument"} `;
    msg += "must be ";
    const types = [];
    const instances = [];
    const other = [];
    for (const e of expected) {
      if (kTypes.includes(e)) types.push(e.toLowerCase());
      else if (/^([A-Z][a-z0-9]*)+$/.test(e)) instances.push(e);
      else other.push(e);
    }
    if (instances.length > 0 && types.includes("object")) {
      types.splice(types.indexOf("object"), 1);
      instances.push("Object");
    }
    const parts = [];
    if (types.length > 0) parts.push(`${types.length > 1 ? "one of type" : "of type"} ${joinWords(types, "or")}`);
    if (instances.length > 0) parts.push(`an instance of ${joinWords(instances, "or")}`);
    if (other.length > 0) parts.push(other.length > 1 ? `one of ${joinWords(other, "or")}` :
      (other[0].toLowerCase() !== other[0] ? "an " : "") + other[0]);
    msg += parts.join(" or ");
    return makeError(TypeError, "ERR_INVALID_ARG_TYPE", msg + "." + received(actual));
  }

  function addNumericalSeparator(val) {
    let res = "";
    let i = val.length;
    const start = val[0] === "-" ? 1 : 0;
    for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
    return `${val.slice(0, i)}${res}`;
  }

  function outOfRange(name, range, value) {
    let shown;
    if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) shown = addNumericalSeparator(String(value));
    else if (typeof value === "bigint") shown = `${value}n`;
    else shown = load("inspect").inspect(value, {});
    return makeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
  }

  function invalidArgValue(name, value, reason = "is invalid") {
    let shown = load("inspect").inspect(value, {});
    if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
    const type = name.includes(".") ? "property" : "argument";
    return makeError(TypeError, "ERR_INVALID_ARG_VALUE", `The ${type} '${name}' ${reason}. Received ${shown}`);
  }

  class AbortError extends Error {
    constructor(message = "The operation was aborted", options = undefined) {
      super(message, options);
      this.code = "ABORT_ERR";
      this.name = "AbortError";
    }
  }

  return {
    makeError,
    invalidArgType,
    outOfRange,
    invalidArgValue,
    AbortError,
    unknownEncoding: (enc) => makeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${enc}`),
    bufferOutOfBounds: (name) => makeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS",
      name ? `"${name}" is outside of buffer bounds` : "Attempt to access memory outside buffer bounds"),
    notImplemented: (what) => makeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The ${what} method is not implemented`),
    missingArgs: (...names) => makeError(TypeError, "ERR_MISSING_ARGS",
      `The ${joinWords(names.map((n) => `"${n}"`), "and")} argument${names.length > 1 ? "s" : ""} must be specified`),
    validateFunction(v, name) { if (typeof v !== "function") throw invalidArgType(name, "Function", v); },
    validateString(v, name) { if (typeof v !== "string") throw invalidArgType(name, "string", v); },
    validateNumber(v, name) { if (typeof v !== "number") throw invalidArgType(name, "number", v); },
    validateObject(v, name) {
      if (v === null || typeof v !== "object" || Array.isArray(v)) throw invalidArgType(name, "Object", v);
    },
    validateInteger(v, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
      if (typeof v !== "number") throw invalidArgType(name, "number", v);
      if (!Number.isInteger(v)) throw outOfRange(name, "an integer", v);
      if (v < min || v > max) throw outOfRange(name, `>= ${min} && <= ${max}`, v);
    },
  };
})
