// Public surface of core/v1 recording: broadcaster, recorder, correlator, sinks. What is not listed here
// is internal (tests import it from its own file); api/kube-record.api.md locks this list.
export {
  aggregateByReason,
  aggregateMessage,
  EVENT_KEY_FIELDS,
  eventKeyWithout,
  getEventKey,
  getSpamKey,
  getSpamKeyByReason,
  type EventKeyField,
} from './keys.js';
export {
  DEFAULT_AGGREGATE_INTERVAL_SECONDS,
  DEFAULT_AGGREGATE_MAX_EVENTS,
  DEFAULT_LRU_CACHE_SIZE,
  DEFAULT_SPAM_BURST,
  DEFAULT_SPAM_QPS,
  type CorrelatorOptions,
  type EventAggregatorKeyFunc,
  type EventAggregatorMessageFunc,
  type EventKeyFunc,
  type EventSpamKeyFunc,
  type ResolvedCorrelatorOptions,
} from './correlator-options.js';
export { EventCorrelator, type CorrelateResult } from './correlator.js';
export { CoreV1EventSink } from './core-v1-sink.js';
export type { EventPatch } from './event-log.js';
export { EventBroadcaster, type EventBroadcasterOptions, type ShutdownResult, type SinkHandle, type SinkOptions } from './event-broadcaster.js';
export type { EventRecorder } from './recorder.js';
export { DEFAULT_SLEEP_DURATION_MS } from './sink-writer.js';
export type { EventSink } from './sink.js';
export type { EventBroadcasterStats, SinkStats } from './stats.js';
