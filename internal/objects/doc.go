// Package objects is the Durable Object engine of dotest: namespaces and ids, stubs and RPC,
// instances and their ctx, the input and output gates, alarms, hibernatable WebSockets, and
// the module cloudflare:workers.
//
// # One runtime
//
// The tests of a file, the worker's main module and every object instance share one goja
// runtime, as they share one isolate in workerd: that is what lets a test hold the real
// instance and see `instance instanceof Counter`. An object is a logical queue of events in
// that runtime's one event loop, never a goroutine. Install wires the engine into a
// jsrt.Runtime; everything then runs on the goroutine that owns it.
//
// # Events and gates
//
// Each call, property read, fetch, alarm and test-helper callback for an object is an event
// in the object's FIFO, delivered as a loop task of its own. The engine starts the instance
// on the first event (constructor(ctx, env)); then the event's handler runs, and the
// microtasks it queues (storage awaits, whose promises are already settled) finish in the
// same turn. So a read-modify-write such as `put(k, await get(k) + 1)` cannot interleave
// with another event, as the platform's input gate promises.
//
// blockConcurrencyWhile and storage.transaction open a critical section: while one is open
// no event of the object is delivered. What is not held, here as in workerd: timers, fetch,
// and RPC to other objects, whose completions run as the loop reaches them. Unlike workerd,
// a timer callback or a call back through a function stub is not held while another event
// of the object is in a critical section either: the engine does not know which object a
// timer belongs to.
//
// # Turns and the output gate
//
// A storage write opens the implicit transaction of the turn (a savepoint); after each task
// the engine commits the turn of every object that wrote. An event's outcome is handed to
// its caller in a new task after the turn in which it settled; when the object wrote in that
// turn, after the commit, so no caller sees a write that could still be rolled back. A
// commit that fails (a constraint left violated) resets the object and its caller gets the
// reset error instead.
//
// # Resets
//
// A constructor that throws, a blockConcurrencyWhile callback that rejects (or runs past
// 30 s of real time), ctx.abort(), a failed commit and a critical storage error reset the
// object: its uncommitted writes roll back, its ctx.storage stops working, the events it
// runs and has queued fail with the reason flagged durableObjectReset, stubs that reached
// that instance keep failing with it (as broken stubs do), and the next event through
// another stub starts a new instance. ctx.abort() throws the reason to stop the code that
// called it; workerd's abort cannot be caught, here a catch can run on, but the event fails
// all the same and storage is closed to it.
//
// # Hibernatable WebSockets
//
// ctx.acceptWebSocket takes the server end of a WebSocketPair over from the web platform
// (its webSocket.hibernate hook): what arrives at it becomes a webSocketMessage,
// webSocketClose or webSocketError event in the object's queue, gated like a call, and the
// handler's failure goes to the running test. The sockets, their tags, the auto-response pair
// and the event timeout belong to the Object, not the instance, as workerd's hibernation
// manager outlives the actor: Evict ends the instance and the sockets stay open, so the
// next message constructs a new instance that finds them, their tags and attachments with
// ctx.getWebSockets(). A message equal to the auto-response request is answered without an
// instance. A reset, a deletion, EvictWith(CloseWebSockets) and CloseWebSockets drop them:
// the object hears nothing more of them and their clients get a close. Attachments are
// stored as the structured clone's bytes, in V8's format, so the 16 KiB limit counts what
// workerd counts. A fetch handler's 101 response hands its client end to the caller through
// the web platform's toResponse, which refuses it to a request without "Upgrade:
// websocket". The API for the test helpers and isolation is in websockets.go.
//
// # RPC
//
// A stub sends each call or property read as an event; what crosses is cloned, functions
// and RpcTargets becoming stubs. The receiving side finds the member as the real test runner
// does, since @cloudflare/vitest-pool-workers wraps every Durable Object class and entrypoint
// of the main module: a name the class's prototype chain lacks fails with `The RPC receiver
// does not implement "x".`, or with the long text that explains prototype members when only
// the instance has it (a class field, an arrow function); an own property of a Durable
// Object that shadows its class's method fails with workerd's `... does not implement the
// method "x".`, while an entrypoint gets the class's member. Stubs of RpcTargets, functions
// and plain objects (new RpcStub) follow workerd alone: own properties of plain objects and
// functions, inherited members of RpcTargets, and workerd's text for the rest. A result that
// is an object gets a Symbol.dispose that disposes the stubs within it, as workerd adds one.
// Under the compatibility flag service_binding_extra_handlers an entrypoint stub has
// scheduled(options), which runs the scheduled() handler with a ScheduledController and
// resolves to {outcome, noRetry} once it and its ctx.waitUntil promises settled; a failure
// is that outcome, logged, not a rejection. Without the flag scheduled is RPC, as it is there.
//
// # Differences from workerd that remain
//
//   - A path of several names (`await stub.config.limits.max`) reaches past the first name
//     as workerd does; the test runner's wrapper refuses any name after the first with
//     `The RPC receiver does not implement the method "limits".`.
//   - A class that does not extend DurableObject is refused with workerd's text; the test
//     runner words it "Expected X exported by <main> be a subclass of `DurableObject` for
//     RPC", naming the main module by a path dotest does not know.
//   - The stubs a call's arguments bring stay usable after the call returns; workerd disposes
//     them then, unless the receiver called dup().
//   - A property read pipelined on a result that is not a stub (`stub.getConfig().limits`)
//     reads the caller's copy, which has no Symbol.dispose of its own.
//   - A client whose hibernatable socket the engine drops (a reset, a deletion, an eviction
//     that closes sockets) gets a clean close 1001; workerd disconnects it, which the client
//     sees as 1006 "WebSocket disconnected without sending Close frame.". The web platform
//     offers no way to drop a connection without a close frame.
//   - After hibernation a socket is the same JS object (ws === before holds); the
//     properties code set on it are deleted, as a new instance would get new objects.
//   - ws.send from an object is not held by the output gate: a message sent in a turn whose
//     writes then fail to commit still arrives.
//   - The hibernatable event timeout runs on real time, as the blockConcurrencyWhile
//     deadline does; fake time does not move it.
//   - The WebSocket members of a ctx whose instance was evicted or reset throw
//     "Durable Object storage is no longer accessible.", like its storage.
//   - ctx.abort() does not cancel the timers the instance set.
//   - withEnv replaces env for the callback and, when it returns a promise, until that
//     settles, for all code that runs meanwhile; workerd scopes it to the callback's async
//     context.
//   - With PersistDir, an alarm stored by an earlier run is scheduled when its object first
//     starts, not when the engine does (workerd keeps a namespace-wide alarm index). The
//     name an object was reached by is kept in memory only, so such an alarm wakes an
//     object whose ctx.id has no name.
//   - An RpcPromise is a real promise whose prototype pipelines: typeof is "object" and it
//     cannot be called as a function (the platform's is a callable proxy).
//   - getCurrentBookmark counts in memory per object instead of in _cf_METADATA.
//   - blockConcurrencyWhile refuses to open a 65th critical section while 64 are open, as
//     workerd refuses to nest them deeper; sections opened one after another (several calls
//     in a constructor) count too while they are pending, which workerd may not count.
package objects
