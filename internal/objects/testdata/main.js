// The main module of the engine's tests: classes that exercise each part of the API.
class MyErr extends Error {
  constructor(m) {
    super(m);
    this.name = "MyErr";
  }
}
class Thing {
  constructor() {
    this.x = 1;
  }
}
class Target extends RpcTarget {
  constructor(v) {
    super();
    this.v = v;
  }
  get val() {
    return this.v;
  }
  inc() {
    return ++this.v;
  }
  clone() {
    return new Target(this.v);
  }
  get nothing() {
    return undefined;
  }
}

let ctorFailures = 0;

class Obj extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.n = 0;
    this.own = 5;
    this.ownFn = () => 1;
    this.shadowed = () => "instance";
    this.log = [];
    if (ctx.id.name === "ctor-fails" && ctorFailures++ === 0) throw new TypeError("constructor failed");
    if (ctx.id.name === "proxied") {
      // A class may return a Proxy of its instance; its members then run on the Proxy.
      return new Proxy(this, {
        get: (target, key, receiver) => {
          const v = Reflect.get(target, key, receiver);
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
    }
    if (ctx.id.name === "ctor-blocks") {
      ctx.blockConcurrencyWhile(async () => {
        this.loaded = (await ctx.storage.get("loaded")) ?? "fresh";
        await new Promise((r) => setTimeout(r, 10));
        this.loaded += "+slept";
      });
    }
  }
  get prop() {
    return 42;
  }
  get undef() {
    return undefined;
  }
  get conf() {
    return { a: { b() { return 1; } }, n: 2 };
  }
  shadowed() {
    return "prototype";
  }
  #secret = "private";
  secret() {
    return this.#secret;
  }
  record(v) {
    this.log.push(v);
  }
  getLog() {
    return this.log;
  }
  withTarget() {
    return { t: new Target(1), list: [new Target(2)] };
  }
  static stat() {
    return 1;
  }
  ping() {
    return ++this.n;
  }
  echo(...args) {
    return args;
  }
  async inc() {
    const v = (await this.ctx.storage.get("count")) ?? 0;
    await this.ctx.storage.put("count", v + 1);
    return v + 1;
  }
  boom() {
    throw new MyErr("bad thing");
  }
  async range() {
    throw new RangeError("r");
  }
  throwStr() {
    throw "str";
  }
  throwObj() {
    throw { message: "obj" };
  }
  thing() {
    return new Thing();
  }
  fn() {
    return (x) => x * 2;
  }
  target() {
    return new Target(10);
  }
  async callBack(f) {
    return await f(21);
  }
  nested() {
    return { a: { b() { return 1; } }, list: [1, 2] };
  }
  idInfo() {
    return [String(this.ctx.id), this.ctx.id.name ?? null];
  }
  loadedValue() {
    return this.loaded;
  }
  abort(reason) {
    if (reason === undefined) this.ctx.abort();
    else this.ctx.abort(reason);
    return "never";
  }
  bcwFails() {
    this.ctx.blockConcurrencyWhile(async () => {
      throw new TypeError("bcw fail");
    });
    return "after";
  }
  async bcwAwaitFails() {
    await this.ctx.blockConcurrencyWhile(async () => {
      throw new Error("bcw fail");
    });
    return "never";
  }
  async bcwSlow(ms) {
    this.log = [];
    await this.ctx.blockConcurrencyWhile(async () => {
      this.log.push("start");
      await new Promise((r) => setTimeout(r, ms));
      this.log.push("end");
    });
    return "slow done";
  }
  logAndPing() {
    this.log.push("ping");
    return this.log.slice();
  }
  async sleepThenPing(ms) {
    await new Promise((r) => setTimeout(r, ms));
    return ++this.n;
  }
  keepStorage() {
    globalThis.keptStorage = this.ctx.storage;
    return true;
  }
  async fetch(req) {
    if (req.url.endsWith("/throw")) throw new RangeError("fetch threw");
    if (req.url.endsWith("/bad")) return "not a response";
    return Response.json({ url: req.url, method: req.method, cf: req.cf ?? null, h: req.headers.get("x-a") });
  }
  async alarm(info) {
    const log = (await this.ctx.storage.get("alarms")) ?? [];
    log.push(info === undefined ? "manual" : [info.retryCount, info.isRetry, info.scheduledTime, Date.now()]);
    await this.ctx.storage.put("alarms", log);
    const fail = (await this.ctx.storage.get("failAlarm")) ?? 0;
    if (fail > 0) {
      await this.ctx.storage.put("failAlarm", fail - 1);
      throw new Error("alarm failed");
    }
    const again = await this.ctx.storage.get("rearm");
    if (again) {
      await this.ctx.storage.delete("rearm");
      await this.ctx.storage.setAlarm(Date.now() + again);
    }
  }
}

class KVObj extends DurableObject {
  async run(src) {
    return await new Function("ctx", "storage", `return (async () => { ${src} })()`)(this.ctx, this.ctx.storage);
  }
}

class Plain {
  constructor(ctx, env) {
    this.ctx = ctx;
  }
  hi() {
    return 1;
  }
  async fetch() {
    return new Response("plain");
  }
}

class Base extends WorkerEntrypoint {
  sup() {
    return "super";
  }
}

class Named extends Base {
  instanceProp = 1;
  instanceFn = () => 1;
  constructor(ctx, env) {
    super(ctx, env);
    this.shadowed = () => "instance";
  }
  shadowed() {
    return "prototype";
  }
  counter(v) {
    return new Target(v);
  }
  async record(name, n) {
    const s = env.NS.getByName(name);
    const calls = [];
    for (let i = 0; i < n; i++) calls.push(s.record(i));
    await Promise.all(calls);
    return s.getLog();
  }
  add(a, b) {
    return a + b;
  }
  get p() {
    return 3;
  }
  async fetch(req) {
    return new Response("named " + JSON.stringify(this.ctx.props));
  }
}

const worker = {
  async fetch(req, env, ctx) {
    if (req.url.endsWith("/throw")) throw new TypeError("worker threw");
    return new Response("worker " + req.method + " " + (typeof env.NS) + " " + JSON.stringify(req.cf ?? null));
  },
};

const handlers = {
  async fetch(req) {
    return new Response("handlers " + req.method);
  },
};

__dotest.setMain({ Obj, KVObj, Plain, Named, handlers, version: "1", default: worker });
