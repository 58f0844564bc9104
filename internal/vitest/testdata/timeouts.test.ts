import { beforeEach, describe, expect, it, vi } from "vitest";

it("never settles", async () => {
  await new Promise(() => {});
});

it("never settles under fake timers", async ({ signal }) => {
  vi.useFakeTimers();
  await new Promise(() => {});
});

it("runs after a timeout", () => {
  vi.useRealTimers();
  expect(1).toBe(1);
});

describe("hooks", () => {
  beforeEach(async () => {
    await new Promise(() => {});
  }, 20);
  it("is failed by its hook", () => {});
});

describe("suite options", { timeout: 10 }, () => {
  it("inherits the suite's timeout", async () => {
    await new Promise(() => {});
  });
});

describe("suite timeout argument", () => {
  it("inherits the third argument", async () => {
    await new Promise(() => {});
  });
}, 15);

describe("no timeout", () => {
  it("waits for nothing and never ends", { timeout: 0 }, async () => {
    await new Promise(() => {});
  });
  it("never runs", () => {});
});
