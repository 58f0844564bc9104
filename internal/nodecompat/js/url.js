// node:url: the web platform's URL and URLSearchParams (read when asked), file URL helpers,
// and the legacy parse and format for the common cases.
"use strict";
(function (natives, load) {
  const errors = load("errors");

  function fileURLToPath(path) {
    let url = path;
    if (typeof path === "string") url = new globalThis.URL(path);
    else if (!(url instanceof globalThis.URL)) throw errors.invalidArgType("path", ["string", "URL"], path);
    if (url.protocol !== "file:") throw errors.makeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
    if (url.hostname !== "") {
      throw errors.makeError(TypeError, "ERR_INVALID_FILE_URL_HOST", `File URL host must be "localhost" or empty on linux`);
    }
    const pathname = url.pathname;
    if (/%2f/i.test(pathname)) {
      throw errors.makeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
    }
    return decodeURIComponent(pathname);
  }

  function pathToFileURL(filepath) {
    errors.validateString(filepath, "path");
    const resolved = load("path").resolve(filepath);
    const trailing = filepath.endsWith("/") && !resolved.endsWith("/") ? "/" : "";
    const encoded = (resolved + trailing).replace(/%/g, "%25").replace(/\\/g, "%5C").replace(/\n/g, "%0A")
      .replace(/\r/g, "%0D").replace(/\t/g, "%09").replace(/#/g, "%23").replace(/\?/g, "%3F");
    return new globalThis.URL(`file://${encoded}`);
  }

  // Url is the legacy url.parse result.
  function Url() {
    Object.assign(this, {
      protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: null,
      search: null, query: null, pathname: null, path: null, href: null,
    });
  }

  function parse(str, parseQueryString = false) {
    errors.validateString(str, "url");
    const u = new Url();
    let rest = str.trim();
    const hashAt = rest.indexOf("#");
    if (hashAt >= 0) {
      u.hash = rest.slice(hashAt);
      rest = rest.slice(0, hashAt);
    }
    const qAt = rest.indexOf("?");
    if (qAt >= 0) {
      u.search = rest.slice(qAt);
      u.query = rest.slice(qAt + 1);
      rest = rest.slice(0, qAt);
    } else if (parseQueryString) {
      u.search = "";
      u.query = {};
    }
    const proto = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/.exec(rest);
    if (proto) {
      u.protocol = proto[1].toLowerCase();
      rest = rest.slice(proto[1].length);
    }
    if (rest.startsWith("//")) {
      u.slashes = true;
      rest = rest.slice(2);
      const end = rest.search(/[/]/);
      let authority = end < 0 ? rest : rest.slice(0, end);
      rest = end < 0 ? "" : rest.slice(end);
      const at = authority.lastIndexOf("@");
      if (at >= 0) {
        u.auth = decodeURIComponent(authority.slice(0, at));
        authority = authority.slice(at + 1);
      }
      u.host = authority.toLowerCase();
      const port = /:(\d*)$/.exec(u.host);
      u.hostname = port ? u.host.slice(0, port.index) : u.host;
      if (port && port[1] !== "") u.port = port[1];
      if (rest === "" && u.protocol && ["http:", "https:", "ftp:", "ws:", "wss:", "file:"].includes(u.protocol)) rest = "/";
    }
    u.pathname = rest === "" ? null : rest;
    if (parseQueryString && typeof u.query === "string") {
      u.query = Object.fromEntries(new globalThis.URLSearchParams(u.query));
    }
    u.path = (u.pathname ?? "") + (u.search ?? "") || null;
    u.href = format(u);
    return u;
  }

  function format(obj, options) {
    if (typeof obj === "string") obj = parse(obj);
    if (obj instanceof globalThis.URL) {
      const u = new globalThis.URL(obj.href);
      if (options?.fragment === false) u.hash = "";
      if (options?.search === false) u.search = "";
      if (options?.auth === false) {
        u.username = "";
        u.password = "";
      }
      return u.href;
    }
    if (obj === null || typeof obj !== "object") throw errors.invalidArgType("urlObject", ["Object", "string"], obj);
    let protocol = obj.protocol ?? "";
    if (protocol && !protocol.endsWith(":")) protocol += ":";
    let host = "";
    if (obj.host) host = obj.host;
    else if (obj.hostname) host = obj.hostname + (obj.port ? `:${obj.port}` : "");
    const auth = obj.auth ? `${encodeURIComponent(obj.auth).replace(/%3A/i, ":")}@` : "";
    let pathname = obj.pathname ?? "";
    let search = obj.search ?? "";
    if (!search && obj.query && typeof obj.query === "object") {
      const q = Object.entries(obj.query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v])
        .map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x ?? "")}`)).join("&");
      if (q) search = `?${q}`;
    }
    if (search && search[0] !== "?") search = `?${search}`;
    let hash = obj.hash ?? "";
    if (hash && hash[0] !== "#") hash = `#${hash}`;
    const slashes = obj.slashes || ["http:", "https:", "ftp:", "gopher:", "file:", "ws:", "wss:"].includes(protocol);
    if ((slashes || host) && pathname && pathname[0] !== "/") pathname = `/${pathname}`;
    return `${protocol}${slashes || host ? "//" : ""}${auth}${host}${pathname}${search}${hash}`;
  }

  function resolve(from, to) {
    return new globalThis.URL(to, new globalThis.URL(from, "resolve://")).href.replace(/^resolve:\/\/\/?/, "");
  }

  function urlToHttpOptions(url) {
    return {
      protocol: url.protocol, hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
      hash: url.hash, search: url.search, pathname: url.pathname, path: `${url.pathname || ""}${url.search || ""}`,
      href: url.href, ...(url.port !== "" ? { port: Number(url.port) } : {}),
      ...(url.username || url.password ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` } : {}),
    };
  }

  const exports = {
    fileURLToPath, pathToFileURL, parse, format, resolve, urlToHttpOptions, Url,
    domainToASCII: (d) => { try { return new globalThis.URL(`ws://${d}`).hostname; } catch { return ""; } },
    domainToUnicode: (d) => String(d),
  };
  // The web platform's classes, read when asked, since another package defines them.
  for (const name of ["URL", "URLSearchParams"]) {
    Object.defineProperty(exports, name, { get: () => globalThis[name], enumerable: true, configurable: true });
  }
  exports.default = exports;
  return exports;
})
