// Publishes every recording outcome on node:diagnostics_channel. Free when nobody subscribes: each publish
// is guarded by `hasSubscribers`, so the hot path pays one property read.
import { channel } from 'node:diagnostics_channel';
import type { CoreV1Event, EventsV1Event } from '@kubernetes/client-node';
import type { DropCause } from '../shared/drop-cause.js';

/**
 * Channel names, one per outcome. Subscribe with `diagnostics_channel.subscribe(name, fn)`; each message
 * is an {@link EventDiagnostic}.
 *
 * | channel | when |
 * | --- | --- |
 * | `kube-record:event:accepted` | a recorder queued an event |
 * | `kube-record:event:dropped` | an event will not be written; `cause` says why (`status` for rejections) |
 * | `kube-record:event:aggregated` | a sink's correlator folded an event into an aggregate |
 * | `kube-record:event:created` | a sink created an event |
 * | `kube-record:event:patched` | a sink patched an event's count |
 * | `kube-record:event:retried` | a sink's write failed and will be tried again after `delayMs` |
 *
 * @category Observability
 */
export const DIAGNOSTICS_CHANNELS = Object.freeze({
  /** A recorder queued an event. */
  accepted: 'kube-record:event:accepted',
  /** An event will not be written; see `cause`. */
  dropped: 'kube-record:event:dropped',
  /** A sink folded an event into an aggregate. */
  aggregated: 'kube-record:event:aggregated',
  /** A sink created an event. */
  created: 'kube-record:event:created',
  /** A sink patched an event's count. */
  patched: 'kube-record:event:patched',
  /** A sink will try a failed write again. */
  retried: 'kube-record:event:retried',
} as const);

/**
 * An outcome kind: a key of {@link DIAGNOSTICS_CHANNELS}.
 *
 * @category Observability
 */
export type DiagnosticKind = keyof typeof DIAGNOSTICS_CHANNELS;

/**
 * The message published on every kube-record diagnostics channel.
 *
 * @category Observability
 */
export interface EventDiagnostic {
  /** Which event API the event belongs to. Absent means `'core/v1'`. */
  readonly api?: 'core/v1' | 'events.k8s.io/v1';
  /** The event concerned (for drops before a reference could be built: undefined). */
  readonly event: CoreV1Event | EventsV1Event | undefined;
  /** The sink's name, for outcomes inside a sink. */
  readonly sink?: string;
  /** Why it was dropped (`dropped` only). */
  readonly cause?: DropCause;
  /** The HTTP status of a rejection or of a retried failure, when there was one. */
  readonly status?: number;
  /** The attempt that failed (`retried`, `dropped` with `retriesExhausted`). */
  readonly tries?: number;
  /** How long until the next attempt, in ms (`retried` only). */
  readonly delayMs?: number;
}

// Channel objects are process-wide by name in Node; holding them here is a lookup cache, not state.
const channels = {
  accepted: channel(DIAGNOSTICS_CHANNELS.accepted),
  dropped: channel(DIAGNOSTICS_CHANNELS.dropped),
  aggregated: channel(DIAGNOSTICS_CHANNELS.aggregated),
  created: channel(DIAGNOSTICS_CHANNELS.created),
  patched: channel(DIAGNOSTICS_CHANNELS.patched),
  retried: channel(DIAGNOSTICS_CHANNELS.retried),
};

/** Whether anyone listens on `kind`'s channel (lets a caller skip building even the message closure). */
export function hasSubscribers(kind: DiagnosticKind): boolean {
  return channels[kind].hasSubscribers;
}

/** Publishes an outcome if anyone listens; builds the message only then. */
export function publish(kind: DiagnosticKind, message: () => EventDiagnostic): void {
  const ch = channels[kind];
  if (ch.hasSubscribers) ch.publish(message());
}
