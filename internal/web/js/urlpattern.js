// URLPattern after the WHATWG URL Pattern Standard: processing of the init, the constructor
// string parser and matching, over the pattern machinery of pattern.js. Components are
// canonicalized by the Go URL parser. Any construction failure is workerd's "Failed to
// construct URLPattern".
"use strict";
(function (natives, load) {
  const COMPONENTS = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
  const SPECIAL = { "ftp": "21", "file": "", "http": "80", "https": "443", "ws": "80", "wss": "443" };
  const { tokenize, compile, escapePattern, fail, PatternError } = load("pattern");

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
    return new ConstructorParser(input).parse();
  }

  // ConstructorParser splits a pattern string like "https://*.example.com/:id?q#h" into its
  // components, after the standard's "parse a constructor string".
  class ConstructorParser {
    constructor(input) {
      this.input = input;
      this.tokens = tokenize(input, false);
      this.result = {};
      this.state = "init";
      this.componentStart = 0;
      this.i = 0;
      this.increment = 1;
      this.groupDepth = 0;
      this.ipv6Depth = 0;
      this.specialScheme = false;
    }

    parse() {
      const { tokens } = this;
      while (this.i < tokens.length) {
        this.increment = 1;
        if (tokens[this.i].type === "end") {
          if (!this.atEnd()) break;
          this.i += this.increment;
          continue;
        }
        if (tokens[this.i].type === "open") {
          this.groupDepth++;
          this.i += this.increment;
          continue;
        }
        if (this.groupDepth > 0) {
          if (tokens[this.i].type !== "close") {
            this.i += this.increment;
            continue;
          }
          this.groupDepth--;
        }
        this.step();
        this.i += this.increment;
      }
      if (this.result.hostname !== undefined && this.result.port === undefined) this.result.port = "";
      return this.result;
    }

    // atEnd handles the end token; it returns false once the parse is over.
    atEnd() {
      if (this.state === "init") {
        this.rewind();
        if (this.isChar(this.i, "#")) this.change("hash", 1);
        else if (this.isSearchPrefix()) this.change("search", 1);
        else this.change("pathname", 0);
        return true;
      }
      if (this.state === "authority") {
        this.rewind();
        this.state = "hostname";
        return true;
      }
      this.change("done", 0);
      return false;
    }

    safe(n) { return this.tokens[Math.min(n, this.tokens.length - 1)]; }

    isChar(n, value) {
      const t = this.safe(n);
      return t.value === value && (t.type === "char" || t.type === "escaped-char" || t.type === "invalid-char");
    }

    isSearchPrefix() {
      if (this.isChar(this.i, "?")) return true;
      if (this.tokens[this.i].value !== "?") return false;
      if (this.i - 1 < 0) return true;
      return !["name", "regexp", "close", "asterisk"].includes(this.safe(this.i - 1).type);
    }

    componentString() {
      return this.input.substring(this.safe(this.componentStart).index, this.tokens[this.i].index);
    }

    rewind() {
      this.i = this.componentStart;
      this.increment = 0;
    }

    change(next, skip) {
      const { state, result } = this;
      if (!["init", "authority", "done"].includes(state)) result[state] = this.componentString();
      if (state !== "init" && next !== "done") {
        const early = ["protocol", "authority", "username", "password"];
        if (early.includes(state) && ["port", "pathname", "search", "hash"].includes(next)) result.hostname ??= "";
        if ([...early, "hostname", "port"].includes(state) && ["search", "hash"].includes(next)) {
          result.pathname ??= this.specialScheme ? "/" : "";
        }
        if ([...early, "hostname", "port", "pathname"].includes(state) && next === "hash") result.search ??= "";
      }
      this.state = next;
      this.i += skip;
      this.componentStart = this.i;
      this.increment = 0;
    }

    // toPathSearchOrHash moves on at the start of a later component.
    toPathSearchOrHash() {
      if (this.isChar(this.i, "/")) this.change("pathname", 0);
      else if (this.isSearchPrefix()) this.change("search", 1);
      else if (this.isChar(this.i, "#")) this.change("hash", 1);
    }

    step() {
      const i = this.i;
      switch (this.state) {
        case "init":
          if (this.isChar(i, ":")) {
            this.rewind();
            this.state = "protocol";
          }
          break;
        case "protocol":
          if (this.isChar(i, ":")) this.afterProtocol();
          break;
        case "authority":
          if (this.isChar(i, "@")) {
            this.rewind();
            this.state = "username";
          } else if (this.isChar(i, "/") || this.isSearchPrefix() || this.isChar(i, "#")) {
            this.rewind();
            this.state = "hostname";
          }
          break;
        case "username":
          if (this.isChar(i, ":")) this.change("password", 1);
          else if (this.isChar(i, "@")) this.change("hostname", 1);
          break;
        case "password":
          if (this.isChar(i, "@")) this.change("hostname", 1);
          break;
        case "hostname":
          if (this.isChar(i, "[")) this.ipv6Depth++;
          else if (this.isChar(i, "]")) this.ipv6Depth--;
          else if (this.isChar(i, ":") && this.ipv6Depth === 0) this.change("port", 1);
          else this.toPathSearchOrHash();
          break;
        case "port":
          this.toPathSearchOrHash();
          break;
        case "pathname":
          if (this.isSearchPrefix()) this.change("search", 1);
          else if (this.isChar(i, "#")) this.change("hash", 1);
          break;
        case "search":
          if (this.isChar(i, "#")) this.change("hash", 1);
          break;
      }
    }

    afterProtocol() {
      const options = { delimiter: "", prefix: "", ignoreCase: false };
      this.specialScheme = isSpecialProtocol(compile(this.componentString(), canon("protocol"), options));
      if (this.isChar(this.i + 1, "/") && this.isChar(this.i + 2, "/")) this.change("authority", 3);
      else if (this.specialScheme) this.change("authority", 1);
      else this.change("pathname", 1);
    }
  }

  return { URLPattern };
})
