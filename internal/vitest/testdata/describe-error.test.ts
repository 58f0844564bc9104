import { describe, it } from "vitest";

describe("breaks", () => {
  it("never collected", () => {});
  throw new Error("describe callback failed");
});
