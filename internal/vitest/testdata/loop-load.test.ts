import { it } from "vitest";

it("collected before the loop", () => {});
while (true) {}
