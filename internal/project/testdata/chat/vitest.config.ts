import { defineWorkersConfig } from "@cloudflare/vitest-pool-workers/config";

export default defineWorkersConfig({
	test: {
		include: ["test/**/*.test.ts"],
		testTimeout: 10_000,
		poolOptions: {
			workers: {
				singleWorker: true,
				wrangler: { configPath: "./wrangler.jsonc" },
				miniflare: {
					compatibilityFlags: ["service_binding_extra_handlers"],
					bindings: { TEST_MODE: true },
				},
			},
		},
	},
});
