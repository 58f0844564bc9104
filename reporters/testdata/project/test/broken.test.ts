import { expect, it } from "vitest";

it("parses", () => {
  const value = { a: 1 b: 2 };
  expect(value.a).toBe(1);
});
