// TextEncoderStream, TextDecoderStream, CompressionStream and DecompressionStream: transform
// streams over the encoders of encoding.js and the Go codecs.
"use strict";
(function (natives, load) {
  const { TransformStream } = load("transform");
  const { TextDecoder } = load("encoding");
  const enc = load("encoding").internal;
  const { toBytes } = load("transform").internal;

  const FORMATS = ["gzip", "deflate", "deflate-raw"];
  const BAD_FORMAT = "The compression format must be either 'deflate', 'deflate-raw' or 'gzip'.";

  class TextEncoderStream extends TransformStream {
    constructor() {
      // A lead surrogate at the end of a chunk waits for the first unit of the next one.
      let pending = "";
      super({
        transform(chunk, c) {
          let s = pending + String(chunk);
          pending = "";
          const last = s.charCodeAt(s.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            pending = s.slice(-1);
            s = s.slice(0, -1);
          }
          if (s.length > 0) c.enqueue(enc.encode(s));
        },
        flush(c) {
          if (pending !== "") c.enqueue(enc.encode(pending));
        },
      });
    }
    get encoding() { return "utf-8"; }
  }

  class TextDecoderStream extends TransformStream {
    #decoder;
    constructor(label = "utf-8", options = {}) {
      const decoder = new TextDecoder(label, options);
      super({
        transform(chunk, c) {
          if (!(chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk))) {
            throw new TypeError("This TransformStream is being used as a byte stream, but received a value that is " +
              "not a BufferSource.");
          }
          const text = decoder.decode(chunk, { stream: true });
          if (text !== "") c.enqueue(text);
        },
        flush(c) {
          const text = decoder.decode();
          if (text !== "") c.enqueue(text);
        },
      });
      this.#decoder = decoder;
    }
    get encoding() { return this.#decoder.encoding; }
    get fatal() { return this.#decoder.fatal; }
    get ignoreBOM() { return this.#decoder.ignoreBOM; }
  }

  function codecTransform(codec) {
    return {
      transform(chunk, c) {
        const out = codec.write(toBytes(chunk));
        if (out.byteLength > 0) c.enqueue(out);
      },
      flush(c) {
        const out = codec.finish();
        if (out.byteLength > 0) c.enqueue(out);
      },
    };
  }

  class CompressionStream extends TransformStream {
    constructor(format) {
      format = String(format);
      if (!FORMATS.includes(format)) throw new TypeError(BAD_FORMAT);
      super(codecTransform(natives.compressor(format)));
    }
  }

  class DecompressionStream extends TransformStream {
    constructor(format) {
      format = String(format);
      if (!FORMATS.includes(format)) throw new TypeError(BAD_FORMAT);
      super(codecTransform(natives.decompressor(format, natives.strict)));
    }
  }

  return { TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream };
})
