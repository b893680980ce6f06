// kube-record/testing: test doubles for users' controllers.
export { FakeRecorder, type FakeRecorderOptions } from './fake-recorder.js';
