// Records the order in which vitest 4 runs hooks (sequence.hooks "stack"); hooks_test.go
// compares the log with vitest's documented order.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed, onTestFinished } from "vitest";

const log = (s: string) => console.log(s);

beforeAll(() => {
  log("file beforeAll");
  return () => log("file beforeAll cleanup");
});
afterAll(() => log("file afterAll 1"));
afterAll(() => log("file afterAll 2"));
beforeEach(() => {
  log("file beforeEach");
  return () => log("file beforeEach cleanup");
});
afterEach(() => log("file afterEach 1"));
afterEach(() => log("file afterEach 2"));

describe("outer", () => {
  beforeAll(() => log("outer beforeAll"));
  afterAll(() => log("outer afterAll"));
  beforeEach(() => {
    log("outer beforeEach 1");
    return () => log("outer beforeEach 1 cleanup");
  });
  beforeEach(() => {
    log("outer beforeEach 2");
    return () => log("outer beforeEach 2 cleanup");
  });
  afterEach(() => log("outer afterEach"));

  it("first", () => {
    log("first body");
    onTestFinished(() => log("first onTestFinished 1"));
    onTestFinished(() => log("first onTestFinished 2"));
    onTestFailed(() => log("first onTestFailed"));
  });

  describe("inner", () => {
    beforeEach(() => log("inner beforeEach"));
    afterEach(() => log("inner afterEach"));

    it("second fails", ({ onTestFailed: failed }) => {
      log("second body");
      failed(() => log("second onTestFailed 1"));
      failed(() => log("second onTestFailed 2"));
      expect(1).toBe(2);
    });
  });
});

it("top", () => log("top body"));
