import { describe, it, test } from "vitest";

describe("users", () => {
  it("can log in", () => {});
  it("can log out", () => {});
  describe("admin", () => {
    it("can ban", () => {});
  });
});
test("login page renders", () => {});
it.skipIf(true)("skipIf true", () => {});
it.skipIf(false)("skipIf false", () => {});
it.runIf(false)("runIf false", () => {});
describe.skipIf(true)("skipIf suite", () => {
  it("inside", () => {});
});
describe.todo("todo suite", () => {
  it("inside todo", () => {});
});
test("context skip", (ctx) => {
  ctx.skip("not today");
});
test("context skip false", ({ skip }) => {
  skip(false, "never");
});
test("no body");
test("options skip", { skip: true }, () => {});
