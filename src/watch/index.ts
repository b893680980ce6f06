// Public entry of the generic broadcaster (`kube-record/watch`), apimachinery's watch mux.
/**
 * `kube-record/watch`: the generic bounded broadcaster under the event broadcasters — apimachinery's
 * `watch.Broadcaster` with `'wait'` / `'drop'` modes, and {@link queueOrDrop}, the bounded queue each
 * watcher reads from. Independent of Kubernetes events: it fans out any `T`.
 *
 * @packageDocumentation
 * @module kube-record/watch
 */
export { Broadcaster, DEFAULT_INCOMING_QUEUE_LENGTH, type BroadcasterOptions, type FullChannelBehavior, type WatchOptions } from './broadcaster.js';
export { BroadcasterStoppedError } from './errors.js';
export { queueOrDrop, type QueueOrDropConfig } from './queue-or-drop.js';
export type { Watcher } from './watcher.js';
export { InvalidArgumentError } from './argument-error.js';
