// kube-record: the Kubernetes event recorder for TypeScript. Public surface only: re-exports of each
// folder's curated index (what is not listed there is internal; api/kube-record.api.md locks the list).
/**
 * `kube-record`: the Kubernetes event recorder for TypeScript — client-go's `tools/record` and
 * `tools/events` on `@kubernetes/client-node`. Start with {@link createEventRecorder} (events.k8s.io/v1,
 * core/v1 when the server lacks it) or {@link EventBroadcaster} (core/v1).
 *
 * Other entry points: `kube-record/testing` (FakeRecorder, an in-memory API server),
 * `kube-record/prometheus` (metrics), `kube-record/format` (Go's `fmt.Sprintf`) and `kube-record/watch`
 * (the generic bounded broadcaster).
 *
 * @packageDocumentation
 * @module kube-record
 */
export * from './shared/index.js';
export * from './engine/index.js';
export * from './record/index.js';
export * from './events/index.js';
export * from './unified/index.js';
