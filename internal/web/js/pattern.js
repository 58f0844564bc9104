// The pattern machinery of the URL Pattern Standard: the tokenizer, the pattern parser, and
// the regular expressions and pattern strings generated from the parts. urlpattern.js builds
// URLPattern on it. Note: name code points follow ID_Start and ID_Continue for ASCII only;
// any non-ASCII code point but white space is accepted in a group name.
"use strict";
(function () {
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

  return { tokenize, compile, escapePattern, fail, PatternError };
})
