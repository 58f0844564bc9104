import { afterAll, beforeAll, expect, it } from "vitest";

beforeAll(() => {
  setTimeout(() => {
    throw new Error("from a timer in beforeAll");
  }, 0);
});

it("waits for the beforeAll timer", async () => {
  await new Promise((r) => setTimeout(r, 5));
});

it("timer error", async () => {
  setTimeout(() => {
    throw new TypeError("boom in a timer");
  }, 1);
  await new Promise((r) => setTimeout(r, 10));
});

it("unhandled rejection", () => {
  Promise.reject(new RangeError("nobody caught me"));
});

it("microtask error", async () => {
  queueMicrotask(() => {
    throw new Error("from queueMicrotask");
  });
  await new Promise((r) => setTimeout(r, 1));
});

it("handled rejection is fine", async () => {
  const p = Promise.reject(new Error("handled"));
  await expect(p).rejects.toThrow("handled");
});

it("throws a string", () => {
  throw "just a string";
});

it("throws an object", () => {
  throw { code: 42, reason: "nope" };
});

it("throws an aggregate", () => {
  throw new AggregateError([new Error("first"), new Error("second")], "both");
});

it("soft assertions", () => {
  expect.soft(1).toBe(2);
  expect.soft(2).toBe(3);
});

it("expect.assertions", () => {
  expect.assertions(2);
  expect(1).toBe(1);
});

afterAll(() => {
  Promise.reject(new Error("rejected in afterAll"));
});
