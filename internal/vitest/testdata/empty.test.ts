import { describe } from "vitest";

describe("nothing here", () => {});
