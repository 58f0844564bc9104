// Most tests here fail on purpose; the Go test checks each failure's message.
import { createExecutionContext, env, fetchMock, listDurableObjectIds, runInDurableObject, SELF } from "cloudflare:test";
import { expect, it, vi } from "vitest";
import { Counter } from "../src";

it("fails with the callback's error", async () => {
  await runInDurableObject(env.COUNTER.getByName("boom"), async (_, state) => {
    await state.storage.put("written", true);
    throw new Error("boom from the callback");
  });
});

it("has the failed test's writes undone", async () => {
  expect(await listDurableObjectIds(env.COUNTER)).toEqual([]);
});

it("leaves work in the worker's waitUntil", async () => {
  vi.useFakeTimers();
  expect(await (await SELF.fetch("https://w/later")).text()).toBe("later");
});

it("lets the work of the test before settle", () => {
  vi.advanceTimersByTime(1000);
});

it("leaves work in an ExecutionContext", () => {
  const ctx = createExecutionContext();
  ctx.waitUntil(new Promise((resolve) => setTimeout(resolve, 1000)));
});

it("fetches what no interceptor matches", async () => {
  vi.advanceTimersByTime(1000);
  vi.useRealTimers();
  fetchMock.activate();
  fetchMock.disableNetConnect();
  await fetch("https://api.example.com/unmocked?q=1", { method: "POST" });
});

it("has an alarm that fails every time it runs", async () => {
  vi.useFakeTimers();
  const stub = env.COUNTER.getByName("always-fails");
  await runInDurableObject(stub, (instance: Counter) => {
    instance.failAlarm = true;
    return instance.scheduleIn(10);
  });
  // Each retry is scheduled once the failed run has ended: time moves one retry at a time.
  for (const step of [10, 2000, 4000, 8000, 16000, 32000, 64000]) await vi.advanceTimersByTimeAsync(step);
  vi.useRealTimers();
});
