import { describe, expect, it } from "vitest";

describe("math", () => {
  it("adds", () => {
    console.log("adding 1 and 1");
    expect(1 + 1).toBe(3);
  });

  it("compares objects", () => {
    expect({ a: 1, b: [1, 2], c: "same" }).toEqual({ a: 1, b: [1, 3], c: "same" });
  });

  it("passes", () => {
    expect(2 * 2).toBe(4);
  });

  it.skip("is skipped", () => {});
  it.todo("is to do");
});

it("throws", () => {
  throw new TypeError("not a number");
});
