import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("says that SELF needs main", () => {
  expect(() => SELF.fetch("https://example.com/")).toThrow(
    "Using service bindings to the current worker requires `main` to be set to your worker's entrypoint: add " +
      "`main` to the wrangler configuration (or `poolOptions.workers.main` to the vitest configuration).",
  );
});
