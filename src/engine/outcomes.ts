// What one sink did with one event, as seen by `writes$`, and what `flush()` reports. Shared by the
// core/v1 and the events.k8s.io/v1 broadcasters so that callers handle both the same way.
import type { DropCause } from '../shared/drop-cause.js';

/**
 * The kind of a write outcome.
 * - `'created'`, `'patched'`: written (a patch updates an existing event's count or series).
 * - `'failed'`: definitively not written after reaching the sink (`cause` `'rejected'` with `status`,
 *   `'retriesExhausted'`, or `'requestInvalid'`: the request could not be built, final at once).
 * - `'dropped'`: not written and never sent (`cause` `'spamFiltered'`, `'queueFull'`, `'shutdown'`, …).
 * - `'retried'`: an attempt failed and another follows after `delayMs` (not final).
 *
 * @category Observability
 */
export type WriteOutcomeKind = 'created' | 'patched' | 'failed' | 'dropped' | 'retried';

/**
 * One outcome of one event in one sink, emitted on `writes$`.
 *
 * @category Observability
 */
export interface WriteOutcome<E> {
  /** What happened. */
  readonly kind: WriteOutcomeKind;
  /** The sink's name, as in `stats().sinks`. */
  readonly sink: string;
  /** The event as the sink saw it (after correlation). */
  readonly event: E;
  /** Why it was not written (`failed` and `dropped` only). */
  readonly cause?: DropCause;
  /** The HTTP status of a rejection or of the failed attempt, when there was one. */
  readonly status?: number;
  /** The attempt this outcome follows (1 for the first), when an attempt was made. */
  readonly tries?: number;
  /** How long until the next attempt, in ms (`retried` only). */
  readonly delayMs?: number;
}

/**
 * Options of `flush()`.
 *
 * @category Recording
 */
export interface FlushOptions {
  /**
   * Longest wait, in ms (≥ 0). Default 30 000. `Infinity`: no deadline; above 2^31 − 1 it still works
   * (a chain of timers).
   */
  readonly timeoutMs?: number | undefined;
}

/**
 * What `flush()` reports about the events accepted before the call, counted per sink write (an event
 * recorded to two sinks counts twice).
 *
 * @category Recording
 */
export interface FlushResult {
  /** True when every such event was written or definitively failed before the deadline. */
  readonly completed: boolean;
  /** Writes (creates and patches) that landed during the flush. */
  readonly written: number;
  /** Writes that failed definitively during the flush (rejected, retries exhausted, request invalid). */
  readonly failed: number;
  /** Events given up without a write during the flush (spam-filtered, abandoned at shutdown). */
  readonly dropped: number;
  /** Events still queued or being written at the deadline (0 when `completed`). */
  readonly pending: number;
}

/**
 * During shutdown a retry sleep must fit the deadline: it lasts at most half the time left, so the attempt
 * after it still has time to run. Returns the delay to use, in ms.
 */
export function cutToDeadline(delayMs: number, remainingMs: number): number {
  return Math.max(0, Math.min(delayMs, remainingMs / 2));
}
