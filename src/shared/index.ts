// Public surface of the vocabulary both event APIs speak: types, loggers, references, names, errors, drop causes.
export { systemClock } from './clock.js';
export {
  DEFAULT_FLUSH_TIMEOUT_MS,
  DEFAULT_MAX_QUEUED_EVENTS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  type ShutdownOptions,
  type WatchHandle,
} from './broadcaster-contract.js';
export { EventNameGenerator, isDnsSubdomain } from './event-name.js';
export { InvalidEventError, type InvalidEventCode } from './errors.js';
export { createConsoleLogger, silentLogger } from './logger.js';
export { DEFAULT_EVENT_NAMESPACE, getReference } from './reference.js';
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
export { withTypeMeta, type KubernetesListLike, type WithTypeMeta } from './type-meta.js';
export { EventQueryError, type EventQueryErrorCode } from './event-query-error.js';
export {
  escapeFieldSelectorValue,
  getFieldSelector,
  getFieldSelectorFor,
  involvedObjectFields,
  type EventSelectorApi,
  type FieldSelectorOptions,
  type InvolvedObjectFields,
} from './field-selector.js';
export { InvalidArgumentError } from '../watch/argument-error.js';
export { MESSAGE_LENGTH_LIMIT, MESSAGE_TRUNCATION_SUFFIX } from './message-limit.js';
export { TOTAL_ANNOTATION_SIZE_LIMIT } from './annotations.js';
