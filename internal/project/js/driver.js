// Resolves the default export of a bundled vitest configuration (a config, a promise of
// one, or a function returning either) and describes it as JSON for dotest: the test
// options, the Workers pool options of either form, and the inline projects.
//
// This file is one async function expression, called with the module namespace of the
// configuration and whether its projects should be described too.
(async function (exported, withProjects) {
  "use strict";
  const dt = globalThis.__dotest;
  const configEnv = { mode: "test", command: "serve", isSsrBuild: false, isPreview: false };

  async function resolveConfig(config) {
    config = await config;
    if (typeof config === "function") config = await config(configEnv);
    return config ?? {};
  }

  // flattenPlugins resolves the nested arrays and promises that Vite allows in plugins.
  async function flattenPlugins(list, out) {
    for (let p of Array.isArray(list) ? list : [list]) {
      p = await p;
      if (Array.isArray(p)) await flattenPlugins(p, out);
      else if (p) out.push(p);
    }
    return out;
  }

  // poolOptions resolves options given as a function of { inject }.
  async function poolOptions(options) {
    options = await options;
    if (typeof options === "function") options = await options({ inject: dt.inject });
    return options ?? {};
  }

  // plain turns a value into JSON-safe data; what JSON cannot hold becomes a marker that
  // dotest can name in a warning.
  function plain(v, seen) {
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
    if (typeof v === "undefined" || typeof v === "symbol") return undefined;
    if (typeof v === "bigint") return String(v);
    if (typeof v === "function") return { $function: v.name || "anonymous" };
    if (v instanceof RegExp) return { $regexp: String(v) };
    if (v instanceof Date) return v.toISOString();
    if (seen.includes(v)) return { $cycle: true };
    seen = seen.concat([v]);
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : plain(x, seen)));
    const out = {};
    for (const key of Object.keys(v)) {
      const x = plain(v[key], seen);
      if (x !== undefined) out[key] = x;
    }
    return out;
  }

  async function describeConfig(config) {
    const test = config.test ?? {};
    const plugins = await flattenPlugins(config.plugins ?? [], []);

    let current;
    const otherPlugins = [];
    for (const p of plugins) {
      if (p[dt.CURRENT] !== undefined) current = p[dt.CURRENT];
      else otherPlugins.push(String(p[dt.IGNORED] ?? p.name ?? "an unnamed plugin"));
    }
    if (test.pool && typeof test.pool === "object" && test.pool[dt.CURRENT] !== undefined) {
      current = test.pool[dt.CURRENT];
    }

    const workers = test.poolOptions ? test.poolOptions.workers : undefined;
    const classic =
      workers !== undefined || config[dt.CLASSIC] === true || test.pool === "@cloudflare/vitest-pool-workers";
    const otherPools = test.poolOptions ? Object.keys(test.poolOptions).filter((k) => k !== "workers") : [];
    const testRest = Object.assign({}, test);
    delete testRest.poolOptions;
    delete testRest.projects;
    delete testRest.workspace;
    if (typeof testRest.pool !== "string") delete testRest.pool;

    return {
      keys: Object.keys(config),
      test: plain(testRest, []),
      plugins: otherPlugins,
      classic,
      classicOptions: workers !== undefined ? plain(await poolOptions(workers), []) : undefined,
      currentOptions: current !== undefined ? plain(await poolOptions(current), []) : undefined,
      otherPools,
    };
  }

  async function describeProjects(root, list) {
    const base = Object.assign({}, root);
    base.test = Object.assign({}, root.test);
    delete base.test.projects;
    delete base.test.workspace;

    const out = [];
    for (let entry of list) {
      entry = await entry;
      if (typeof entry === "string") {
        out.push({ path: entry });
        continue;
      }
      let project = await resolveConfig(entry);
      let extendsPath;
      if (project.extends === true) project = dt.mergeConfig(base, Object.assign({}, project, { extends: undefined }));
      else if (typeof project.extends === "string") extendsPath = project.extends;
      const described = await describeConfig(project);
      described.name = project.test?.name ?? project.name;
      described.extends = extendsPath;
      described.dir = project.root ?? project.test?.root;
      out.push({ config: described });
    }
    return out;
  }

  if (exported.default === undefined) {
    throw new Error("dotest: the vitest configuration has no default export");
  }
  const root = await resolveConfig(exported.default);
  if (typeof root !== "object" || root === null) {
    throw new Error("dotest: the default export of the vitest configuration is " + typeof root + ", not an object");
  }

  const result = {};
  // A workspace file exports the list of projects itself.
  if (Array.isArray(root)) result.projects = await describeProjects({}, root);
  else result.root = await describeConfig(root);
  if (!Array.isArray(root) && withProjects) {
    const list = root.test?.projects ?? root.test?.workspace;
    if (Array.isArray(list)) result.projects = await describeProjects(root, list);
  }
  result.records = dt.records;
  return JSON.stringify(result);
});
