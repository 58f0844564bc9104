// inspect: Node's util.inspect with options. util.inspect(value) without options prints as
// console.log does (the runtime's own inspector); options (depth, compact, breakLength,
// sorted, maxArrayLength, maxStringLength, customInspect) come here, and so do the messages of
// node:assert, which inspect with { compact: true, sorted: true, depth: 1000 } as workerd does.
// Not done: the column layout Node gives arrays of more than six short items, colors, and
// showHidden.
"use strict";
(function (natives) {
  const custom = Symbol.for("nodejs.util.inspect.custom");
  const defaults = {
    depth: 2, colors: false, customInspect: true, showHidden: false, maxArrayLength: 100,
    maxStringLength: 10000, breakLength: 128, compact: 3, sorted: false, getters: false,
  };
  const identifier = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

  function inspect(value, opts) {
    if (opts === undefined || opts === null || typeof opts !== "object") {
      return natives.inspect(value);
    }
    return format(value, opts);
  }

  function format(value, opts) {
    const ctx = { ...defaults, ...opts, seen: [], indentationLvl: 0, currentDepth: 0 };
    if (ctx.depth === null) ctx.depth = Infinity;
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    return formatValue(ctx, value, 0, true);
  }

  function quote(s) {
    let q = "'";
    if (s.includes("'")) {
      if (!s.includes('"')) q = '"';
      else if (!s.includes("`") && !s.includes("${")) q = "`";
    }
    let out = "";
    for (const c of s) {
      const code = c.charCodeAt(0);
      if (c === q || c === "\\") out += "\\" + c;
      else if (c === "\n") out += "\\n";
      else if (c === "\t") out += "\\t";
      else if (c === "\r") out += "\\r";
      else if (c === "\b") out += "\\b";
      else if (c === "\f") out += "\\f";
      else if (c === "\v") out += "\\v";
      else if (code < 0x20 || code === 0x7f) out += "\\x" + code.toString(16).toUpperCase().padStart(2, "0");
      else out += c;
    }
    return q + out + q;
  }

  function formatPrimitive(ctx, v) {
    switch (typeof v) {
      case "string": {
        let trailer = "";
        if (v.length > ctx.maxStringLength) {
          trailer = `... ${v.length - ctx.maxStringLength} more character${v.length - ctx.maxStringLength > 1 ? "s" : ""}`;
          v = v.slice(0, ctx.maxStringLength);
        }
        return quote(v) + trailer;
      }
      case "number": return Object.is(v, -0) ? "-0" : String(v);
      case "bigint": return `${v}n`;
      case "symbol": return v.toString();
      default: return String(v);
    }
  }

  function formatKey(k) {
    if (typeof k === "symbol") return `[${k.toString()}]`;
    return identifier.test(k) ? k : quote(k);
  }

  function constructorName(obj) {
    let o = obj;
    while (o !== null) {
      const d = Object.getOwnPropertyDescriptor(o, "constructor");
      if (d !== undefined && typeof d.value === "function" && d.value.name !== "") return d.value.name;
      o = Object.getPrototypeOf(o);
    }
    return null;
  }

  function prefix(name, tag, fallback, size = "") {
    if (name === null) {
      return tag !== "" && fallback !== tag ? `[${fallback}${size}: null prototype] [${tag}] ` : `[${fallback}${size}: null prototype] `;
    }
    return tag !== "" && name !== tag ? `${name}${size} [${tag}] ` : `${name}${size} `;
  }

  function functionBase(fn, name, tag) {
    const src = Function.prototype.toString.call(fn);
    if (src.startsWith("class") && src.endsWith("}")) {
      let base = `class ${fn.name || "(anonymous)"}`;
      const sup = Object.getPrototypeOf(fn);
      if (sup && sup.name) base += ` extends ${sup.name}`;
      return `[${base}]`;
    }
    let type = "Function";
    if (src.startsWith("async function*")) type = "AsyncGeneratorFunction";
    else if (src.startsWith("async")) type = "AsyncFunction";
    else if (/^function\s*\*/.test(src)) type = "GeneratorFunction";
    let base = `[${type}`;
    if (name === null) base += " (null prototype)";
    base += fn.name === "" ? " (anonymous)" : `: ${fn.name}`;
    base += "]";
    if (name !== type && name !== null) base += ` ${name}`;
    if (tag !== "" && name !== tag) base += ` [${tag}]`;
    return base;
  }

  function formatValue(ctx, v, recurseTimes, typedArray) {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) return formatPrimitive(ctx, v);
    if (ctx.customInspect) {
      const fn = v[custom];
      if (typeof fn === "function" && fn !== inspect) {
        const depth = ctx.depth - recurseTimes;
        const ret = fn.call(v, depth, { ...ctx, depth }, inspect);
        if (ret !== v) return typeof ret === "string" ? ret : formatValue(ctx, ret, recurseTimes);
      }
    }
    if (ctx.seen.includes(v)) return "[Circular *1]";
    return formatRaw(ctx, v, recurseTimes);
  }

  function ownKeys(ctx, v, filter) {
    let keys = Object.keys(v).filter(filter);
    const syms = Object.getOwnPropertySymbols(v).filter((s) => Object.getOwnPropertyDescriptor(v, s).enumerable);
    keys = keys.concat(syms);
    if (ctx.sorted) keys.sort(typeof ctx.sorted === "function" ? ctx.sorted : undefined);
    return keys;
  }

  function formatProperty(ctx, v, recurseTimes, key, array) {
    const desc = Object.getOwnPropertyDescriptor(v, key) ?? { value: v[key], enumerable: true };
    let str;
    if (desc.value !== undefined || !("get" in desc)) {
      ctx.indentationLvl += array ? 2 : 2;
      str = formatValue(ctx, desc.value, recurseTimes);
      ctx.indentationLvl -= 2;
    } else if (desc.get !== undefined) {
      str = desc.set !== undefined ? "[Getter/Setter]" : "[Getter]";
    } else {
      str = desc.set !== undefined ? "[Setter]" : "undefined";
    }
    if (array) return str;
    return `${formatKey(key)}: ${str}`;
  }

  function formatRaw(ctx, v, recurseTimes) {
    const name = constructorName(v);
    let tag = v[Symbol.toStringTag];
    if (typeof tag !== "string") tag = "";
    let keys = [];
    let base = "";
    let braces;
    let entries = (out) => out;
    let isArrayLike = false;
    const isIndex = (k) => !/^(0|[1-9][0-9]*)$/.test(k);

    if (Array.isArray(v)) {
      keys = ownKeys(ctx, v, isIndex);
      const p = name !== "Array" || tag !== "" ? prefix(name, tag, "Array", `(${v.length})`) : "";
      braces = [`${p}[`, "]"];
      isArrayLike = true;
      if (v.length === 0 && keys.length === 0) return `${braces[0]}]`;
      entries = (out) => formatArray(ctx, v, recurseTimes, out);
    } else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      keys = ownKeys(ctx, v, isIndex);
      const p = prefix(name, tag, "TypedArray", `(${v.length})`);
      braces = [`${p}[`, "]"];
      isArrayLike = true;
      if (v.length === 0 && keys.length === 0) return `${braces[0]}]`;
      entries = (out) => formatArray(ctx, v, recurseTimes, out);
    } else if (v instanceof Set) {
      keys = ownKeys(ctx, v, () => true);
      braces = [`${prefix(name, tag, "Set", `(${v.size})`)}{`, "}"];
      if (v.size === 0 && keys.length === 0) return `${braces[0]}}`;
      entries = (out) => {
        ctx.indentationLvl += 2;
        for (const x of v) out.push(formatValue(ctx, x, recurseTimes));
        ctx.indentationLvl -= 2;
        return out;
      };
    } else if (v instanceof Map) {
      keys = ownKeys(ctx, v, () => true);
      braces = [`${prefix(name, tag, "Map", `(${v.size})`)}{`, "}"];
      if (v.size === 0 && keys.length === 0) return `${braces[0]}}`;
      entries = (out) => {
        ctx.indentationLvl += 2;
        for (const [k, x] of v) out.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, x, recurseTimes)}`);
        ctx.indentationLvl -= 2;
        return out;
      };
    } else {
      keys = ownKeys(ctx, v, () => true);
      braces = ["{", "}"];
      if (typeof v === "function") {
        base = functionBase(v, name, tag);
        if (keys.length === 0) return base;
      } else if (v instanceof RegExp) {
        base = RegExp.prototype.toString.call(v);
        if (keys.length === 0) return base;
      } else if (v instanceof Date) {
        base = Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
        if (keys.length === 0) return base;
      } else if (v instanceof Error) {
        base = formatError(v);
        keys = keys.filter((k) => k !== "stack" && k !== "message");
        if (keys.length === 0) return base;
      } else if (v instanceof Promise) {
        const [state, result] = natives.promiseState(v);
        braces[0] = `${prefix(name, tag, "Promise")}{`;
        entries = (out) => {
          if (state === "pending") out.push("<pending>");
          else {
            ctx.indentationLvl += 2;
            const s = formatValue(ctx, result, recurseTimes);
            ctx.indentationLvl -= 2;
            out.push(state === "rejected" ? `<rejected> ${s}` : s);
          }
          return out;
        };
      } else if (v instanceof ArrayBuffer) {
        const bytes = [...new Uint8Array(v).slice(0, 50)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
        const more = v.byteLength > 50 ? ` ... ${v.byteLength - 50} more byte${v.byteLength > 51 ? "s" : ""}` : "";
        braces[0] = `${prefix(name, tag, "ArrayBuffer")}{`;
        entries = (out) => [`[Uint8Contents]: <${bytes}${more}>`, `byteLength: ${v.byteLength}`, ...out];
      } else if (v instanceof WeakMap || v instanceof WeakSet) {
        return `${prefix(name, tag, "Object")}{ <items unknown> }`;
      } else if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt) {
        const type = v instanceof Number ? "Number" : v instanceof String ? "String" : v instanceof Boolean ? "Boolean" : "BigInt";
        base = `[${type}: ${formatPrimitive(ctx, v.valueOf())}]`;
        if (v instanceof String) keys = keys.filter(isIndex);
        if (keys.length === 0) return base;
      } else if (name === "Object" && tag === "") {
        if (keys.length === 0) return "{}";
      } else {
        braces[0] = `${prefix(name, tag, "Object")}{`;
        if (keys.length === 0) return `${braces[0]}}`;
      }
    }

    if (recurseTimes > ctx.depth) {
      return `[${name === null ? "Object: null prototype" : isArrayLike && name === "Array" ? "Array" : name || tag || "Object"}]`;
    }
    ctx.seen.push(v);
    ctx.currentDepth = recurseTimes;
    let output = entries([]);
    for (const k of keys) output.push(formatProperty(ctx, v, recurseTimes + 1, k, false));
    ctx.seen.pop();
    if (base !== "") {
      output = output.map((x) => x);
      return reduceToSingleString(ctx, output, base, braces, recurseTimes);
    }
    return reduceToSingleString(ctx, output, "", braces, recurseTimes);
  }

  function formatArray(ctx, v, recurseTimes, out) {
    const max = Math.min(ctx.maxArrayLength, v.length);
    let holes = 0;
    const flushHoles = () => {
      if (holes > 0) out.push(`<${holes} empty item${holes > 1 ? "s" : ""}>`);
      holes = 0;
    };
    for (let i = 0; i < max; i++) {
      if (!Object.prototype.hasOwnProperty.call(v, i) && Array.isArray(v)) {
        holes++;
        continue;
      }
      flushHoles();
      out.push(formatProperty(ctx, v, recurseTimes + 1, i, true));
    }
    flushHoles();
    if (v.length > max) out.push(`... ${v.length - max} more item${v.length - max > 1 ? "s" : ""}`);
    if (ctx.showHidden && Array.isArray(v)) out.push(`[length]: ${formatPrimitive(ctx, v.length)}`);
    return out;
  }

  function formatError(err) {
    const stack = typeof err.stack === "string" && err.stack !== "" ? err.stack : null;
    if (stack !== null) return stack;
    const s = Error.prototype.toString.call(err);
    return `[${s}]`;
  }

  function isBelowBreakLength(ctx, output, start, base) {
    let total = output.length + start;
    if (total + output.length > ctx.breakLength) return false;
    for (const x of output) {
      total += x.length;
      if (total > ctx.breakLength) return false;
    }
    return base === "" || !base.includes("\n");
  }

  function reduceToSingleString(ctx, output, base, braces, recurseTimes) {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === "number" && ctx.compact >= 1) {
        if (ctx.currentDepth - recurseTimes < ctx.compact) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (isBelowBreakLength(ctx, output, start, base)) {
            const joined = output.join(", ");
            if (!joined.includes("\n")) return `${base ? `${base} ` : ""}${braces[0]} ${joined} ${braces[1]}`;
          }
        }
      }
      const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
      return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
    }
    if (isBelowBreakLength(ctx, output, 0, base)) {
      return `${braces[0]}${base ? ` ${base}` : ""} ${output.join(", ")} ${braces[1]}`;
    }
    const indentation = " ".repeat(ctx.indentationLvl);
    const ln = base === "" && braces[0].length === 1 ? " " : `${base ? ` ${base}` : ""}\n${indentation}  `;
    return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
  }

  inspect.custom = custom;
  inspect.defaultOptions = defaults;
  return { inspect, format };
})
