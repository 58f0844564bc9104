import { describe, expect, it, test } from "vitest";

describe("math", () => {
  it("adds", () => {
    expect(1 + 1).toBe(2);
  });

  it("fails", () => {
    expect(1 + 1).toBe(3);
  });

  test("awaits", async () => {
    await new Promise((r) => setTimeout(r, 1));
    console.log("after await");
  });
});

test.skip("skipped", () => {});
test.todo("later");
