// console, printing the way Node's util.format and util.inspect do, since that is what
// workerd's console prints and what people read in vitest's output. The Go side receives one
// finished string per call.
"use strict";
(function (write, now) {
  const MAX_DEPTH = 2;
  const MAX_ITEMS = 100;

  function quote(s) {
    const q = s.includes("'") && !s.includes('"') ? '"' : "'";
    const escaped = s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t");
    return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
  }

  function key(k) {
    if (typeof k === "symbol") return `[${String(k)}]`;
    return /^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k);
  }

  function ctorName(o) {
    const proto = Object.getPrototypeOf(o);
    if (proto === null) return "[Object: null prototype]";
    const c = proto.constructor;
    return c && typeof c.name === "string" ? c.name : "";
  }

  function wrap(open, items, close, indent) {
    if (items.length === 0) return `${open}${close}`;
    const oneLine = `${open} ${items.join(", ")} ${close}`;
    if (oneLine.length <= 72 && !items.some((i) => i.includes("\n"))) return oneLine;
    const pad = "  ".repeat(indent + 1);
    return `${open}\n${pad}${items.join(`,\n${pad}`)}\n${"  ".repeat(indent)}${close}`;
  }

  function inspect(v, depth = 0, seen = [], top = true) {
    switch (typeof v) {
      case "string": return top ? v : quote(v);
      case "number": return Object.is(v, -0) ? "-0" : String(v);
      case "bigint": return `${v}n`;
      case "symbol": return String(v);
      case "undefined": return "undefined";
      case "boolean": return String(v);
      case "function": {
        const src = Function.prototype.toString.call(v);
        const kind = src.startsWith("class") ? "class" : "Function";
        return v.name ? `[${kind}: ${v.name}]` : `[${kind} (anonymous)]`;
      }
    }
    if (v === null) return "null";
    if (seen.includes(v)) return "[Circular *1]";
    if (v instanceof Error) return v.stack || `${v.name}: ${v.message}`;
    if (v instanceof Date) return isNaN(v) ? "Invalid Date" : v.toISOString();
    if (v instanceof RegExp) return String(v);
    if (v instanceof Promise) return "Promise { <pending> }";
    if (v instanceof Boolean) return `[Boolean: ${v}]`;
    if (v instanceof Number) return `[Number: ${v}]`;
    if (v instanceof String) return `[String: ${quote(String(v))}]`;
    if (depth > MAX_DEPTH) return Array.isArray(v) ? "[Array]" : `[${ctorName(v) || "Object"}]`;

    const inner = [...seen, v];
    const sub = (x) => inspect(x, depth + 1, inner, false);
    if (Array.isArray(v)) {
      const items = v.slice(0, MAX_ITEMS).map(sub);
      if (v.length > MAX_ITEMS) items.push(`... ${v.length - MAX_ITEMS} more items`);
      return wrap("[", items, "]", depth);
    }
    if (v instanceof Map) {
      const items = [...v].map(([k, x]) => `${sub(k)} => ${sub(x)}`);
      return wrap(`Map(${v.size}) {`, items, "}", depth);
    }
    if (v instanceof Set) return wrap(`Set(${v.size}) {`, [...v].map(sub), "}", depth);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      return wrap(`${ctorName(v)}(${v.length}) [`, Array.from(v, sub), "]", depth);
    }
    if (v instanceof ArrayBuffer) return `ArrayBuffer { byteLength: ${v.byteLength} }`;

    const name = ctorName(v);
    const items = Reflect.ownKeys(v)
      .filter((k) => Object.getOwnPropertyDescriptor(v, k).enumerable)
      .map((k) => {
        const d = Object.getOwnPropertyDescriptor(v, k);
        const shown = "value" in d ? sub(d.value) : d.set ? "[Getter/Setter]" : "[Getter]";
        return `${key(k)}: ${shown}`;
      });
    const prefix = name && name !== "Object" ? `${name} ` : "";
    return prefix + wrap("{", items, "}", depth);
  }

  function format(args) {
    if (args.length === 0) return "";
    let out = "";
    let rest = args;
    if (typeof args[0] === "string" && args[0].includes("%")) {
      let i = 1;
      out = args[0].replace(/%([sdifjoOc%])/g, (m, f) => {
        if (f === "%") return "%";
        if (i >= args.length) return m;
        const a = args[i++];
        switch (f) {
          case "s": return typeof a === "string" ? a : inspect(a, 1, [], typeof a !== "object");
          case "d": case "i": {
            if (typeof a === "bigint") return `${a}n`;
            const n = Number(a);
            return String(f === "i" ? Math.trunc(n) : n);
          }
          case "f": return String(parseFloat(a));
          case "j": try { return JSON.stringify(a); } catch { return "[Circular]"; }
          case "c": return "";
          default: return inspect(a, 0, [], false);
        }
      });
      rest = args.slice(i);
      return [out, ...rest.map((a) => inspect(a))].join(" ");
    }
    return rest.map((a) => inspect(a)).join(" ");
  }

  let groupIndent = "";
  const counts = new Map();
  const timers = new Map();
  const emit = (stream) => (...args) => {
    const text = format(args);
    write(stream, groupIndent ? text.replace(/^/gm, groupIndent) : text);
  };
  const log = emit("stdout");
  const err = emit("stderr");

  const console = {
    log, info: log, debug: log, dirxml: log,
    warn: err, error: err,
    trace: (...args) => err(["Trace:", format(args)].join(" ") + "\n" +
      new Error().stack.split("\n").slice(2).join("\n")),
    dir: (v) => log(inspect(v, 0, [], false)),
    assert: (cond, ...args) => {
      if (!cond) err(args.length ? `Assertion failed: ${format(args)}` : "Assertion failed");
    },
    count: (label = "default") => {
      counts.set(label, (counts.get(label) ?? 0) + 1);
      log(`${label}: ${counts.get(label)}`);
    },
    countReset: (label = "default") => counts.delete(label),
    time: (label = "default") => timers.set(label, now()),
    timeLog: (label = "default", ...args) =>
      log([`${label}: ${(now() - (timers.get(label) ?? now())).toFixed(3)}ms`, ...args.map((a) => inspect(a))].join(" ")),
    timeEnd: (label = "default") => {
      console.timeLog(label);
      timers.delete(label);
    },
    group: (...args) => {
      if (args.length) log(...args);
      groupIndent += "  ";
    },
    groupEnd: () => { groupIndent = groupIndent.slice(2); },
    table: (data) => log(inspect(data, 0, [], false)),
  };
  console.groupCollapsed = console.group;
  globalThis.console = console;
  return { inspect: (v) => inspect(v, 0, [], false), format };
})
