// node:path: the POSIX implementation, which workerd gives both path and path.posix; win32
// is the same object, as dotest runs Workers, whose paths are POSIX.
"use strict";
(function (natives, load) {
  const errors = load("errors");

  function normalizeString(path, allowAboveRoot) {
    const out = [];
    for (const seg of path.split("/")) {
      if (seg === "" || seg === ".") continue;
      if (seg === "..") {
        if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
        else if (allowAboveRoot) out.push("..");
        continue;
      }
      out.push(seg);
    }
    return out.join("/");
  }

  function cwd() {
    const p = globalThis.process;
    return p && typeof p.cwd === "function" ? p.cwd() : "/";
  }

  const posix = {
    sep: "/",
    delimiter: ":",
    resolve(...args) {
      let resolved = "";
      let absolute = false;
      for (let i = args.length - 1; i >= -1 && !absolute; i--) {
        const path = i >= 0 ? args[i] : cwd();
        errors.validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
        resolved = `${path}/${resolved}`;
        absolute = path[0] === "/";
      }
      resolved = normalizeString(resolved, !absolute);
      if (absolute) return `/${resolved}`;
      return resolved.length > 0 ? resolved : ".";
    },
    normalize(path) {
      errors.validateString(path, "path");
      if (path.length === 0) return ".";
      const absolute = path[0] === "/";
      const trailing = path[path.length - 1] === "/";
      let out = normalizeString(path, !absolute);
      if (out.length === 0) {
        if (absolute) return "/";
        return trailing ? "./" : ".";
      }
      if (trailing) out += "/";
      return absolute ? `/${out}` : out;
    },
    isAbsolute(path) {
      errors.validateString(path, "path");
      return path.length > 0 && path[0] === "/";
    },
    join(...args) {
      if (args.length === 0) return ".";
      const parts = [];
      for (const a of args) {
        errors.validateString(a, "path");
        if (a.length > 0) parts.push(a);
      }
      return parts.length === 0 ? "." : posix.normalize(parts.join("/"));
    },
    relative(from, to) {
      errors.validateString(from, "from");
      errors.validateString(to, "to");
      if (from === to) return "";
      from = posix.resolve(from);
      to = posix.resolve(to);
      if (from === to) return "";
      const f = from === "/" ? [] : from.slice(1).split("/");
      const t = to === "/" ? [] : to.slice(1).split("/");
      let i = 0;
      while (i < f.length && i < t.length && f[i] === t[i]) i++;
      return [...Array(f.length - i).fill(".."), ...t.slice(i)].join("/");
    },
    toNamespacedPath(path) { return path; },
    dirname(path) {
      errors.validateString(path, "path");
      if (path.length === 0) return ".";
      const absolute = path[0] === "/";
      let end = -1;
      let matchedSlash = true;
      for (let i = path.length - 1; i >= 1; --i) {
        if (path[i] === "/") {
          if (!matchedSlash) {
            end = i;
            break;
          }
        } else {
          matchedSlash = false;
        }
      }
      if (end === -1) return absolute ? "/" : ".";
      if (absolute && end === 1) return "//";
      return path.slice(0, end);
    },
    basename(path, suffix) {
      if (suffix !== undefined) errors.validateString(suffix, "suffix");
      errors.validateString(path, "path");
      let end = path.length;
      while (end > 0 && path[end - 1] === "/") end--;
      if (end === 0) return "";
      const start = path.lastIndexOf("/", end - 1) + 1;
      let base = path.slice(start, end);
      if (suffix !== undefined && suffix.length > 0 && base !== suffix && base.endsWith(suffix)) {
        base = base.slice(0, base.length - suffix.length);
      }
      return base;
    },
    extname(path) {
      errors.validateString(path, "path");
      const base = posix.basename(path);
      const dot = base.lastIndexOf(".");
      return dot <= 0 || base === ".." ? "" : base.slice(dot);
    },
    format(obj) {
      errors.validateObject(obj, "pathObject");
      const dir = obj.dir || obj.root;
      const base = obj.base || `${obj.name || ""}${obj.ext ? (obj.ext[0] === "." ? "" : ".") + obj.ext : ""}`;
      if (!dir) return base;
      return dir === obj.root ? `${dir}${base}` : `${dir}/${base}`;
    },
    parse(path) {
      errors.validateString(path, "path");
      const ret = { root: "", dir: "", base: "", ext: "", name: "" };
      if (path.length === 0) return ret;
      if (path[0] === "/") ret.root = "/";
      ret.base = posix.basename(path);
      ret.ext = posix.extname(path);
      ret.name = ret.ext ? ret.base.slice(0, ret.base.length - ret.ext.length) : ret.base;
      let trimmed = path;
      while (trimmed.length > 1 && trimmed.endsWith("/")) trimmed = trimmed.slice(0, -1);
      const slash = trimmed.lastIndexOf("/");
      if (slash > 0) ret.dir = trimmed.slice(0, slash);
      else if (slash === 0) ret.dir = "/";
      return ret;
    },
    matchesGlob() {
      throw errors.notImplemented("path.matchesGlob()");
    },
  };
  posix.posix = posix;
  posix.win32 = posix;
  posix.default = posix;
  return posix;
})
