// Package kv provides Workers KV namespaces: the KvNamespace binding a worker finds in env
// (get, getWithMetadata, put, delete, list and bulk reads), over one SQLite database per
// namespace.
//
// The binding follows workerd's: its argument checks and error texts, the types a value may
// be written as and read back as, and the "KV <OP> failed: <status> <text>" errors through
// which it reports what the KV service refused. The service's side follows Miniflare, which
// the Workers pool runs it on: its limits (512-byte keys, 25 MiB values, 1024 bytes of
// metadata, a TTL of at least 60 s, 1000 keys a list, 100 a bulk read), its texts, keys
// listed in UTF-8 byte order, and a list cursor that is the base64 of the last key listed.
//
// Expirations are judged by the runtime's clock, so a test under fake timers expires a key
// by advancing time. Each namespace is a storage.DB, so isolation frames and reset() cover
// KV writes as they cover Durable Object storage: a Namespace has the PushFrame, PopFrame
// and Clear that the isolation stack asks of a store.
//
// # Differences from the platform
//
//   - Writes are visible at once, everywhere, as in local development; the platform's
//     eventual consistency across locations (up to 60 s) is not modelled, and cacheTtl is
//     checked but has no effect.
//   - A put from a Durable Object does not wait for the object's output gate.
//   - Operations complete synchronously under the returned promise: they take no time, and
//     the per-request operation limits of the platform are not counted.
//   - deleteBulk, a newer RPC method of the binding, is not provided.
//   - With a persist directory, runtimes that use one namespace at the same time contend for
//     its file, which a frame holds locked from a test's first write to its end: the one
//     that cannot lock it fails with ErrBusy. Test files that persist KV must run one at a
//     time.
package kv
