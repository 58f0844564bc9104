import { it } from "vitest";

it("loops in a promise job", async () => {
  await null;
  while (true) {}
});
it("not run", () => {});
