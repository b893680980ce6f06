// Public part of the vocabulary both event APIs speak: types, loggers, references, typed errors, drop
// causes, limits and field selectors. What is not listed here is internal.
export {
  DEFAULT_FLUSH_TIMEOUT_MS,
  DEFAULT_MAX_QUEUED_EVENTS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  type ShutdownOptions,
  type WatchHandle,
} from './broadcaster-contract.js';
export { InvalidEventError, type InvalidEventCode } from './errors.js';
export { InvalidArgumentError } from '../watch/argument-error.js';
export { createConsoleLogger, silentLogger } from './logger.js';
export { getReference } from './reference.js';
export { withTypeMeta, type KubernetesListLike, type WithTypeMeta } from './type-meta.js';
export { MESSAGE_LENGTH_LIMIT, MESSAGE_TRUNCATION_SUFFIX } from './message-limit.js';
export { TOTAL_ANNOTATION_SIZE_LIMIT } from './annotations.js';
export { EventQueryError, type EventQueryErrorCode } from './event-query-error.js';
export {
  escapeFieldSelectorValue,
  getFieldSelector,
  getFieldSelectorFor,
  type EventSelectorApi,
  type FieldSelectorOptions,
  type InvolvedObjectFields,
} from './field-selector.js';
export type { DropCause, DropCounts } from './drop-cause.js';
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
export type { EventsApiGroup, UnifiedEventRecorder } from './unified-recorder.js';
