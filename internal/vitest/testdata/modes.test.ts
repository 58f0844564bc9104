import { describe, expect, it, test } from "vitest";

describe("a", () => {
  it("one", () => {});
  it.only("two", () => {});
  describe.only("nested only", () => {
    it("three", () => {});
    it.skip("four", () => {});
  });
  describe("plain", () => {
    it("five", () => {});
  });
});

describe.skip("skipped suite", () => {
  it.only("six", () => {});
});

describe("b", () => {
  it("seven", () => {});
  it.todo("eight");
});
