import { it } from "vitest";

it("never collected", () => {});

function helper(): never {
  throw new SyntaxError("bad top-level code");
}
helper();
