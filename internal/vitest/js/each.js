// each.js: the names of the tests that .each and .for make, printed the way vitest 4 prints
// them: printf placeholders (%s %d %i %f %j %o %O %c %# %$ %%), $name and $0 attributes, and
// the rows of a tagged template table.
"use strict";
(function (lib) {
  const PLACEHOLDER = /%[sdjifoOc%]/g;
  const TRUNCATE = 40;

  function isObject(value) {
    return value != null && typeof value === "object" && !Array.isArray(value);
  }

  function isNegativeNaN(value) {
    if (!Number.isNaN(value)) {
      return false;
    }
    const f64 = new Float64Array([value]);
    return new Uint32Array(f64.buffer)[1] >>> 31 === 1;
  }

  // objDisplay prints a value on one line as chai does in messages, summarising what does not
  // fit in 40 characters.
  function objDisplay(value) {
    const text = lib.inspect(value);
    if (text.length < TRUNCATE) {
      return text;
    }
    const tag = Object.prototype.toString.call(value);
    if (tag === "[object Function]") {
      return value.name ? `[Function: ${value.name}]` : "[Function]";
    }
    if (tag === "[object Array]") {
      return `[ Array(${value.length}) ]`;
    }
    if (tag === "[object Object]") {
      const keys = Object.keys(value);
      const shown = keys.length > 2 ? `${keys.slice(0, 2).join(", ")}, ...` : keys.join(", ");
      return `{ Object (${shown}) }`;
    }
    return text;
  }

  // attr reads a dotted path such as "a.b" or "a[0].b" from source.
  function attr(source, path, fallback) {
    let result = source;
    for (const part of path.replace(/\[(\d+)\]/g, ".$1").split(".")) {
      result = new Object(result)[part];
      if (result === undefined) {
        return fallback;
      }
    }
    return result;
  }

  function formatString(value) {
    if (typeof value === "bigint") {
      return `${value}n`;
    }
    if (typeof value === "number" && value === 0 && 1 / value < 0) {
      return "-0";
    }
    if (typeof value === "object" && value !== null) {
      if (typeof value.toString === "function" && value.toString !== Object.prototype.toString) {
        return value.toString();
      }
      return lib.inspect(value);
    }
    return String(value);
  }

  function formatJSON(value) {
    try {
      return JSON.stringify(value);
    } catch (err) {
      if (/circular|cyclic/i.test(String(err && err.message))) {
        return "[Circular]";
      }
      throw err;
    }
  }

  // formatOne is util.format with one placeholder and one argument, which is how vitest
  // formats each placeholder of a title, including its quirks: "%%" prints "%" and then the
  // argument it consumed.
  function formatOne(placeholder, value) {
    let consumed = false;
    let text;
    switch (placeholder) {
      case "%%": text = "%"; break;
      case "%s": text = formatString(value); consumed = true; break;
      case "%d":
        text = typeof value === "bigint" ? `${value}n`
          : typeof value === "symbol" ? "NaN" : Number(value).toString();
        consumed = true;
        break;
      case "%i":
        text = typeof value === "bigint" ? `${value}n` : Number.parseInt(String(value)).toString();
        consumed = true;
        break;
      case "%f": text = Number.parseFloat(String(value)).toString(); consumed = true; break;
      case "%o": case "%O": text = lib.inspect(value); consumed = true; break;
      case "%c": text = ""; consumed = true; break;
      case "%j": text = formatJSON(value); consumed = true; break;
      default: text = placeholder;
    }
    if (!consumed) {
      const rest = value === null || typeof value !== "object" ? String(value) : lib.inspect(value);
      text += ` ${rest}`;
    }
    return text;
  }

  function numberIndex(template, idx) {
    if (!template.includes("%#") && !template.includes("%$")) {
      return template;
    }
    return template
      .replace(/%%/g, "__dotest_escaped_%__")
      .replace(/%#/g, `${idx}`)
      .replace(/%\$/g, `${idx + 1}`)
      .replace(/__dotest_escaped_%__/g, "%%");
  }

  // signNegativeFloats puts a "-" before each %f whose value is -0 or a negative NaN, which
  // parseFloat would print without a sign.
  function signNegativeFloats(template, items) {
    const count = (template.match(/%f/g) || []).length;
    for (let i = 0; i < count; i++) {
      if (isNegativeNaN(items[i]) || Object.is(items[i], -0)) {
        let seen = 0;
        template = template.replace(/%f/g, (m) => (++seen === i + 1 ? "-%f" : m));
      }
    }
    return template;
  }

  function formatAttributes(text, items) {
    const objectItem = isObject(items[0]);
    return text.replace(/\$([$\w.]+)/g, (whole, key) => {
      const arrayKey = /^\d+$/.test(key);
      if (!objectItem && !arrayKey) {
        return `$${key}`;
      }
      const element = arrayKey ? attr(items, key) : undefined;
      return objDisplay(objectItem ? attr(items[0], key, element) : element);
    });
  }

  // title formats the name of case idx, whose arguments are items.
  function title(template, items, idx) {
    template = numberIndex(template, idx);
    const count = template.split("%").length - 1;
    if (template.includes("%f")) {
      template = signNegativeFloats(template, items);
    }
    let out = "";
    let i = 0;
    let last = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      if (last < m.index) {
        out += formatAttributes(template.slice(last, m.index), items);
      }
      out += i < count ? formatOne(m[0], items[i++]) : m[0];
      last = m.index + m[0].length;
    }
    if (last < template.length) {
      out += formatAttributes(template.slice(last), items);
    }
    return out;
  }

  // table turns a tagged template table into one object per row, keyed by the header.
  function table(strings, values) {
    const header = strings.join("").trim().replace(/ /g, "").split("\n").map((line) => line.split("|"))[0];
    const rows = [];
    for (let i = 0; i < Math.floor(values.length / header.length); i++) {
      const row = {};
      for (let j = 0; j < header.length; j++) {
        row[header[j]] = values[i * header.length + j];
      }
      rows.push(row);
    }
    return rows;
  }

  return { title, table, objDisplay };
})
