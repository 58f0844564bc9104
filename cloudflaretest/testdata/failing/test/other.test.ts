import { expect, it } from "vitest";

it("passes too", () => {
  expect("a").toBe("a");
});
