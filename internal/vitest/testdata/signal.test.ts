import { expect, it } from "vitest";

// The runtime of these tests has no web platform: a small AbortController stands in.
if (typeof AbortController !== "function") {
  class Signal {
    aborted = false;
    reason: unknown;
  }
  (globalThis as any).AbortController = class {
    signal = new Signal();
    abort(reason: unknown) {
      this.signal.aborted = true;
      this.signal.reason = reason;
    }
  };
}

let seen: any;
it("aborts its signal on timeout", async ({ signal }) => {
  seen = signal;
  expect(signal.aborted).toBe(false);
  await new Promise(() => {});
}, 10);

it("saw the abort", () => {
  expect(seen.aborted).toBe(true);
  expect(seen.reason.message).toMatch(/^Test timed out in 10ms\./);
});
