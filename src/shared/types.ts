// Shared vocabulary of the recorder: event types, the clock and logger seams, the objects events are about.
import type { CoreV1Event, V1ObjectReference } from '@kubernetes/client-node';

/**
 * The two event types the API server and kubectl know. Anything else is dropped by the recorder.
 *
 * @category Recording
 */
export type EventType = 'Normal' | 'Warning';

/**
 * A source of the current time; injected so tests control every timestamp.
 *
 * @category Recording
 */
export interface Clock {
  /** The current time. */
  now(): Date;
}

/**
 * Structured key/value fields attached to a log line.
 *
 * @category Observability
 */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * The logger kube-record reports through (drops, rejections, retries). Any structured logger with
 * these four methods fits (pino and winston do, via a small adapter for their argument order).
 *
 * @category Observability
 */
export interface Logger {
  /** Detail useful when debugging (e.g. an event skipped by the spam filter). */
  debug(message: string, fields?: LogFields): void;
  /** Normal operation (e.g. `startStructuredLogging` lines). */
  info(message: string, fields?: LogFields): void;
  /** Something was lost or degraded but the process is fine (drops, retries). */
  warn(message: string, fields?: LogFields): void;
  /** An event was definitively not written, or a caller bug. */
  error(message: string, fields?: LogFields): void;
}

/**
 * Who reports the event: `source` of a core/v1 Event (client-go's `EventSource`).
 *
 * @category Recording
 */
export interface EventSource {
  /** The reporting component, e.g. `my-operator`. Becomes `source.component` and `reportingComponent`. */
  readonly component: string;
  /** The host or instance, e.g. the pod or node name. Becomes `source.host` and `reportingInstance`. */
  readonly host?: string | undefined;
}

/**
 * Minimal shape of a Kubernetes object an event can be about.
 *
 * @category Recording
 */
export interface KubernetesObjectLike {
  /** `group/version`, e.g. `v1` or `apps/v1`. */
  apiVersion?: string;
  /** Kind, e.g. `Pod`. */
  kind?: string;
  /** Object metadata; name, namespace, uid and resourceVersion are used. */
  metadata?: {
    /** The object's name (required for an event). */
    name?: string;
    /** The object's namespace; empty for cluster-scoped objects. */
    namespace?: string;
    /** The object's UID. */
    uid?: string;
    /** The object's resourceVersion (copied into the reference, not into event keys). */
    resourceVersion?: string;
  };
}

/**
 * What an event can be about: a Kubernetes object (with `apiVersion`, `kind`, `metadata`) or an
 * `ObjectReference` (the way to give a `fieldPath`, e.g. `spec.containers{web}`).
 *
 * @category Recording
 */
export type EventSubject = KubernetesObjectLike | V1ObjectReference;

/**
 * Annotations to put on a recorded event's metadata.
 *
 * @category Recording
 */
export type EventAnnotations = Readonly<Record<string, string>>;

export type { CoreV1Event, V1ObjectReference };
