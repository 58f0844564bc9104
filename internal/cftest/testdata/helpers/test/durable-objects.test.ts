import {
  abortAllDurableObjects,
  env,
  evictAllDurableObjects,
  evictDurableObject,
  listDurableObjectIds,
  reset,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Counter } from "../src";

describe("runInDurableObject", () => {
  it("hands over the real instance and its ctx", async () => {
    const stub = env.COUNTER.getByName("a");
    await stub.increment(2);
    const got = await runInDurableObject(stub, async (instance: Counter, state) => [
      instance instanceof Counter,
      instance.count,
      await state.storage.get("count"),
      state.id.name,
      state.id.equals(stub.id),
    ]);
    expect(got).toEqual([true, 2, 2, "a", true]);
  });

  it("returns results by reference", async () => {
    const stub = env.COUNTER.getByName("a");
    const first = await runInDurableObject(stub, (instance: Counter) => instance);
    const second = await runInDurableObject(stub, (instance: Counter) => instance);
    expect(first).toBe(second);
    const value = { nested: [1] };
    expect(await runInDurableObject(stub, () => value)).toBe(value);
  });

  it("gives a Response back as the object's fetch response", async () => {
    const stub = env.COUNTER.getByName("r");
    const res = await runInDurableObject(stub, () => new Response("made", { status: 201, headers: { "x-a": "1" } }));
    expect([res.status, res.headers.get("x-a"), await res.text()]).toEqual([201, "1", "made"]);
    expect(() => res.headers.set("x-b", "2")).toThrow(TypeError);
    const redirect = await runInDurableObject(stub, () => Response.redirect("https://example.com/next", 302));
    expect([redirect.status, redirect.headers.get("location")]).toEqual([302, "https://example.com/next"]);
  });

  it("runs inside the object's input gate", async () => {
    const stub = env.COUNTER.getByName("gate");
    const order: string[] = [];
    const inside = runInDurableObject(stub, async (instance: Counter, state) => {
      order.push("callback starts");
      await state.storage.put("k", 1);
      await state.storage.get("k");
      order.push("callback ends");
    });
    const call = stub.increment().then(() => order.push("rpc"));
    await Promise.all([inside, call]);
    expect(order).toEqual(["callback starts", "callback ends", "rpc"]);
  });

  it("rejects with the callback's own error", async () => {
    const err = new RangeError("mine");
    await expect(runInDurableObject(env.COUNTER.getByName("e"), () => { throw err; })).rejects.toBe(err);
  });
});

