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
