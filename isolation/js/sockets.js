// sockets.js: WebSocketPair as the runtime's code sees it, except that every pair it makes is
// handed to isolation, so that the frame it was made under can close it. The platform's class
// is looked up the first time the name is read, as the web platform builds it lazily.
"use strict";
(function (track, reason) {
  const desc = Object.getOwnPropertyDescriptor(globalThis, "WebSocketPair");
  if (desc === undefined) return;
  const platform = () => (desc.get ? desc.get.call(globalThis) : desc.value);

  // closeEnd closes one end of a pair; an end never accepted, already closed or handed over
  // in a Response refuses or ignores it, and has nothing to close.
  function closeEnd(ws) {
    try {
      ws.close(1001, reason);
    } catch {}
  }

  let tracked;
  function build() {
    const Base = platform();
    return class WebSocketPair extends Base {
      constructor() {
        super();
        const ends = [this[0], this[1]];
        track(() => ends.forEach(closeEnd));
      }
    };
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
