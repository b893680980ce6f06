// Public surface of the generic broadcaster (apimachinery's watch mux).
export { Broadcaster, DEFAULT_INCOMING_QUEUE_LENGTH, type BroadcasterOptions, type FullChannelBehavior, type WatchOptions } from './broadcaster.js';
export { BroadcasterStoppedError } from './errors.js';
export { queueOrDrop, type QueueOrDropConfig } from './queue-or-drop.js';
export type { Watcher } from './watcher.js';
