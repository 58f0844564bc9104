// scheduler, performance and navigator, as workerd gives them: performance.now() is Date.now()
// and timeOrigin is 0, for Spectre reasons; scheduler.wait runs on the runtime's clock.
"use strict";
(function (natives, load) {
  const constructing = Symbol("misc");

  class Scheduler {
    constructor(key) { if (key !== constructing) throw new TypeError("Illegal constructor"); }
    wait(delay, options = undefined) {
      const signal = options?.signal;
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const id = natives.timer(Number(delay), () => resolve(undefined), true);
        signal?.addEventListener("abort", () => {
          natives.clearTimer(id);
          reject(signal.reason);
        }, { once: true });
      });
    }
  }

  class Performance {
    constructor(key) { if (key !== constructing) throw new TypeError("Illegal constructor"); }
    get timeOrigin() { return 0; }
    now() { return Date.now(); }
    toJSON() { return { timeOrigin: 0 }; }
  }

  class Navigator {
    constructor(key) { if (key !== constructing) throw new TypeError("Illegal constructor"); }
    get userAgent() { return "Cloudflare-Workers"; }
    get hardwareConcurrency() { return 1; }
    get platform() { return ""; }
    get language() { return "en"; }
    get languages() { return ["en"]; }
    sendBeacon(url, body = undefined) {
      load("fetch").fetch(url, { method: "POST", body }).catch(() => {});
      return true;
    }
  }

  return {
    Scheduler, Performance, Navigator,
    scheduler: new Scheduler(constructing),
    performance: new Performance(constructing),
    navigator: new Navigator(constructing),
  };
})
