// A tiny stand-in for the runtime's globalThis.__dotest, enough to run bundles in tests.
for (const name of ["asyncIterator", "dispose", "asyncDispose", "metadata"]) {
  if (!Symbol[name]) Object.defineProperty(Symbol, name, { value: Symbol.for("Symbol." + name) });
}

globalThis.__log = [];
globalThis.console = { log: (...args) => __log.push(args.map(String).join(" ")) };

class DurableObject {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

const modules = {
  vitest: { describe: (name, fn) => fn(), it: (name, fn) => fn() },
  "cloudflare:workers": { DurableObject },
  "cloudflare:test": { env: { GREETING: "hi" } },
  "node:buffer": { Buffer: { from: (s) => "host-buffer:" + s } },
  "node:events": { EventEmitter: class EventEmitter {} },
  "my:host": { env: { GREETING: "from my:host" } },
};

globalThis.__dotest = {
  require(name) {
    const m = modules[name];
    if (!m) throw new Error(`dotest does not provide the module "${name}"`);
    return m;
  },
  setMain(m) {
    this.main = m;
    console.log("setMain", Object.keys(m).sort().join(","));
  },
};
