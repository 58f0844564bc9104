import { expect, it } from "vitest";

it("returns", () => {
  expect(1 + 1).toBe(2);
});

it("spins", () => {
  while (true) {}
});

it("never runs", () => {});

it("never runs either", () => {});
