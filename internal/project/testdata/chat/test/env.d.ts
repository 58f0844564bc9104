declare module "cloudflare:test" {
	interface ProvidedEnv extends import("../src/index").Env {}
}
