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
export { systemClock } from '../shared/clock.js';
export { EventCorrelator, type CorrelateResult } from './correlator.js';
export { DIAGNOSTICS_CHANNELS, type DiagnosticKind, type EventDiagnostic } from '../engine/diagnostics.js';
export { CoreV1EventSink } from './core-v1-sink.js';
export { formatRfc3339Seconds, type EventPatch } from './event-log.js';
export {
  DEFAULT_FLUSH_TIMEOUT_MS,
  DEFAULT_MAX_QUEUED_EVENTS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  type ShutdownOptions,
  type WatchHandle,
} from '../shared/broadcaster-contract.js';
export { EventBroadcaster, type EventBroadcasterOptions, type ShutdownResult, type SinkHandle, type SinkOptions } from './event-broadcaster.js';
export { EventNameGenerator, isDnsSubdomain } from '../shared/event-name.js';
export { cutToDeadline, type FlushOptions, type FlushResult, type WriteOutcome, type WriteOutcomeKind } from '../engine/outcomes.js';
export { InvalidEventError, type InvalidEventCode } from '../shared/errors.js';
export { createConsoleLogger, silentLogger } from '../shared/logger.js';
export { formatEventLine, goSyntaxReference } from './logging.js';
export { type EventRecorder } from './recorder.js';
export { DEFAULT_EVENT_NAMESPACE, getReference } from '../shared/reference.js';
export { DEFAULT_SLEEP_DURATION_MS, MAX_TRIES_PER_EVENT } from './sink-writer.js';
export { type EventSink } from './sink.js';
export type { SinkCallOptions } from '../engine/call-options.js';
export { realSleep, type Sleep } from '../engine/sleep.js';
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
} from '../engine/retry-policy.js';
export type { DropCause, DropCounts } from '../shared/drop-cause.js';
export type { EventBroadcasterStats, SinkStats } from './stats.js';
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
} from '../shared/types.js';
