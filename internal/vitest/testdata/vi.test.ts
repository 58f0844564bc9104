import { afterEach, describe, expect, it, vi } from "vitest";

describe("fake timers", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("moves Date and fires timers in order", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
    const seen: string[] = [];
    setTimeout(() => seen.push(`b ${new Date().toISOString()}`), 2000);
    setTimeout(() => seen.push(`a ${Date.now()}`), 1000);
    const id = setInterval(() => seen.push("tick"), 700);
    vi.advanceTimersByTime(1500);
    expect(seen).toEqual(["tick", `a ${Date.parse("2030-01-01T00:00:01Z")}`, "tick"]);
    clearInterval(id);
    vi.advanceTimersToNextTimer();
    expect(seen[3]).toBe("b 2030-01-01T00:00:02.000Z");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("starts at the given time and keeps Date real when asked", () => {
    vi.useFakeTimers({ now: 1000 });
    expect(Date.now()).toBe(1000);
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    expect(Date.now()).toBeGreaterThan(1_600_000_000_000);
    let fired = false;
    setTimeout(() => (fired = true), 10_000);
    vi.advanceTimersByTime(10_000);
    expect(fired).toBe(true);
  });

  it("pins Date without fake timers", () => {
    vi.setSystemTime(0);
    expect(Date.now()).toBe(0);
    expect(vi.getMockedSystemTime()?.getTime()).toBe(0);
    expect(vi.isFakeTimers()).toBe(false);
    vi.useRealTimers();
    expect(vi.getMockedSystemTime()).toBe(null);
    expect(Math.abs(Date.now() - vi.getRealSystemTime())).toBeLessThan(1000);
  });

  it("drops fake timers with useRealTimers", async () => {
    vi.useFakeTimers();
    let fired = false;
    setTimeout(() => (fired = true), 1);
    vi.useRealTimers();
    await new Promise((r) => setTimeout(r, 5));
    expect(fired).toBe(false);
  });

  it("runs all timers and stops an endless chain", () => {
    vi.useFakeTimers();
    let n = 0;
    setTimeout(function again() {
      if (++n < 5) setTimeout(again, 10);
    }, 10);
    vi.runAllTimers();
    expect(n).toBe(5);
    setInterval(() => {}, 1);
    expect(() => vi.runAllTimers()).toThrow("Aborting after running 10000 timers, assuming an infinite loop!");
    vi.clearAllTimers();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("async forms let promises settle between timers", async () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    setTimeout(async () => {
      await Promise.resolve();
      seen.push(1);
      setTimeout(() => seen.push(2), 10);
    }, 10);
    await vi.runAllTimersAsync();
    expect(seen).toEqual([1, 2]);
  });

  it("refuses to advance real timers", () => {
    expect(() => vi.advanceTimersByTime(1)).toThrow(
      "A function to advance timers was called but the timers APIs are not mocked. Call `vi.useFakeTimers()` in the test file first.",
    );
  });
});

describe("waiting", () => {
  it("waitFor retries until the callback passes", async () => {
    let n = 0;
    const value = await vi.waitFor(() => {
      if (++n < 3) throw new Error("not yet");
      return n;
    }, { interval: 1 });
    expect(value).toBe(3);
  });

  it("waitFor gives up with the last error", async () => {
    await expect(vi.waitFor(() => {
      throw new Error("still failing");
    }, { timeout: 20, interval: 5 })).rejects.toThrow("still failing");
  });

  it("waitUntil times out with vitest's message", async () => {
    await expect(vi.waitUntil(() => false, { timeout: 20, interval: 5 })).rejects.toThrow("Timed out in waitUntil!");
  });

  it("waitFor advances fake timers by its interval at each check", async () => {
    vi.useFakeTimers();
    let ready = false;
    setTimeout(() => (ready = true), 50);
    await vi.waitFor(() => expect(ready).toBe(true), { interval: 10, timeout: 1000 });
    expect(Date.now() - vi.getRealSystemTime()).not.toBe(0);
    vi.useRealTimers();
  });
});

describe("globals and envs", () => {
  it("stubs and restores globals", () => {
    vi.stubGlobal("answer", 42);
    expect((globalThis as any).answer).toBe(42);
    vi.unstubAllGlobals();
    expect("answer" in globalThis).toBe(false);
  });

  it("explains what is not supported", () => {
    expect(() => vi.mock("./x")).toThrow(/dotest does not support vi\.mock\(\).*vi\.spyOn/);
    expect(() => vi.hoisted(() => 1)).toThrow("dotest does not support vi.hoisted()");
    expect(() => vi.importActual("./x")).toThrow("dotest does not support vi.importActual()");
  });

  it("has the mock functions", () => {
    const f = vi.fn(() => 1);
    f();
    expect(vi.isMockFunction(f)).toBe(true);
    expect(vi.mocked(f)).toBe(f);
    vi.clearAllMocks();
    expect(f).not.toHaveBeenCalled();
  });
});

describe("async advance", () => {
  it("lets a timer's promise settle before it returns", async () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    setTimeout(async () => {
      await Promise.resolve();
      seen.push("a");
    }, 5);
    await vi.advanceTimersByTimeAsync(5);
    expect(seen).toEqual(["a"]);
    vi.useRealTimers();
  });
});
