// kube-record: the Kubernetes event recorder for TypeScript. Public surface only: re-exports.
export * from './record/index.js';
export * from './watch/index.js';
export { sprintf } from './format/index.js';
export * from './events/index.js';
