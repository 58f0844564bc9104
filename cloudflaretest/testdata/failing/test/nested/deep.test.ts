import { expect, it } from "vitest";

it("is found below", () => {
  expect([1]).toHaveLength(1);
});
