// RegExp as V8 runs it, over goja's engine. Patterns that goja gets wrong (named groups, \p{…}
// with the u flag, the d and v flags) are rewritten by the Go side into ones goja runs right;
// the regexps built from them get a prototype that adds what goja's results lack: groups,
// $<name> in replacements, indices, and the original source and flags. Every other pattern
// is goja's own RegExp, at goja's own speed.
"use strict";
(function (natives, NativeRegExp) {
  const nativeProto = NativeRegExp.prototype;
  const nativeCompile = nativeProto.compile;
  const info = new WeakMap(); // rewritten regexp → what its original pattern was
  const patchedProtos = new Map(); // prototype the regexp would have had → the one it gets
  const FLAG_ORDER = "dgimsuvy";
  const TEMPLATE_LIMIT = 512;
  const templates = new Map(); // flags + "/" + source → a compiled regexp to clone

  // mayNeedRewrite is a cheap first look; the Go side decides.
  function mayNeedRewrite(p, f) {
    return f.includes("d") || f.includes("v") || p.includes("(?<") ||
      (f.includes("u") && (p.includes("\\p") || p.includes("\\P") || p.includes("\\k")));
  }

  function isRegExp(v) {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) return false;
    const m = v[Symbol.match];
    return m !== undefined ? !!m : v instanceof NativeRegExp;
  }

  function RegExp(pattern, flags) {
    const patternIsRegExp = isRegExp(pattern);
    if (new.target === undefined && patternIsRegExp && flags === undefined &&
        pattern.constructor === RegExp) {
      return pattern;
    }
    let p, f;
    if (patternIsRegExp) {
      p = String(pattern.source);
      f = flags === undefined ? String(pattern.flags) : String(flags);
    } else {
      p = pattern === undefined ? "" : String(pattern);
      f = flags === undefined ? "" : String(flags);
    }
    const target = new.target || RegExp;
    if (target !== RegExp) return build(p, f, target);

    // The bundle turns regexp literals into calls of this constructor, which run each time the
    // literal is evaluated: clone a compiled template rather than compile again.
    const key = f + "/" + p;
    let template = templates.get(key);
    if (template === undefined) {
      if (templates.size >= TEMPLATE_LIMIT) templates.clear();
      template = build(p, f, RegExp);
      templates.set(key, template);
    }
    const re = new NativeRegExp(template);
    const meta = info.get(template);
    if (meta !== undefined) {
      Object.setPrototypeOf(re, Object.getPrototypeOf(template));
      info.set(re, meta);
    }
    return re;
  }

  // build compiles a new regexp whose prototype comes from target.
  function build(p, f, target) {
    const t = mayNeedRewrite(p, f) ? natives.translate(p, f) : undefined;
    if (t === undefined) return Reflect.construct(NativeRegExp, [p, f], target);

    const re = Reflect.construct(NativeRegExp, [t.source, t.flags], target);
    Object.setPrototypeOf(re, patchedProto(Object.getPrototypeOf(re)));
    info.set(re, {
      source: escapeSource(p),
      flags: [...f].sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b)).join(""),
      names: t.names,
      matcher: t.matcher,
      global: f.includes("g"),
      sticky: f.includes("y"),
    });
    return re;
  }
  Object.defineProperty(RegExp, "prototype", { value: nativeProto });
  Object.defineProperty(RegExp, Symbol.species, { get() { return this; }, configurable: true });
  Object.defineProperty(nativeProto, "constructor", { value: RegExp, writable: true, configurable: true });

  // escapeSource is what the source getter shows: "/" and line breaks escaped, as V8 does.
  function escapeSource(p) {
    if (p === "") return "(?:)";
    let out = "";
    let inClass = false;
    for (let i = 0; i < p.length; i++) {
      const c = p[i];
      if (c === "\\") {
        out += c + (p[i + 1] ?? "");
        i++;
        continue;
      }
      if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      if (c === "/" && !inClass) out += "\\/";
      else if (c === "\n") out += "\\n";
      else if (c === "\r") out += "\\r";
      else if (c === "\u2028") out += "\\u2028";
      else if (c === "\u2029") out += "\\u2029";
      else out += c;
    }
    return out;
  }

  function toLength(v) {
    const n = Math.trunc(Number(v));
    return n > 0 ? Math.min(n, Number.MAX_SAFE_INTEGER) : 0;
  }

  function advance(s, i, unicode) {
    if (!unicode || i + 1 >= s.length) return i + 1;
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? i + 2 : i + 1;
  }

  // execIndices runs a regexp of the d flag on the Go side, which knows where groups are.
  function execIndices(re, meta, s) {
    const moves = meta.global || meta.sticky;
    const lastIndex = moves ? toLength(re.lastIndex) : 0;
    if (lastIndex > s.length) {
      re.lastIndex = 0;
      return null;
    }
    const at = natives.match(meta.matcher, s, lastIndex);
    if (at === null || (meta.sticky && at[0] !== lastIndex)) {
      if (moves) re.lastIndex = 0;
      return null;
    }
    if (moves) re.lastIndex = at[1];
    const result = [];
    const indices = [];
    for (let g = 0; g < at.length; g += 2) {
      result.push(at[g] < 0 ? undefined : s.slice(at[g], at[g + 1]));
      indices.push(at[g] < 0 ? undefined : [at[g], at[g + 1]]);
    }
    result.index = at[0];
    result.input = s;
    result.groups = undefined;
    result.indices = indices;
    return result;
  }

  function addGroups(result, meta) {
    // V8 lists index before input; goja's results have them the other way round.
    const input = result.input;
    delete result.input;
    result.input = input;
    const names = meta.names;
    if (!names) {
      result.groups = undefined;
      if (result.indices) result.indices.groups = undefined;
      return result;
    }
    const groups = Object.create(null);
    const indexGroups = result.indices ? Object.create(null) : undefined;
    for (let i = 1; i < names.length; i++) {
      if (names[i] === "") continue;
      groups[names[i]] = result[i];
      if (indexGroups) indexGroups[names[i]] = result.indices[i];
    }
    result.groups = groups;
    if (indexGroups) result.indices.groups = indexGroups;
    return result;
  }

  function getSubstitution(matched, str, position, captures, groups, replacement) {
    const tail = position + matched.length;
    const m = captures.length;
    let out = "";
    for (let i = 0; i < replacement.length; i++) {
      const c = replacement[i];
      if (c !== "$" || i + 1 >= replacement.length) {
        out += c;
        continue;
      }
      const n = replacement[i + 1];
      if (n === "$") {
        out += "$";
        i++;
      } else if (n === "&") {
        out += matched;
        i++;
      } else if (n === "`") {
        out += str.slice(0, position);
        i++;
      } else if (n === "'") {
        out += str.slice(Math.min(tail, str.length));
        i++;
      } else if (n >= "0" && n <= "9") {
        const two = replacement[i + 2];
        let index = Number(n);
        let used = 1;
        if (two >= "0" && two <= "9" && index * 10 + Number(two) >= 1 && index * 10 + Number(two) <= m) {
          index = index * 10 + Number(two);
          used = 2;
        }
        if (index >= 1 && index <= m) {
          out += captures[index - 1] ?? "";
          i += used;
        } else {
          out += "$";
        }
      } else if (n === "<" && groups !== undefined) {
        const close = replacement.indexOf(">", i + 2);
        if (close < 0) {
          out += "$<";
          i++;
        } else {
          const v = groups[replacement.slice(i + 2, close)];
          out += v === undefined ? "" : String(v);
          i = close;
        }
      } else {
        out += "$";
      }
    }
    return out;
  }

  // replace is RegExp.prototype[Symbol.replace] as the specification writes it, since goja's
  // knows neither groups nor $<name>.
  function replace(string, replaceValue) {
    const rx = this;
    const s = String(string);
    const functional = typeof replaceValue === "function";
    if (!functional) replaceValue = String(replaceValue);
    const flags = String(rx.flags);
    const global = flags.includes("g");
    const fullUnicode = flags.includes("u") || flags.includes("v");
    if (global) rx.lastIndex = 0;

    const results = [];
    for (;;) {
      const result = rx.exec(s);
      if (result === null) break;
      results.push(result);
      if (!global) break;
      if (String(result[0]) === "") rx.lastIndex = advance(s, toLength(rx.lastIndex), fullUnicode);
    }

    let out = "";
    let next = 0;
    for (const result of results) {
      const matched = String(result[0]);
      const position = Math.max(Math.min(Math.trunc(Number(result.index)) || 0, s.length), 0);
      const captures = [];
      for (let n = 1; n < toLength(result.length); n++) {
        captures.push(result[n] === undefined ? undefined : String(result[n]));
      }
      const groups = result.groups;
      let replacement;
      if (functional) {
        const args = [matched, ...captures, position, s];
        if (groups !== undefined) args.push(groups);
        replacement = String(replaceValue(...args));
      } else {
        replacement = getSubstitution(matched, s, position, captures,
          groups === undefined ? undefined : Object(groups), replaceValue);
      }
      if (position >= next) {
        out += s.slice(next, position) + replacement;
        next = position + matched.length;
      }
    }
    return next >= s.length ? out : out + s.slice(next);
  }

  // patchedProto is the prototype of rewritten regexps whose prototype would have been base.
  function patchedProto(base) {
    let proto = patchedProtos.get(base);
    if (proto) return proto;
    proto = Object.create(base, {
      exec: {
        value: function exec(s) {
          const meta = info.get(this);
          if (meta === undefined) return base.exec.call(this, s);
          const result = meta.matcher ? execIndices(this, meta, String(s)) : base.exec.call(this, s);
          return result === null ? null : addGroups(result, meta);
        },
        writable: true, configurable: true,
      },
      [Symbol.replace]: { value: replace, writable: true, configurable: true },
      source: { get() { return (info.get(this) ?? { source: "(?:)" }).source; }, configurable: true },
      flags: { get() { return (info.get(this) ?? { flags: "" }).flags; }, configurable: true },
      unicode: { get() { return (info.get(this)?.flags ?? "").includes("u"); }, configurable: true },
      compile: {
        value: function compile() {
          throw new TypeError("dotest does not support RegExp.prototype.compile on this regular expression: " +
            "goja, dotest's JavaScript engine, runs its pattern rewritten. Create a new RegExp instead.");
        },
        writable: true, configurable: true,
      },
    });
    patchedProtos.set(base, proto);
    return proto;
  }

  function flagGetter(name, flag) {
    Object.defineProperty(nativeProto, name, {
      get() {
        const meta = info.get(this);
        if (meta !== undefined) return meta.flags.includes(flag);
        if (this === nativeProto) return undefined;
        if (!(this instanceof NativeRegExp)) {
          throw new TypeError(`RegExp.prototype.${name} getter called on non-object ${String(this)}`);
        }
        return false;
      },
      configurable: true,
    });
  }
  flagGetter("hasIndices", "d");
  flagGetter("unicodeSets", "v");

  Object.defineProperty(nativeProto, "compile", {
    value: function compile(pattern, flags) {
      const p = isRegExp(pattern) ? String(pattern.source) : pattern === undefined ? "" : String(pattern);
      const f = isRegExp(pattern) || flags === undefined ? "" : String(flags);
      if (mayNeedRewrite(p, f) && natives.translate(p, f) !== undefined) {
        throw new TypeError("dotest does not support RegExp.prototype.compile with this pattern: " +
          "goja, dotest's JavaScript engine, needs it rewritten. Create a new RegExp instead.");
      }
      return nativeCompile.apply(this, arguments);
    },
    writable: true, configurable: true,
  });

  // String methods that build a RegExp from a string build goja's own: route the strings that
  // need rewriting through the wrapper.
  const stringProto = String.prototype;
  for (const [name, flags] of [["match", undefined], ["matchAll", "g"], ["search", undefined]]) {
    const native = stringProto[name];
    Object.defineProperty(stringProto, name, {
      value: {
        [name](regexp) {
          if (this === null || this === undefined) return native.call(this, regexp);
          if (typeof regexp === "string" && regexp.includes("(?<")) {
            const sym = { match: Symbol.match, matchAll: Symbol.matchAll, search: Symbol.search }[name];
            return new RegExp(regexp, flags)[sym](String(this));
          }
          return native.call(this, regexp);
        },
      }[name],
      writable: true, configurable: true,
    });
  }

  Object.defineProperty(globalThis, "RegExp", { value: RegExp, writable: true, configurable: true });
})
