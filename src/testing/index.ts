// kube-record/testing: test doubles for users' controllers — FakeRecorder and the in-memory API server.
export { FakeRecorder, type FakeRecorderOptions } from './fake-recorder.js';
export * from './api-server/index.js';
