// Stand-ins for the modules a vitest configuration imports, for evaluating it without
// Node.js. This file is one function expression: dotest calls it with the host object and
// it installs globalThis.__dotest, which the bundled configuration's facades read from.
//
// host: { configDir, configFile, env: {NAME: value}, platform, log(level, text) }
(function (host) {
  "use strict";

  const CLASSIC = Symbol.for("dotest.classic");
  const CURRENT = Symbol.for("dotest.cloudflareTest");
  const IGNORED = Symbol.for("dotest.ignored");

  // What the configuration did that dotest must report: filled while it runs.
  const records = { warnings: [], injected: [], ignored: [] };

  function warn(text) {
    if (!records.warnings.includes(text)) records.warnings.push(text);
  }

  // ---- console and process ----------------------------------------------------------

  function format(args) {
    return args.map((a) => (typeof a === "string" ? a : safeJSON(a))).join(" ");
  }
  function safeJSON(v) {
    try {
      const s = JSON.stringify(v);
      return s === undefined ? String(v) : s;
    } catch (e) {
      return String(v);
    }
  }
  globalThis.console = {
    log: (...a) => host.log("info", format(a)),
    info: (...a) => host.log("info", format(a)),
    debug: (...a) => host.log("debug", format(a)),
    warn: (...a) => host.log("warn", format(a)),
    error: (...a) => host.log("error", format(a)),
  };

  const processModule = {
    env: host.env,
    argv: [],
    platform: host.platform,
    version: "v22.12.0",
    versions: { node: "22.12.0" },
    cwd: () => host.configDir,
    exit(code) {
      throw new Error("the vitest configuration called process.exit(" + (code ?? "") + ")");
    },
  };
  globalThis.process = processModule;

  // ---- node:path (POSIX) ------------------------------------------------------------

  function normalizeSegments(parts, absolute) {
    const out = [];
    for (const p of parts) {
      if (p === "" || p === ".") continue;
      if (p === "..") {
        if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
        else if (!absolute) out.push("..");
        continue;
      }
      out.push(p);
    }
    return out;
  }
  function str(p, name) {
    if (typeof p !== "string") {
      throw new TypeError('The "' + name + '" argument must be of type string. Received ' + typeof p);
    }
    return p;
  }
  const path = {
    sep: "/",
    delimiter: ":",
    isAbsolute: (p) => str(p, "path").startsWith("/"),
    normalize(p) {
      str(p, "path");
      if (p === "") return ".";
      const abs = p.startsWith("/");
      const trailing = p.endsWith("/");
      let out = normalizeSegments(p.split("/"), abs).join("/");
      if (out === "" && !abs) out = ".";
      if (trailing && out !== "" && out !== ".") out += "/";
      return (abs ? "/" : "") + out;
    },
    join(...parts) {
      parts.forEach((p) => str(p, "path"));
      const joined = parts.filter((p) => p !== "").join("/");
      return joined === "" ? "." : path.normalize(joined);
    },
    resolve(...parts) {
      let resolved = "";
      for (let i = parts.length - 1; i >= 0 && !resolved.startsWith("/"); i--) {
        const p = str(parts[i], "path");
        if (p !== "") resolved = resolved === "" ? p : p + "/" + resolved;
      }
      if (!resolved.startsWith("/")) resolved = host.configDir + "/" + resolved;
      return "/" + normalizeSegments(resolved.split("/"), true).join("/");
    },
    dirname(p) {
      str(p, "path");
      if (p === "") return ".";
      const trimmed = p.length > 1 ? p.replace(/\/+$/, "") : p;
      const i = trimmed.lastIndexOf("/");
      if (i < 0) return ".";
      if (i === 0) return "/";
      return trimmed.slice(0, i);
    },
    basename(p, ext) {
      str(p, "path");
      const trimmed = p.length > 1 ? p.replace(/\/+$/, "") : p;
      let base = trimmed.slice(trimmed.lastIndexOf("/") + 1);
      if (ext !== undefined && base.endsWith(ext) && base !== ext) base = base.slice(0, -ext.length);
      return base;
    },
    extname(p) {
      const base = path.basename(p);
      const i = base.lastIndexOf(".");
      return i <= 0 ? "" : base.slice(i);
    },
    relative(from, to) {
      const a = path.resolve(from).split("/").filter(Boolean);
      const b = path.resolve(to).split("/").filter(Boolean);
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
    },
    parse(p) {
      const base = path.basename(p);
      const ext = path.extname(p);
      const dir = p.includes("/") ? path.dirname(p) : "";
      return { root: p.startsWith("/") ? "/" : "", dir, base, ext, name: ext ? base.slice(0, -ext.length) : base };
    },
    format(o) {
      const base = o.base ?? (o.name ?? "") + (o.ext ?? "");
      const dir = o.dir ?? o.root ?? "";
      return dir ? (dir.endsWith("/") ? dir + base : dir + "/" + base) : base;
    },
  };
  path.posix = path;
  path.default = path;

  // ---- node:url ---------------------------------------------------------------------

  const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

  function encodePath(p) {
    return p.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@\/]/g, (c) => encodeURIComponent(c));
  }

  // URL is the part of WHATWG URL that configurations use: file URLs made relative to
  // import.meta.url, and the parts of http URLs.
  class URL {
    constructor(input, base) {
      input = String(input);
      if (!SCHEME.test(input)) {
        if (base === undefined) throw new TypeError("Invalid URL: " + input);
        const b = new URL(base);
        let pathname;
        if (input.startsWith("//")) return new URL(b.protocol + input);
        if (input.startsWith("/")) pathname = input;
        else if (input.startsWith("?") || input.startsWith("#") || input === "") {
          pathname = b.pathname + (input.startsWith("#") ? b.search : "");
        } else pathname = b.pathname.slice(0, b.pathname.lastIndexOf("/") + 1) + input;
        input = b.protocol + (b.host || b.protocol === "file:" ? "//" + b.host : "") + pathname;
      }
      const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:)(?:\/\/([^\/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?$/.exec(input);
      if (!m) throw new TypeError("Invalid URL: " + input);
      this.protocol = m[1].toLowerCase();
      this.host = m[2] ?? "";
      const hp = /^(.*?)(?::(\d+))?$/.exec(this.host);
      this.hostname = hp[1];
      this.port = hp[2] ?? "";
      let p = m[3];
      if (this.protocol === "file:" || m[2] !== undefined) {
        const trailing = p.endsWith("/") || p.endsWith("/.") || p.endsWith("/..");
        p = "/" + normalizeSegments(p.split("/"), true).join("/");
        if (trailing && p !== "/") p += "/";
      }
      this.pathname = encodePath(decodeURIComponentSafe(p));
      this.search = m[4] && m[4] !== "?" ? m[4] : "";
      this.hash = m[5] && m[5] !== "#" ? m[5] : "";
    }
    get origin() {
      return this.protocol === "file:" ? "null" : this.protocol + "//" + this.host;
    }
    get href() {
      const auth = this.protocol === "file:" || this.host ? "//" + this.host : "";
      return this.protocol + auth + this.pathname + this.search + this.hash;
    }
    toString() {
      return this.href;
    }
    toJSON() {
      return this.href;
    }
  }
  function decodeURIComponentSafe(s) {
    try {
      return decodeURIComponent(s);
    } catch (e) {
      return s;
    }
  }
  globalThis.URL = URL;

  const url = {
    URL,
    fileURLToPath(u) {
      const parsed = u instanceof URL ? u : new URL(String(u));
      if (parsed.protocol !== "file:") throw new TypeError("The URL must be of scheme file");
      return decodeURIComponent(parsed.pathname);
    },
    pathToFileURL(p) {
      return new URL("file://" + encodePath(path.resolve(p)));
    },
  };
  url.default = url;

  // ---- vite and vitest/config ---------------------------------------------------------

  function isPlainObject(v) {
    return Object.prototype.toString.call(v) === "[object Object]";
  }
  function arraify(v) {
    return Array.isArray(v) ? v : [v];
  }
  // mergeConfig merges as Vite does: arrays are concatenated, plain objects merged deeply,
  // other values replaced; null and undefined in the overrides are skipped.
  function mergeRecursively(defaults, overrides) {
    const merged = Object.assign({}, defaults);
    for (const key in overrides) {
      const value = overrides[key];
      if (value == null) continue;
      const existing = merged[key];
      if (existing == null) merged[key] = value;
      else if (Array.isArray(existing) || Array.isArray(value)) merged[key] = [...arraify(existing), ...arraify(value)];
      else if (isPlainObject(existing) && isPlainObject(value)) merged[key] = mergeRecursively(existing, value);
      else merged[key] = value;
    }
    return merged;
  }
  function mergeConfig(defaults, overrides) {
    if (typeof defaults === "function" || typeof overrides === "function") {
      throw new Error("Cannot merge config in form of callback");
    }
    const merged = mergeRecursively(defaults, overrides);
    if ((defaults && defaults[CLASSIC]) || (overrides && overrides[CLASSIC])) markClassic(merged);
    return merged;
  }

  const defaultInclude = ["**/*.{test,spec}.?(c|m)[jt]s?(x)"];
  const defaultExclude = ["**/node_modules/**", "**/.git/**"];
  const identity = (config) => config;
  const vitestConfig = {
    defineConfig: identity,
    defineProject: identity,
    defineWorkspace: identity,
    mergeConfig,
    defaultInclude,
    defaultExclude,
    configDefaults: { include: defaultInclude, exclude: defaultExclude, testTimeout: 5000, hookTimeout: 10000 },
    coverageConfigDefaults: { exclude: [] },
  };
  const vite = {
    defineConfig: identity,
    mergeConfig,
    loadEnv() {
      warn("loadEnv() of vite returns an empty object in dotest: .env files are not read for the vitest configuration");
      return {};
    },
  };

  // ---- @cloudflare/vitest-pool-workers and @cloudflare/vitest-plugin --------------------

  function markClassic(config) {
    if (typeof config === "function") return (...args) => Promise.resolve(config(...args)).then(markClassic);
    if (config && typeof config.then === "function") return config.then(markClassic);
    if (config && typeof config === "object") {
      Object.defineProperty(config, CLASSIC, { value: true, enumerable: false, configurable: true });
    }
    return config;
  }
  const cloudflare = {
    defineWorkersConfig: markClassic,
    defineWorkersProject: markClassic,
    cloudflareTest(options) {
      return { name: "@cloudflare/vitest-pool-workers", [CURRENT]: options === undefined ? {} : options };
    },
    cloudflarePool(options) {
      return { name: "cloudflare-pool", [CURRENT]: options === undefined ? {} : options };
    },
    async readD1Migrations(dir) {
      warn("readD1Migrations(" + safeJSON(dir) + ") returns no migrations: dotest does not provide D1");
      return [];
    },
    async buildPagesASSETSBinding(dir) {
      warn("buildPagesASSETSBinding(" + safeJSON(dir) + ") is not supported: dotest does not serve assets");
      return async () => undefined;
    },
  };

  // ---- modules that cannot work here -------------------------------------------------

  function unavailable(specifier) {
    return new Proxy(
      {},
      {
        get(target, key) {
          if (typeof key === "symbol" || key === "__esModule" || key === "then") return undefined;
          throw new Error(
            specifier + "." + key + " is not available: dotest evaluates the vitest configuration without Node.js",
          );
        },
      },
    );
  }

  // ignored stands in for packages such as Vite plugins: calling it returns a plugin that
  // dotest names in a warning.
  function ignored(specifier) {
    if (!records.ignored.includes(specifier)) records.ignored.push(specifier);
    const plugin = function () {
      return { name: specifier, [IGNORED]: specifier };
    };
    return plugin;
  }

  globalThis.__dotest = {
    CLASSIC,
    CURRENT,
    IGNORED,
    records,
    warn,
    mergeConfig,
    unavailable,
    ignored,
    inject(key) {
      if (!records.injected.includes(key)) records.injected.push(key);
      return undefined;
    },
    modules: {
      "vitest/config": vitestConfig,
      vitest: vitestConfig,
      vite,
      "@cloudflare/vitest-pool-workers": cloudflare,
      "@cloudflare/vitest-pool-workers/config": cloudflare,
      "@cloudflare/vitest-plugin": cloudflare,
      "@cloudflare/vitest-plugin/config": cloudflare,
      path,
      "node:path": path,
      "path/posix": path,
      "node:path/posix": path,
      url,
      "node:url": url,
      process: processModule,
      "node:process": processModule,
    },
  };
});
