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
  systemClock,
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
export { formatRfc3339Seconds, type EventPatch } from './event-log.js';
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
export { EventNameGenerator, isDnsSubdomain } from './event-name.js';
export { cutToDeadline, type FlushOptions, type FlushResult, type WriteOutcome, type WriteOutcomeKind } from './outcomes.js';
export { InvalidEventError, type InvalidEventCode } from './errors.js';
export { createConsoleLogger, silentLogger } from './logger.js';
export { formatEventLine, goSyntaxReference } from './logging.js';
export { DEFAULT_EVENT_NAMESPACE, type EventRecorder } from './recorder.js';
export { getReference } from './reference.js';
export { InvalidArgumentError } from './argument-error.js';
export { MESSAGE_LENGTH_LIMIT, MESSAGE_TRUNCATION_SUFFIX } from './message-limit.js';
export { TOTAL_ANNOTATION_SIZE_LIMIT } from './annotations.js';
export { DROP_LOG_WINDOW_MS, DROP_SUMMARY_MESSAGE } from './drop-reporter.js';
export { REJECTED_MESSAGE } from './rejection-log.js';
export { DEFAULT_SLEEP_DURATION_MS, MAX_TRIES_PER_EVENT } from './sink-writer.js';
export { type EventSink, type SinkCallOptions } from './sink.js';
export { realSleep, type Sleep } from './sleep.js';
export {
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  parseRetryAfter,
  RetryPolicy,
  type ClientGoDelay,
  type RetryDecision,
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
