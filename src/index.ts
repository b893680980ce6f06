// kube-record: the Kubernetes event recorder for TypeScript. Public surface only: re-exports.
export * from './shared/index.js';
export * from './engine/index.js';
export * from './record/index.js';
export * from './watch/index.js';
export { sprintf } from './format/index.js';
export * from './events/index.js';
export * from './unified/index.js';
