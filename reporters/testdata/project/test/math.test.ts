import { describe, expect, it } from "vitest";
import { add, divide, round } from "../src/math";

describe("add", () => {
  it("adds two numbers", () => {
    expect(add(1, 2)).toBe(3);
  });

  it("adds negative numbers", () => {
    expect(add(-1, -1)).toBe(-1);
  });
});

describe("divide", () => {
  it("divides by zero", () => {
    expect(divide(1, 0)).toBe(Infinity);
  });

  it("describes a division", () => {
    const result = { quotient: Math.floor(7 / 2), remainder: 7 % 2, exact: false };
    expect(result).toEqual({ quotient: 3, remainder: 1, exact: true });
  });
});

it.each([0.5, 1.5])("rounds %d to a fraction", (n) => {
  expect(round(n) % 1).not.toBe(0);
});
