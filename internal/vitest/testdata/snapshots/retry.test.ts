import { expect, it } from "vitest";

let attempts = 0;
it("snapshots once per attempt", { retry: 1 }, () => {
  attempts++;
  expect("value").toMatchSnapshot();
  if (attempts === 1) throw new Error("first attempt fails");
});

it("one call site, two values", () => {
  for (const v of [1, 2]) {
    expect(v).toMatchInlineSnapshot();
  }
});
