import { describe, expect, it } from "vitest";

describe("file snapshots", () => {
  it("stores objects", () => {
    expect({ name: "dotest", list: [1, 2], nested: { ok: true } }).toMatchSnapshot();
    expect("a `backtick` and ${dollar} and \\ backslash").toMatchSnapshot();
  });

  it("names with hints", () => {
    expect(new Map([["k", new Set([1])]])).toMatchSnapshot("map");
    expect(42).toMatchSnapshot();
  });

  it("test 10 sorts after test 9", () => {
    expect(10).toMatchSnapshot();
  });

  it("test 9 sorts before test 10", () => {
    expect(9).toMatchSnapshot();
  });
});