describe("runDurableObjectAlarm", () => {
  it("returns false when no alarm is set", async () => {
    expect(await runDurableObjectAlarm(env.COUNTER.getByName("none"))).toBe(false);
  });

  it("deletes the alarm, then runs alarm() at once with no argument", async () => {
    const stub = env.COUNTER.getByName("alarm");
    await stub.scheduleIn(60 * 60 * 1000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await runInDurableObject(stub, (_, state) => state.storage.get("alarms"))).toEqual([
      { args: 0, alarmDuringRun: null },
    ]);
    expect(await runDurableObjectAlarm(stub)).toBe(false);
  });

  it("keeps an alarm that alarm() sets", async () => {
    const stub = env.COUNTER.getByName("rearm");
    await runInDurableObject(stub, (instance: Counter) => {
      instance.rearm = true;
      return instance.scheduleIn(10);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
  });

  it("rejects when alarm() throws, without a retry", async () => {
    const stub = env.COUNTER.getByName("fails");
    await runInDurableObject(stub, (instance: Counter) => {
      instance.failAlarm = true;
      return instance.scheduleIn(10);
    });
    await expect(runDurableObjectAlarm(stub)).rejects.toThrow("the alarm failed");
    expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).toBeNull();
    expect(await runDurableObjectAlarm(stub)).toBe(false);
  });
});

describe("listDurableObjectIds", () => {
  it("lists the objects with storage, as ids with equals", async () => {
    const a = env.COUNTER.getByName("a");
    const b = env.COUNTER.get(env.COUNTER.newUniqueId());
    await a.increment();
    await b.increment();
    const ids = await listDurableObjectIds(env.COUNTER);
    expect(ids).toHaveLength(2);
    expect(ids.some((id) => id.equals(a.id))).toBe(true);
    expect(ids.some((id) => id.equals(b.id))).toBe(true);
    expect(await listDurableObjectIds(env.GHOST)).toEqual([]);
  });
});

describe("eviction and resets", () => {
  it("evictDurableObject drops what the instance kept in memory", async () => {
    const stub = env.COUNTER.getByName("evict");
    expect(await stub.increment()).toBe(1);
    await runInDurableObject(stub, (instance: Counter) => {
      instance.count = 999;
    });
    await evictDurableObject(stub);
    expect(await stub.increment()).toBe(2);
    await evictDurableObject(stub, { webSockets: "close" });
    await expect(evictDurableObject(stub)).rejects.toThrow(/^Durable Object Counter [0-9a-f]{64} is not running, so it cannot be evicted\.$/);
  });

  it("evictAllDurableObjects evicts every running object", async () => {
    const a = env.COUNTER.getByName("a");
    await a.increment();
    await runInDurableObject(a, (instance: Counter) => {
      instance.count = 999;
    });
    await evictAllDurableObjects();
    expect(await a.increment()).toBe(2);
  });

  it("abortAllDurableObjects resets instances and keeps storage", async () => {
    const stub = env.COUNTER.getByName("abort");
    await stub.increment();
    await abortAllDurableObjects();
    await expect(stub.increment()).rejects.toThrow("Application called abort() to reset Durable Object.");
    expect(await env.COUNTER.getByName("abort").increment()).toBe(2);
  });

  it("reset deletes every object's storage and alarm", async () => {
    const stub = env.COUNTER.getByName("reset");
    await stub.increment(5);
    await stub.scheduleIn(1000);
    await reset();
    expect(await listDurableObjectIds(env.COUNTER)).toEqual([]);
    const again = env.COUNTER.getByName("reset");
    expect(await runDurableObjectAlarm(again)).toBe(false);
    expect(await again.increment()).toBe(1);
  });
});

describe("bad input", () => {
  const notStubs: [string, unknown][] = [
    ["an object", {}],
    ["a namespace", env.COUNTER],
    ["a number", 1],
  ];
  for (const [what, value] of notStubs) {
    it(`refuses ${what} for a stub`, async () => {
      const param = (helper: string) =>
        `Failed to execute '${helper}': parameter 1 is not of type 'DurableObjectStub'.`;
      await expect(runInDurableObject(value as any, () => {})).rejects.toThrow(param("runInDurableObject"));
      await expect(runDurableObjectAlarm(value as any)).rejects.toThrow(param("runDurableObjectAlarm"));
      await expect(evictDurableObject(value as any)).rejects.toThrow(param("evictDurableObject"));
      await expect(runInDurableObject(value as any, () => {})).rejects.toBeInstanceOf(TypeError);
    });
  }

  it("refuses a callback that is not a function", async () => {
    await expect(runInDurableObject(env.COUNTER.getByName("x"), "no" as any)).rejects.toThrow(
      "Failed to execute 'runInDurableObject': parameter 2 is not of type 'function'.",
    );
  });

  it("refuses what is not a namespace", async () => {
    await expect(listDurableObjectIds(env.COUNTER.getByName("x") as any)).rejects.toThrow(
      "Failed to execute 'listDurableObjectIds': parameter 1 is not of type 'DurableObjectNamespace'.",
    );
  });

  it("refuses stubs of classes the main module does not export", async () => {
    const stub = env.GHOST.getByName("g");
    const text = "Durable Object test helpers can only be used with stubs pointing to objects defined within the same worker.";
    await expect(runInDurableObject(stub, () => {})).rejects.toThrow(text);
    await expect(runDurableObjectAlarm(stub)).rejects.toThrow(text);
  });

  it("refuses bad eviction options", async () => {
    await expect(evictAllDurableObjects({ webSockets: "drop" } as any)).rejects.toThrow(
      `Failed to execute 'evictAllDurableObjects': webSockets must be "close" or "hibernate".`,
    );
  });
});
