// kube-record/testing: test doubles for users' controllers — FakeRecorder and the in-memory API server.
/**
 * `kube-record/testing`: test doubles for controllers that record events — {@link FakeRecorder}
 * (client-go's `record.FakeRecorder`) and {@link startTestApiServer}, an in-memory kube-apiserver that real
 * client-node clients talk to.
 *
 * @packageDocumentation
 * @module kube-record/testing
 */
export { FakeRecorder, type FakeRecorderOptions } from './fake-recorder.js';
export * from './api-server/index.js';
// The recorder types FakeRecorder's signatures use, so this entry point is complete on its own.
export type { EventRecorder } from '../record/recorder.js';
export type { EventAnnotations, EventSubject, EventType, KubernetesObjectLike, LogFields, Logger } from '../shared/types.js';
