import { afterAll, describe, it } from "vitest";

it("passes first", () => {});

describe("stuck", () => {
  it("loops forever", () => {
    for (;;) {}
  });
  it("never runs", () => {});
});

it("never runs either", () => {});
afterAll(() => console.log("afterAll must not run"));
