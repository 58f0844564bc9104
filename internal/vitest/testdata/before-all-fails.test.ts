import { afterAll, beforeAll, describe, it } from "vitest";

describe("broken setup", () => {
  beforeAll(() => {
    throw new Error("setup failed");
  });
  afterAll(() => console.log("afterAll still runs"));
  it("skipped 1", () => {});
  it("skipped 2", () => {});
});

it("unaffected", () => {});
