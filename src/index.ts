// kube-record: the Kubernetes event recorder for TypeScript. Public surface only: re-exports.
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
export * from './record/index.js';
export * from './events/index.js';
