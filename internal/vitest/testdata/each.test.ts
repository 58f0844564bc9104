// Test names made by .each and .for; each_test.go lists the names vitest 4 gives them.
import { describe, expect, test } from "vitest";

test.each([
  [1, 1, 2],
  [1, 2, 3],
])("add(%i, %i) -> %i", (a, b, sum) => {
  expect(a + b).toBe(sum);
});

test.each([["a", { x: 1 }, [1, 2], -0, 10n]])("s: %s|%s|%s|%s|%s", () => {});
test.each([["1.5", 1.9, -0, { a: 1 }, "x", [1]]])("n: %d %i %f %j %o %O", () => {});
test.each([[-0, -0]])("f: %f %f", () => {});
test.each([["dropped", 7]])("c: %c%s", () => {});
test.each([[5]])("quirk: 100%% done %d", () => {});
test.each([["a"], ["b"]])("index %# of %$: %s", () => {});
test.each([{ a: 1, b: "x", c: { d: 2 } }])("obj: $a and $b, $c.d, $missing", ({ a, b }) => {
  expect([a, b]).toEqual([1, "x"]);
});
test.each([[10, 20]])("array: first $0 second $1, $x", (first, second) => {
  expect(first + second).toBe(30);
});
test.each([1])("primitive: %s costs $x", (n) => {
  expect(n).toBe(1);
});
test.each([[{ aaaa: 1, bbbb: 2, cccc: 3, dddd: 4, eeee: 5, ffff: 6 }]])("long: $0", () => {});
test.each`
  a    | b
  ${1} | ${"x"}
  ${2} | ${"y"}
`("table: $a $b", ({ a, b }) => {
  expect(typeof a).toBe("number");
  expect(typeof b).toBe("string");
});
test.for([
  [1, 2],
  [3, 4],
])("for: %i %i", ([a, b], { expect }) => {
  expect(b - a).toBe(1);
});
test.for(["x"])("for string: %s", (letter, { task }) => {
  expect(task.name).toBe("for string: x");
  expect(letter).toBe("x");
});
describe.each(["one", "two"])("suite %s", (name) => {
  test("has its case", () => {
    expect(["one", "two"]).toContain(name);
  });
});
describe.for([[1, "a"]])("suite for %i %s", ([n, s]) => {
  test("got the row", () => {
    expect([n, s]).toEqual([1, "a"]);
  });
});
test.each([
  [1, 2],
  [2, 3],
])("with options %i", { timeout: 1000 }, (a, b) => {
  expect(b - a).toBe(1);
});
