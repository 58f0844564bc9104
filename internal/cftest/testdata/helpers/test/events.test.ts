import {
  applyD1Migrations,
  createExecutionContext,
  createMessageBatch,
  createPagesEventContext,
  createScheduledController,
  getQueueResult,
  introspectWorkflow,
  waitOnExecutionContext,
} from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";

describe("ExecutionContext", () => {
  it("has waitUntil, passThroughOnException, props and exports", async () => {
    const ctx = createExecutionContext();
    expect(ctx.props).toEqual({});
    expect(ctx.exports).toBe(exports);
    expect(ctx.passThroughOnException()).toBeUndefined();
    expect(Object.prototype.toString.call(ctx)).toBe("[object ExecutionContext]");
    expect(() => new (ctx.constructor as any)()).toThrow("Illegal constructor");
    expect(() => ctx.waitUntil.call({}, Promise.resolve())).toThrow("Illegal invocation");
  });

  it("waits for the work handed to it, and the work that adds", async () => {
    const ctx = createExecutionContext();
    const log: string[] = [];
    ctx.waitUntil(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          log.push("first");
          ctx.waitUntil(new Promise<void>((r) => setTimeout(() => (log.push("second"), r()), 1)));
          resolve();
        }, 1),
      ),
    );
    await waitOnExecutionContext(ctx);
    expect(log).toEqual(["first", "second"]);
  });

  it("refuses what createExecutionContext did not make", async () => {
    await expect(waitOnExecutionContext({ waitUntil() {} } as any)).rejects.toThrow(
      "Failed to execute 'getWaitUntil': parameter 1 is not of type 'ExecutionContext'.\n" +
        "You must call 'createExecutionContext()' or 'createPagesEventContext()' to get an 'ExecutionContext' instance.",
    );
  });
});

describe("ScheduledController", () => {
  it("takes its time and cron, or defaults", () => {
    vi.useFakeTimers({ now: 1_000 });
    const made = createScheduledController();
    expect([made.scheduledTime, made.cron]).toEqual([1_000, ""]);
    const given = createScheduledController({ scheduledTime: new Date(5_000), cron: "* * * * *" });
    expect([given.scheduledTime, given.cron]).toEqual([5_000, "* * * * *"]);
    expect(given.noRetry()).toBeUndefined();
    vi.useRealTimers();
  });

  it("refuses options that are not an object", () => {
    expect(() => createScheduledController(5 as any)).toThrow(
      "Failed to execute 'createScheduledController': parameter 1 is not of type 'ScheduledOptions'.",
    );
  });
});

describe("queues", () => {
  const messages = [
    { id: "a", timestamp: new Date(1_000), body: { n: 1 }, attempts: 1 },
    { id: "b", timestamp: 2_000, body: "two", attempts: 2 },
    { id: "c", timestamp: 3_000, body: null, attempts: 1 },
  ];

  it("builds a batch whose messages copy what they are given", () => {
    const batch = createMessageBatch("jobs", messages);
    expect(batch.queue).toBe("jobs");
    expect(batch.messages.map((m) => [m.id, m.timestamp.getTime(), m.body, m.attempts])).toEqual([
      ["a", 1_000, { n: 1 }, 1],
      ["b", 2_000, "two", 2],
      ["c", 3_000, null, 1],
    ]);
    expect(batch.messages[0].body).not.toBe(messages[0].body);
  });

  it("reports acks and retries, the first call winning", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const batch = createMessageBatch("jobs", messages);
    batch.messages[0].ack();
    batch.messages[1].retry();
    batch.messages[1].ack();
    const ctx = createExecutionContext();
    expect(await getQueueResult(batch, ctx)).toEqual({
      outcome: "ok",
      retryBatch: { retry: false },
      ackAll: false,
      retryMessages: [{ msgId: "b" }],
      explicitAcks: ["a"],
    });
    expect(warn).toHaveBeenCalledWith(
      "Received a call to ack() on message b after retry() was already called. Calling ack() on a message after calling retry() has no effect.",
    );
    batch.retryAll();
    batch.ackAll();
    expect((await getQueueResult(batch, ctx)).retryBatch).toEqual({ retry: true });
    warn.mockRestore();
  });

  it("refuses bad messages and arguments", async () => {
    expect(() => (createMessageBatch as any)()).toThrow(
      "Failed to execute 'createMessageBatch': parameter 1 is not of type 'string'.",
    );
    expect(() => createMessageBatch("q", {} as any)).toThrow(
      "Failed to execute 'createMessageBatch': parameter 2 is not of type 'Array'.",
    );
    expect(() => createMessageBatch("q", [{ id: "x", timestamp: "now", body: 1, attempts: 1 } as any])).toThrow(
      "Incorrect type for the 'timestamp' field on 'ServiceBindingQueueMessage': the provided value is not of type 'date'.",
    );
    expect(() => createMessageBatch("q", [{ id: "x", timestamp: 1, body: 1 } as any])).toThrow(
      "Incorrect type for the 'attempts' field on 'ServiceBindingQueueMessage': the provided value is not of type 'number'.",
    );
    await expect(getQueueResult({} as any, createExecutionContext())).rejects.toThrow(
      "Failed to execute 'getQueueResult': parameter 1 is not of type 'MessageBatch'.",
    );
  });
});

describe("what dotest does not emulate", () => {
  it("says so", async () => {
    expect(() => createPagesEventContext({ request: new Request("http://x/") })).toThrow(
      "Cannot call `createPagesEventContext()` without defining `ASSETS` service binding",
    );
    await expect(applyD1Migrations({} as any, [])).rejects.toThrow(
      "dotest does not support D1 databases yet, so applyD1Migrations() cannot run.",
    );
    await expect((introspectWorkflow as any)({})).rejects.toThrow(
      "dotest does not support Workflows yet, so introspectWorkflow() cannot run.",
    );
  });
});
