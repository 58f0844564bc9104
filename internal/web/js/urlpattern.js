// URLPattern after the WHATWG URL Pattern Standard: the pattern tokenizer and parser, the
// regular expressions and pattern strings they generate, the constructor string parser, and
// matching. Components are canonicalized by the Go URL parser. Any construction failure is
// workerd's "Failed to construct URLPattern". Note: name code points follow ID_Start and
// ID_Continue for ASCII only; any non-ASCII letter is accepted in a group name.
"use strict";
(function (natives) {
  const COMPONENTS = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
  const SPECIAL = { "ftp": "21", "file": "", "http": "80", "https": "443", "ws": "80", "wss": "443" };
  const FULL_WILDCARD = ".*";

  class PatternError extends TypeError {}
  const fail = () => { throw new PatternError("invalid pattern"); };

  // ---- tokenizer ----

  function isNameCodePoint(cp, first) {
    if (cp === 0x24 || cp === 0x5f) return true;
    if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return true;
    if (!first && ((cp >= 0x30 && cp <= 0x39) || cp === 0x200c || cp === 0x200d)) return true;
    return cp > 0x7f && !/\s/.test(String.fromCodePoint(cp));
  }

  function tokenize(input, strict) {
    const tokens = [];
    let index = 0, next = 0, cp = 0;
    const getNext = () => { cp = input.codePointAt(next); next += cp > 0xffff ? 2 : 1; };
    const seek = (i) => { next = i; getNext(); };
    const add = (type, nextPos, valuePos, valueLen = nextPos - valuePos) => {
      tokens.push({ type, index, value: input.substr(valuePos, valueLen) });
      index = nextPos;
    };
    const addDefault = (type) => add(type, next, index);
    const error = (nextPos, valuePos) => {
      if (strict) fail();
      add("invalid-char", nextPos, valuePos);
    };
    while (index < input.length) {
      seek(index);
      const c = String.fromCodePoint(cp);
      if (c === "*") { addDefault("asterisk"); continue; }
      if (c === "+" || c === "?") { addDefault("other-modifier"); continue; }
      if (c === "\\") {
        if (index === input.length - 1) { error(next, index); continue; }
        const escaped = next;
        getNext();
        add("escaped-char", next, escaped);
        continue;
      }
      if (c === "{") { addDefault("open"); continue; }
      if (c === "}") { addDefault("close"); continue; }
      if (c === ":") {
        let pos = next;
        const start = pos;
        while (pos < input.length) {
          seek(pos);
          if (!isNameCodePoint(cp, pos === start)) break;
          pos = next;
        }
        if (pos <= start) { error(start, index); continue; }
        add("name", pos, start);
        continue;
      }
      if (c === "(") {
        tokenizeRegexp();
        continue;
      }
      addDefault("char");
    }
    add("end", index, index);
    return tokens;

    function tokenizeRegexp() {
      let depth = 1, pos = next;
      const start = pos;
      let bad = false;
      while (pos < input.length) {
        seek(pos);
        if (cp > 0x7f || (pos === start && cp === 0x3f)) { bad = true; break; }
        if (cp === 0x5c) {
          if (pos === input.length - 1) { bad = true; break; }
          getNext();
          if (cp > 0x7f) { bad = true; break; }
          pos = next;
          continue;
        }
        if (cp === 0x29) {
          depth--;
          if (depth === 0) { pos = next; break; }
        } else if (cp === 0x28) {
          depth++;
          if (pos === input.length - 1) { bad = true; break; }
          const tmp = next;
          getNext();
          if (cp !== 0x3f) { bad = true; break; }
          next = tmp;
        }
        pos = next;
      }
      if (bad || depth !== 0 || pos - start - 1 === 0) {
        error(start, index);
        return;
      }
      add("regexp", pos, start, pos - start - 1);
    }
  }

  // ---- pattern parser ----

  const escapeRegexp = (s) => s.replace(/[.+*?^${}()[\]|/\\]/g, "\\$&");
  const escapePattern = (s) => s.replace(/[+*?:{}()\\]/g, "\\$&");
  const modifierText = (m) => ({ "zero-or-more": "*", "optional": "?", "one-or-more": "+" })[m] ?? "";
  const segmentWildcard = (options) => `[^${escapeRegexp(options.delimiter)}]+?`;

  function parsePattern(input, options, encode) {
    const tokens = tokenize(input, true);
    const parts = [];
    const segment = segmentWildcard(options);
    let pending = "", i = 0, nextName = 0;
    const tryConsume = (type) => (tokens[i].type === type ? tokens[i++] : null);
    const tryModifier = () => tryConsume("other-modifier") ?? tryConsume("asterisk");
    const tryRegexpOrWildcard = (name) => {
      const t = tryConsume("regexp");
      return name === null && t === null ? tryConsume("asterisk") : t;
    };
    const required = (type) => tryConsume(type) ?? fail();
    const consumeText = () => {
      let s = "";
      for (let t; (t = tryConsume("char") ?? tryConsume("escaped-char")) !== null;) s += t.value;
      return s;
    };
    const flush = () => {
      if (pending === "") return;
      parts.push({ type: "fixed-text", value: encode(pending), modifier: "none" });
      pending = "";
    };
    const addPart = (prefix, nameToken, regexpToken, suffix, modifierToken) => {
      const modifier = modifierToken === null ? "none"
        : { "?": "optional", "*": "zero-or-more", "+": "one-or-more" }[modifierToken.value];
      if (nameToken === null && regexpToken === null && modifier === "none") {
        pending += prefix;
        return;
      }
      flush();
      if (nameToken === null && regexpToken === null) {
        if (prefix !== "") parts.push({ type: "fixed-text", value: encode(prefix), modifier });
        return;
      }
      let value = regexpToken === null ? segment : regexpToken.type === "asterisk" ? FULL_WILDCARD : regexpToken.value;
      let type = "regexp";
      if (value === segment) { type = "segment-wildcard"; value = ""; }
      else if (value === FULL_WILDCARD) { type = "full-wildcard"; value = ""; }
      const name = nameToken !== null ? nameToken.value : String(nextName++);
      if (parts.some((p) => p.name === name)) fail();
      parts.push({ type, value, modifier, name, prefix: encode(prefix), suffix: encode(suffix) });
    };
    while (i < tokens.length) {
      const charToken = tryConsume("char");
      const nameToken = tryConsume("name");
      const regexpToken = tryRegexpOrWildcard(nameToken);
      if (nameToken !== null || regexpToken !== null) {
        let prefix = charToken === null ? "" : charToken.value;
        if (prefix !== "" && prefix !== options.prefix) {
          pending += prefix;
          prefix = "";
        }
        flush();
        addPart(prefix, nameToken, regexpToken, "", tryModifier());
        continue;
      }
      const fixed = charToken ?? tryConsume("escaped-char");
      if (fixed !== null) {
        pending += fixed.value;
        continue;
      }
      if (tryConsume("open") !== null) {
        const prefix = consumeText();
        const name = tryConsume("name");
        const regexp = tryRegexpOrWildcard(name);
        const suffix = consumeText();
        required("close");
        addPart(prefix, name, regexp, suffix, tryModifier());
        continue;
      }
      flush();
      required("end");
    }
    return parts;
  }

  function generateRegexp(parts, options) {
    let out = "^";
    const names = [];
    for (const p of parts) {
      if (p.type === "fixed-text") {
        const text = escapeRegexp(p.value);
        out += p.modifier === "none" ? text : `(?:${text})${modifierText(p.modifier)}`;
        continue;
      }
      names.push(p.name);
      const value = p.type === "segment-wildcard" ? segmentWildcard(options)
        : p.type === "full-wildcard" ? FULL_WILDCARD : p.value;
      const single = p.modifier === "none" || p.modifier === "optional";
      if (p.prefix === "" && p.suffix === "") {
        out += single ? `(${value})${modifierText(p.modifier)}` : `((?:${value})${modifierText(p.modifier)})`;
        continue;
      }
      const pre = escapeRegexp(p.prefix), suf = escapeRegexp(p.suffix);
      if (single) {
        out += `(?:${pre}(${value})${suf})${modifierText(p.modifier)}`;
        continue;
      }
      out += `(?:${pre}((?:${value})(?:${suf}${pre}(?:${value}))*)${suf})`;
      if (p.modifier === "zero-or-more") out += "?";
    }
    return { source: out + "$", names };
  }

  const startsWithDigit = (s) => /^[0-9]/.test(s);

  function generatePatternString(parts, options) {
    let out = "";
    parts.forEach((p, i) => {
      const prev = parts[i - 1] ?? null, next = parts[i + 1] ?? null;
      if (p.type === "fixed-text") {
        const text = escapePattern(p.value);
        out += p.modifier === "none" ? text : `{${text}}${modifierText(p.modifier)}`;
        return;
      }
      const custom = !startsWithDigit(p.name);
      let group = p.suffix !== "" || (p.prefix !== "" && p.prefix !== options.prefix);
      if (!group && custom && p.type === "segment-wildcard" && p.modifier === "none" && next !== null &&
          next.prefix === "" && next.suffix === "") {
        group = next.type === "fixed-text"
          ? isNameCodePoint(next.value.codePointAt(0) ?? 0, false)
          : startsWithDigit(next.name);
      }
      const afterPrefix = prev !== null && prev.type === "fixed-text" && options.prefix !== "" &&
        prev.value.endsWith(options.prefix);
      if (!group && p.prefix === "" && afterPrefix) group = true;
      if (group) out += "{";
      out += escapePattern(p.prefix);
      if (custom) out += ":" + p.name;
      if (p.type === "regexp") out += `(${p.value})`;
      else if (p.type === "segment-wildcard" && !custom) out += `(${segmentWildcard(options)})`;
      else if (p.type === "full-wildcard") {
        const star = !custom && (prev === null || prev.type === "fixed-text" || prev.modifier !== "none" ||
          group || p.prefix !== "");
        out += star ? "*" : "(.*)";
      }
      const suffixIsName = p.suffix !== "" && isNameCodePoint(p.suffix.codePointAt(0), false);
      if (p.type === "segment-wildcard" && custom && suffixIsName) out += "\\";
      out += escapePattern(p.suffix);
      if (group) out += "}";
      out += modifierText(p.modifier);
    });
    return out;
  }

  function compile(input, encode, options) {
    const parts = parsePattern(input, options, encode);
    const { source, names } = generateRegexp(parts, options);
    let regexp;
    try {
      regexp = new RegExp(source, options.ignoreCase ? "ui" : "u");
    } catch {
      fail();
    }
    const hasRegExpGroups = parts.some((p) => p.type === "regexp");
    return { pattern: generatePatternString(parts, options), regexp, names, hasRegExpGroups };
  }

  // ---- canonicalization ----

  const canon = (kind, protocol = "") => (value) => {
    const out = natives.canonicalize(kind, value, protocol);
    if (out === null) fail();
    return out;
  };
  function canonIPv6(value) {
    if (!/^[0-9a-fA-F[\]:]*$/.test(value)) fail();
    return value.toLowerCase();
  }

  const isSpecialProtocol = (component) => Object.keys(SPECIAL).some((s) => component.regexp.test(s));

  // processInit is the standard's "process a URLPatternInit"; kind is "pattern" or "url".
  function processInit(init, kind) {
    const result = {};
    const pattern = kind === "pattern";
    const base = (s) => (pattern ? escapePattern(s) : s);
    if (init.baseURL !== undefined) {
      const b = natives.parse(String(init.baseURL), undefined);
      if (b === null) fail();
      const [protocol, username, password, hostname, port, pathname, search, hash] = b;
      const has = (...names) => names.some((n) => init[n] !== undefined);
      if (!has("protocol")) result.protocol = base(protocol);
      if (!pattern && !has("protocol", "hostname", "port", "username")) result.username = base(username);
      if (!pattern && !has("protocol", "hostname", "port", "username", "password")) result.password = base(password);
      if (!has("protocol", "hostname")) result.hostname = base(hostname);
      if (!has("protocol", "hostname", "port")) result.port = port;
      if (!has("protocol", "hostname", "port", "pathname")) result.pathname = base(pathname);
      if (!has("protocol", "hostname", "port", "pathname", "search")) result.search = base(search);
      if (!has("protocol", "hostname", "port", "pathname", "search", "hash")) result.hash = base(hash);
      result.baseOpaque = !pathname.startsWith("/");
      result.basePath = base(pathname);
    }
    const str = (n) => String(init[n]);
    if (init.protocol !== undefined) {
      const v = str("protocol").replace(/:$/, "");
      result.protocol = pattern ? v : canon("protocol")(v);
    }
    if (init.username !== undefined) result.username = pattern ? str("username") : canon("username")(str("username"));
    if (init.password !== undefined) result.password = pattern ? str("password") : canon("password")(str("password"));
    const protocol = () => result.protocol ?? "";
    if (init.hostname !== undefined) {
      result.hostname = pattern ? str("hostname") : canon("hostname", protocol())(str("hostname"));
    }
    if (init.port !== undefined) result.port = pattern ? str("port") : canon("port", protocol())(str("port"));
    if (init.pathname !== undefined) {
      let p = str("pathname");
      if (result.basePath !== undefined && !result.baseOpaque && !isAbsolutePathname(p, pattern)) {
        const slash = result.basePath.lastIndexOf("/");
        if (slash >= 0) p = result.basePath.slice(0, slash + 1) + p;
      }
      if (!pattern) {
        const special = protocol() === "" || SPECIAL[protocol()] !== undefined;
        p = canon(special ? "pathname" : "opaque-pathname")(p);
      }
      result.pathname = p;
    }
    if (init.search !== undefined) {
      const v = str("search").replace(/^\?/, "");
      result.search = pattern ? v : canon("search", result.protocol ?? "")(v);
    }
    if (init.hash !== undefined) {
      const v = str("hash").replace(/^#/, "");
      result.hash = pattern ? v : canon("hash")(v);
    }
    delete result.baseOpaque;
    delete result.basePath;
    return result;
  }

  function isAbsolutePathname(s, pattern) {
    if (s === "") return false;
    if (s[0] === "/") return true;
    if (!pattern || s.length < 2) return false;
    return (s[0] === "\\" || s[0] === "{") && s[1] === "/";
  }

  let componentsOf;

  class URLPattern {
    #c;
    constructor(input = {}, baseURL = undefined, options = undefined) {
      try {
        this.#c = build(input, baseURL, options);
      } catch (e) {
        if (e instanceof PatternError) throw new TypeError("Failed to construct URLPattern");
        throw e;
      }
    }
    test(input = {}, baseURL = undefined) {
      return match(this.#c, input, baseURL, "test") !== null;
    }
    exec(input = {}, baseURL = undefined) {
      return match(this.#c, input, baseURL, "exec");
    }
    get hasRegExpGroups() { return COMPONENTS.some((n) => this.#c[n].hasRegExpGroups); }
    static {
      componentsOf = (p) => p.#c;
    }
  }
  for (const name of COMPONENTS) {
    Object.defineProperty(URLPattern.prototype, name, {
      get() { return componentsOf(this)[name].pattern; }, enumerable: true, configurable: true,
    });
  }

  function build(input, baseURL, options) {
    if (typeof baseURL === "object" && baseURL !== null && options === undefined) {
      options = baseURL;
      baseURL = undefined;
    }
    let init;
    if (typeof input === "string") {
      init = parseConstructorString(input);
      if (baseURL === undefined && init.protocol === undefined) fail();
      if (baseURL !== undefined) init.baseURL = String(baseURL);
    } else {
      if (input === null || typeof input !== "object" || baseURL !== undefined) fail();
      init = input;
    }
    const processed = processInit(init, "pattern");
    for (const n of COMPONENTS) processed[n] ??= "*";
    const defaultPort = SPECIAL[processed.protocol];
    if (defaultPort !== undefined && processed.port === defaultPort) processed.port = "";
    const ignoreCase = !!options?.ignoreCase;
    const plain = { delimiter: "", prefix: "", ignoreCase: false };
    const c = {};
    c.protocol = compile(processed.protocol, canon("protocol"), plain);
    c.username = compile(processed.username, canon("username"), plain);
    c.password = compile(processed.password, canon("password"), plain);
    const host = processed.hostname;
    const ipv6 = host.startsWith("[") || host.startsWith("{[") || host.startsWith("\\[");
    const hostOptions = { delimiter: ".", prefix: "", ignoreCase: false };
    c.hostname = compile(host, ipv6 ? canonIPv6 : canon("hostname", processed.protocol), hostOptions);
    c.port = compile(processed.port, canon("port", processed.protocol), plain);
    const special = isSpecialProtocol(c.protocol);
    c.pathname = special
      ? compile(processed.pathname, canon("pathname"), { delimiter: "/", prefix: "/", ignoreCase })
      : compile(processed.pathname, canon("opaque-pathname"), { ...plain, ignoreCase });
    c.search = compile(processed.search, canon("search", processed.protocol), { ...plain, ignoreCase });
    c.hash = compile(processed.hash, canon("hash"), { ...plain, ignoreCase });
    return c;
  }

  function match(c, input, baseURL, what) {
    const inputs = [input];
    let values;
    if (typeof input === "object" && input !== null && !(input instanceof URL)) {
      if (baseURL !== undefined) throw new TypeError(`Failed to ${what} URLPattern`);
      try {
        const r = processInit(input, "url");
        values = COMPONENTS.map((n) => r[n] ?? "");
      } catch (e) {
        if (e instanceof PatternError) return null;
        throw e;
      }
    } else {
      if (baseURL !== undefined) inputs.push(String(baseURL));
      let base;
      if (baseURL !== undefined) {
        base = String(baseURL);
        if (natives.parse(base, undefined) === null) return null;
      }
      values = natives.parse(String(input), base);
      if (values === null) return null;
    }
    const result = { inputs };
    for (let i = 0; i < COMPONENTS.length; i++) {
      const comp = c[COMPONENTS[i]];
      const m = comp.regexp.exec(values[i]);
      if (m === null) return null;
      const groups = {};
      comp.names.forEach((name, j) => { groups[name] = m[j + 1]; });
      result[COMPONENTS[i]] = { input: values[i], groups };
    }
    return result;
  }

  // ---- the constructor string parser ----

  function parseConstructorString(input) {
    const tokens = tokenize(input, false);
    const result = {};
    let state = "init", componentStart = 0, i = 0, increment = 1, groupDepth = 0, ipv6Depth = 0;
    let specialScheme = false;
    const safe = (n) => tokens[Math.min(n, tokens.length - 1)];
    const isChar = (n, value) => {
      const t = safe(n);
      return t.value === value && (t.type === "char" || t.type === "escaped-char" || t.type === "invalid-char");
    };
    const isSearchPrefix = () => {
      if (isChar(i, "?")) return true;
      if (tokens[i].value !== "?") return false;
      if (i - 1 < 0) return true;
      return !["name", "regexp", "close", "asterisk"].includes(safe(i - 1).type);
    };
    const componentString = () => input.substring(safe(componentStart).index, tokens[i].index);
    const rewind = () => { i = componentStart; increment = 0; };
    const change = (next, skip) => {
      if (!["init", "authority", "done"].includes(state)) result[state] = componentString();
      if (state !== "init" && next !== "done") {
        const early = ["protocol", "authority", "username", "password"];
        if (early.includes(state) && ["port", "pathname", "search", "hash"].includes(next)) result.hostname ??= "";
        if ([...early, "hostname", "port"].includes(state) && ["search", "hash"].includes(next)) {
          result.pathname ??= specialScheme ? "/" : "";
        }
        if ([...early, "hostname", "port", "pathname"].includes(state) && next === "hash") result.search ??= "";
      }
      state = next;
      i += skip;
      componentStart = i;
      increment = 0;
    };
    while (i < tokens.length) {
      increment = 1;
      if (tokens[i].type === "end") {
        if (state === "init") {
          rewind();
          if (isChar(i, "#")) change("hash", 1);
          else if (isSearchPrefix()) change("search", 1);
          else change("pathname", 0);
          i += increment;
          continue;
        }
        if (state === "authority") {
          rewind();
          state = "hostname";
          i += increment;
          continue;
        }
        change("done", 0);
        break;
      }
      if (tokens[i].type === "open") {
        groupDepth++;
        i += increment;
        continue;
      }
      if (groupDepth > 0) {
        if (tokens[i].type === "close") {
          groupDepth--;
        } else {
          i += increment;
          continue;
        }
      }
      step();
      i += increment;
    }
    if (result.hostname !== undefined && result.port === undefined) result.port = "";
    return result;

    function step() {
      switch (state) {
        case "init":
          if (isChar(i, ":")) { rewind(); state = "protocol"; }
          break;
        case "protocol":
          if (isChar(i, ":")) {
            const options = { delimiter: "", prefix: "", ignoreCase: false };
            specialScheme = isSpecialProtocol(compile(componentString(), canon("protocol"), options));
            if (isChar(i + 1, "/") && isChar(i + 2, "/")) change("authority", 3);
            else if (specialScheme) change("authority", 1);
            else change("pathname", 1);
          }
          break;
        case "authority":
          if (isChar(i, "@")) { rewind(); state = "username"; }
          else if (isChar(i, "/") || isSearchPrefix() || isChar(i, "#")) { rewind(); state = "hostname"; }
          break;
        case "username":
          if (isChar(i, ":")) change("password", 1);
          else if (isChar(i, "@")) change("hostname", 1);
          break;
        case "password":
          if (isChar(i, "@")) change("hostname", 1);
          break;
        case "hostname":
          if (isChar(i, "[")) ipv6Depth++;
          else if (isChar(i, "]")) ipv6Depth--;
          else if (isChar(i, ":") && ipv6Depth === 0) change("port", 1);
          else if (isChar(i, "/")) change("pathname", 0);
          else if (isSearchPrefix()) change("search", 1);
          else if (isChar(i, "#")) change("hash", 1);
          break;
        case "port":
          if (isChar(i, "/")) change("pathname", 0);
          else if (isSearchPrefix()) change("search", 1);
          else if (isChar(i, "#")) change("hash", 1);
          break;
        case "pathname":
          if (isSearchPrefix()) change("search", 1);
          else if (isChar(i, "#")) change("hash", 1);
          break;
        case "search":
          if (isChar(i, "#")) change("hash", 1);
          break;
      }
    }
  }

  return { URLPattern };
})
