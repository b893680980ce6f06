// Public surface of core/v1 recording: broadcaster, recorder, correlator, sinks.
export {
  aggregateByReason,
  aggregateMessage,
  AGGREGATE_MESSAGE_PREFIX,
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
export { formatRfc3339Seconds, type EventPatch } from './event-log.js';
export { EventBroadcaster, type EventBroadcasterOptions, type ShutdownResult, type SinkHandle, type SinkOptions } from './event-broadcaster.js';
export { formatEventLine, goSyntaxReference } from './logging.js';
export { type EventRecorder } from './recorder.js';
export { DEFAULT_SLEEP_DURATION_MS, MAX_TRIES_PER_EVENT } from './sink-writer.js';
export { type EventSink } from './sink.js';
export type { EventBroadcasterStats, SinkStats } from './stats.js';
