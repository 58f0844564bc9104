// FormData, and the multipart/form-data and application/x-www-form-urlencoded parsers and
// serializer that Body uses, with workerd's format and errors.
"use strict";
(function (natives, load) {
  const { Blob, File } = load("blob");
  const blobs = load("blob").internal;
  const enc = load("encoding").internal;

  function toEntryValue(method, value, filename, argc) {
    if (value instanceof Blob) {
      if (value instanceof File && filename === undefined) return value;
      const name = filename !== undefined ? String(filename) : value instanceof File ? value.name : "blob";
      return new File([value], name, { type: value.type, lastModified: value.lastModified });
    }
    if (argc > 2) {
      throw new TypeError(`Failed to execute '${method}' on 'FormData': parameter 2 is not of type 'Blob'.`);
    }
    return String(value);
  }

  const iteratorProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

  let entriesOf;

  class FormData {
    #entries = [];
    append(name, value, filename = undefined) {
      this.#entries.push([String(name), toEntryValue("append", value, filename, arguments.length)]);
    }
    delete(name) {
      name = String(name);
      this.#entries = this.#entries.filter(([n]) => n !== name);
    }
    get(name) {
      name = String(name);
      return this.#entries.find(([n]) => n === name)?.[1] ?? null;
    }
    getAll(name) {
      name = String(name);
      return this.#entries.filter(([n]) => n === name).map(([, v]) => v);
    }
    has(name) {
      name = String(name);
      return this.#entries.some(([n]) => n === name);
    }
    set(name, value, filename = undefined) {
      name = String(name);
      const entry = [name, toEntryValue("set", value, filename, arguments.length)];
      const i = this.#entries.findIndex(([n]) => n === name);
      if (i < 0) {
        this.#entries.push(entry);
        return;
      }
      this.#entries[i] = entry;
      this.#entries = this.#entries.filter(([n], j) => j <= i || n !== name);
    }
    forEach(callback, thisArg = undefined) {
      for (let i = 0; i < this.#entries.length; i++) {
        const [n, v] = this.#entries[i];
        callback.call(thisArg, v, n, this);
      }
    }
    entries() { return this.#iterate((e) => [e[0], e[1]]); }
    keys() { return this.#iterate((e) => e[0]); }
    values() { return this.#iterate((e) => e[1]); }
    [Symbol.iterator]() { return this.entries(); }

    #iterate(pick) {
      let i = 0;
      const it = Object.create(iteratorProto);
      it.next = () => (i < this.#entries.length
        ? { value: pick(this.#entries[i++]), done: false }
        : { value: undefined, done: true });
      return it;
    }

    static {
      entriesOf = (fd) => fd.#entries;
    }
  }

  // ---- serializing ----

  function escapeName(s) {
    if (s.endsWith("\\")) throw new TypeError("Name or filename can't end with backslash");
    return s.replace(/[\\"\n]/g, (c) => (c === "\"" ? "%22" : c === "\n" ? "%0A" : "\\\\"));
  }

  // serialize returns the multipart body of fd and its Content-Type.
  function serialize(fd) {
    const boundary = natives.randomHex(16);
    const chunks = [];
    const text = (s) => chunks.push(enc.encode(s));
    for (const [name, value] of entriesOf(fd)) {
      text(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}`);
      if (typeof value === "string") {
        text(`"\r\n\r\n${value}`);
      } else {
        text(`"; filename="${escapeName(value.name)}"\r\nContent-Type: ` +
          `${value.type || "application/octet-stream"}\r\n\r\n`);
        chunks.push(blobs.bytesOf(value));
      }
      text("\r\n");
    }
    text(`--${boundary}--`);
    return { bytes: blobs.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
  }

  // ---- parsing ----

  // parseMimeType splits a Content-Type into its lower-cased essence and its parameters.
  function parseMimeType(value) {
    const [essence, ...rest] = String(value).split(";");
    const params = new Map();
    const paramText = rest.join(";");
    const re = /\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)\s*(?:;|$)/g;
    let m;
    while ((m = re.exec(paramText)) !== null) {
      if (m[0] === "") break;
      let v = m[2].trim();
      if (v.startsWith("\"")) v = v.slice(1, -1).replace(/\\(.)/g, "$1");
      const key = m[1].toLowerCase();
      if (!params.has(key)) params.set(key, v);
    }
    return { essence: essence.trim().toLowerCase(), params };
  }

  function parse(bytes, contentType) {
    const { essence, params } = parseMimeType(contentType);
    const fd = new FormData();
    if (essence === "multipart/form-data") {
      const boundary = params.get("boundary");
      if (boundary === undefined) {
        throw new TypeError("No boundary string in Content-Type header. The multipart/form-data MIME type requires " +
          "a boundary parameter, e.g. 'Content-Type: multipart/form-data; boundary=\"abcd\"'. See RFC 7578, " +
            "section 4.");
      }
      parseMultipart(bytes, boundary, entriesOf(fd));
      return fd;
    }
    if (essence === "application/x-www-form-urlencoded") {
      const charset = params.get("charset");
      if (charset !== undefined && !/^(utf-8|utf8|unicode-1-1-utf-8)$/i.test(charset)) {
        throw new TypeError("Non-utf-8 application/x-www-form-urlencoded body.");
      }
      entriesOf(fd).push(...natives.formDecode(enc.decodeUTF8(bytes)));
      return fd;
    }
    throw new TypeError("Unrecognized Content-Type header value. FormData can only parse the following MIME types: " +
      "multipart/form-data, application/x-www-form-urlencoded");
  }

  function parseMultipart(bytes, boundary, entries) {
    // The body is searched as a Latin-1 string, whose code units are its bytes.
    const text = natives.latin1(bytes);
    const delimiter = "\n--" + boundary;
    const first = text.indexOf(delimiter.slice(1));
    if (first < 0) throw new TypeError("No initial boundary string (or you have a truncated message).");
    let pos = first + delimiter.length - 1;
    for (;;) {
      if (text.startsWith("\n", pos)) pos += 1;
      else if (text.startsWith("\r\n", pos)) pos += 2;
      else if (text.startsWith("--", pos)) return;
      else throw new TypeError("Boundary string was not succeeded by CRLF, LF, or '--'.");

      const term = /\r?\n\r?\n/g;
      term.lastIndex = pos;
      const m = term.exec(text);
      if (m === null) throw new TypeError("No multipart message header termination found.");
      const headers = parseHeaders(enc.decodeUTF8(bytes.subarray(pos, m.index)));
      pos = m.index + m[0].length;

      const disposition = headers.get("content-disposition");
      if (disposition === undefined) throw new TypeError("No valid Content-Disposition header found in FormData part.");
      const { essence, params } = parseMimeType(disposition);
      if (essence !== "form-data") {
        throw new TypeError(`Content-Disposition header for FormData part must have the value "form-data", ` +
          `possibly followed by parameters. Got: "${essence}"`);
      }
      const name = params.get("name");
      if (name === undefined) throw new TypeError("Content-Disposition header in FormData part is missing a name.");

      const end = text.indexOf(delimiter, pos);
      if (end < 0) throw new TypeError("No subsequent boundary string after multipart message.");
      let stop = end;
      if (stop > pos && text.charCodeAt(stop - 1) === 13) stop--;
      const body = bytes.subarray(pos, stop);
      pos = end + delimiter.length;

      const filename = params.get("filename");
      if (filename === undefined) {
        entries.push([name, enc.decodeUTF8(body)]);
      } else {
        entries.push([name, new File([body], filename, { type: headers.get("content-type") ?? "" })]);
      }
    }
  }

  function parseHeaders(text) {
    const headers = new Map();
    for (const line of text.split(/\r?\n/)) {
      if (line === "") continue;
      const i = line.indexOf(":");
      if (i <= 0) throw new TypeError("FormData part had invalid headers.");
      headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    return headers;
  }

  return { FormData, internal: { serialize, parse, parseMimeType } };
})
