// TextEncoder, TextDecoder, atob and btoa. The conversions run in Go; this file gives them
// their classes, argument checks and workerd's errors.
"use strict";
(function (natives, load) {
  const { DOMException } = load("events");

  const bytesView = (input) => {
    if (input === undefined) return new Uint8Array(0);
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw new TypeError("Failed to execute 'decode' on 'TextDecoder': parameter 1 is not of type 'ArrayBuffer or " +
      "ArrayBufferView'.");
  };

  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(input = "") { return natives.encode(String(input)); }
    encodeInto(source, destination) {
      if (!(destination instanceof Uint8Array)) {
        throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type " +
          "'Uint8Array'.");
      }
      const [read, written] = natives.encodeInto(String(source), destination);
      return { read, written };
    }
  }

  class TextDecoder {
    #handle;
    #encoding;
    #fatal;
    #ignoreBOM;
    constructor(label = "utf-8", options = {}) {
      const fatal = !!options?.fatal;
      const ignoreBOM = !!options?.ignoreBOM;
      const handle = natives.newDecoder(String(label), fatal, ignoreBOM);
      if (handle === null) throw new RangeError(`"${label}" is not a valid encoding.`);
      this.#handle = handle;
      this.#encoding = handle.encoding;
      this.#fatal = fatal;
      this.#ignoreBOM = ignoreBOM;
    }
    get encoding() { return this.#encoding; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input = undefined, options = {}) {
      const out = this.#handle.decode(bytesView(input), !!options?.stream);
      if (out === null) throw new TypeError("Failed to decode input.");
      return out;
    }
  }

  function btoa(data) {
    if (arguments.length === 0) {
      throw new TypeError("Failed to execute 'btoa' on 'WorkerGlobalScope': parameter 1 is not of type 'string'.");
    }
    const out = natives.btoa(String(data));
    if (out === null) {
      throw new DOMException("btoa() can only operate on characters in the Latin1 (ISO/IEC 8859-1) " +
        "range.", "InvalidCharacterError");
    }
    return out;
  }

  function atob(data) {
    if (arguments.length === 0) {
      throw new TypeError("Failed to execute 'atob' on 'WorkerGlobalScope': parameter 1 is not of type 'string'.");
    }
    const out = natives.atob(String(data));
    if (out === null) {
      throw new DOMException("atob() called with invalid base64-encoded data. (Only whitespace, '+', '/', " +
        "alphanumeric ASCII, and up to two terminal '=' signs when the input data length is divisible by 4 are " +
          "allowed.)", "InvalidCharacterError");
    }
    return out;
  }

  return {
    TextEncoder, TextDecoder, atob, btoa,
    internal: {
      encode: (s) => natives.encode(s),
      decodeUTF8: (bytes) => natives.decodeUTF8(bytes),
      newDecoder: (label, fatal, ignoreBOM) => natives.newDecoder(label, fatal, ignoreBOM),
      bytesView,
    },
  };
})
