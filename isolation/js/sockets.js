// sockets.js: WebSocketPair as the runtime's code sees it, except that every pair it makes is
// handed to isolation, so that the frame it was made under can close it. The platform's class
// is looked up the first time the name is read, as the web platform builds it lazily.
"use strict";
(function (track) {
  const desc = Object.getOwnPropertyDescriptor(globalThis, "WebSocketPair");
  if (desc === undefined) return;
  const platform = () => (desc.get ? desc.get.call(globalThis) : desc.value);

  // build makes the tracking class. Reading the platform's lazy global replaces the global
  // with a plain property, so the tracking class is put back in its place afterwards.
  let tracked;
  function build() {
    const Base = platform();
    tracked = class WebSocketPair extends Base {
      constructor() {
        super();
        track(this[0], this[1]);
      }
    };
    Object.defineProperty(globalThis, "WebSocketPair", {
      value: tracked, writable: true, configurable: true, enumerable: desc.enumerable,
    });
    return tracked;
  }

  Object.defineProperty(globalThis, "WebSocketPair", {
    configurable: true,
    enumerable: desc.enumerable,
    get: () => (tracked ??= build()),
    set(v) {
      Object.defineProperty(globalThis, "WebSocketPair", {
        value: v, writable: true, configurable: true, enumerable: desc.enumerable,
      });
    },
  });
})
