// Package cftest is the module cloudflare:test: what test files import from Cloudflare's
// Workers vitest pool, classic (up to 0.12) and current alike.
//
//   - env (the engine's, the same object cloudflare:workers exports) and SELF, a proxy to the
//     main module's default export: fetch and RPC.
//   - runInDurableObject, runDurableObjectAlarm, listDurableObjectIds, evictDurableObject,
//     evictAllDurableObjects, abortAllDurableObjects and reset, over the engine's test API
//     (objects.Engine), with the pool's argument checks and error texts. A callback runs as an
//     event of its object, inside its gates, and its result comes back by reference; a
//     Response comes back as the object's fetch response would.
//   - createExecutionContext, waitOnExecutionContext, createScheduledController,
//     createMessageBatch, getQueueResult and createPagesEventContext.
//   - fetchMock: undici's MockAgent as the classic pool set it up (deactivated, the network
//     allowed, fresh for each file since each file has its own runtime), in the web platform's
//     chain of fetch handlers, so that it sees the fetches of tests, the worker and objects.
//
// reset() goes through the isolation stack, so a frame that was open before it brings back
// what it deleted; work handed to an ExecutionContext is recorded there with the place that
// handed it, for the message of a test that ends with it pending.
//
// # Where it differs from Cloudflare's pool
//
//   - applyD1Migrations, introspectWorkflow, introspectWorkflowInstance and
//     adminSecretsStore reject with an error that says dotest does not emulate D1,
//     Workflows or the Secrets Store; createPagesEventContext always ends with the missing
//     ASSETS binding error, as dotest serves no assets.
//   - fetchMock has no call history (enableCallHistory, getCallHistory) and no dispatch();
//     assertNoPendingInterceptors prints its list without colours.
//   - A redirect returned by a runInDurableObject callback comes back as it is, as in the
//     current pool; the classic pool followed it.
package cftest
