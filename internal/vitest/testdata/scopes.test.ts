import { afterAll, beforeAll, describe, it } from "vitest";

beforeAll(() => console.log("file beforeAll"));
describe("suite", () => {
  beforeAll(() => console.log("suite beforeAll"));
  afterAll(() => console.log("suite afterAll"));
  it("one", { retry: 1 }, () => {
    console.log("one");
    throw new Error("retry me");
  });
});
describe.skip("skipped", () => {
  it("two", () => {});
});
it("three", () => console.log("three"));
