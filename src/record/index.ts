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
export { DIAGNOSTICS_CHANNELS, type DiagnosticKind, type EventDiagnostic } from './diagnostics.js';
export { CoreV1EventSink } from './core-v1-sink.js';
export type { EventPatch } from './event-log.js';
export {
  DEFAULT_FLUSH_TIMEOUT_MS,
  DEFAULT_MAX_QUEUED_EVENTS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  EventBroadcaster,
  type EventBroadcasterOptions,
  type ShutdownOptions,
  type ShutdownResult,
  type SinkHandle,
  type SinkOptions,
  type WatchHandle,
} from './event-broadcaster.js';
export type { FlushOptions, FlushResult, WriteOutcome, WriteOutcomeKind } from './outcomes.js';
export { InvalidEventError, type InvalidEventCode } from './errors.js';
export { createConsoleLogger, silentLogger } from './logger.js';
export type { EventRecorder } from './recorder.js';
export { getReference } from './reference.js';
export { DEFAULT_SLEEP_DURATION_MS } from './sink-writer.js';
export type { EventSink, SinkCallOptions } from './sink.js';
export type { Sleep } from './sleep.js';
export {
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  type RetryOptions,
  type RetryPolicyName,
} from './retry-policy.js';
export type { DropCause, DropCounts, EventBroadcasterStats, SinkStats } from './stats.js';
export type {
  Clock,
  CoreV1Event,
  EventAnnotations,
  EventSource,
  EventSubject,
  EventType,
  KubernetesObjectLike,
  LogFields,
  Logger,
  V1ObjectReference,
} from './types.js';
