import { describe, expect, it, onTestFinished } from "vitest";

let flaky = 0;
it("passes on the third try", { retry: 3 }, () => {
  flaky++;
  console.log(`try ${flaky}`);
  expect(flaky).toBe(3);
});

let always = 0;
it("fails every try", { retry: 2 }, () => {
  always++;
  throw new Error(`attempt ${always}`);
});

let conditional = 0;
it("retries only matching errors", { retry: { count: 5, condition: /flaky/ } }, () => {
  conditional++;
  throw new Error(conditional === 1 ? "flaky network" : "hard failure");
});

let repeats = 0;
it("repeats", { repeats: 2 }, () => {
  repeats++;
  onTestFinished(() => console.log(`repeat done ${repeats}`));
});
it("counted", () => expect(repeats).toBe(3));

it.fails("expected to fail", () => {
  expect(1).toBe(2);
});
it.fails("unexpectedly passes", () => {});

describe("timeout as third argument", () => {
  it("gets 10ms", async () => {
    await new Promise(() => {});
  }, 10);
});
