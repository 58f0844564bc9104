import { DurableObject, WorkerEntrypoint } from "cloudflare:workers";

interface Env {
  COUNTER: DurableObjectNamespace<Counter>;
}

// Counter keeps its count in memory and in storage, and records how its alarm was called.
export class Counter extends DurableObject<Env> {
  count = 0;
  rearm = false;
  failAlarm = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.count = (await ctx.storage.get<number>("count")) ?? 0;
    });
  }

  async increment(by = 1): Promise<number> {
    this.count += by;
    await this.ctx.storage.put("count", this.count);
    return this.count;
  }

  async scheduleIn(ms: number): Promise<void> {
    await this.ctx.storage.setAlarm(Date.now() + ms);
  }

  async alarm(...args: unknown[]): Promise<void> {
    const seen = (await this.ctx.storage.get<unknown[]>("alarms")) ?? [];
    seen.push({ args: args.length, alarmDuringRun: await this.ctx.storage.getAlarm() });
    await this.ctx.storage.put("alarms", seen);
    if (this.rearm) await this.ctx.storage.setAlarm(Date.now() + 1000);
    if (this.failAlarm) throw new Error("the alarm failed");
  }

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/outbound") return fetch("https://api.example.com/from-object");
    return new Response(String(await this.increment()));
  }
}

export default class extends WorkerEntrypoint<Env> {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/outbound") return fetch("https://api.example.com/from-worker?b=2&a=1");
    if (url.pathname === "/object-outbound") return this.env.COUNTER.getByName("o").fetch("http://do/outbound");
    if (url.pathname === "/later") {
      this.ctx.waitUntil(new Promise((resolve) => setTimeout(resolve, 1000)));
      return new Response("later");
    }
    return this.env.COUNTER.getByName(url.pathname).fetch(request);
  }

  sum(a: number, b: number): number {
    return a + b;
  }
}
