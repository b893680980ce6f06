// The retry loop of the events.k8s.io/v1 writer (client-go attemptRecording): up to 12 tries of a create,
// a series start or a final count, waiting between them as the retry policy says and as shutdown allows.
import { publish } from '../engine/diagnostics.js';
import type { WriteOutcome } from '../engine/outcomes.js';
import type { RetryDecision, RetryPolicy } from '../engine/retry-policy.js';
import type { Logger } from '../shared/types.js';
import type { SeriesEntry, SeriesState } from './series-cache.js';
import type { EventsV1Sink } from './sink.js';
import type { EventsV1Counters } from './stats.js';
import type { EventsV1Event } from './types.js';
import { attemptWrite } from './write-attempt.js';
import type { Ticket } from './write-job.js';
import type { WriteLifecycle } from './write-lifecycle.js';
import { API, describe, errorText, shown, type WriteOutcomes } from './write-outcomes.js';

/** Total write attempts per occurrence (client-go `maxTriesPerEvent`): at most 11 sleeps between them. */
export const MAX_TRIES_PER_EVENT = 12;
/** Base delay between attempts (client-go `defaultSleepDuration`), in ms. */
export const DEFAULT_SLEEP_DURATION_MS = 10_000;
/** Jitter factor of every retry delay, as `wait.Jitter(d, 0.25)`: the delay is d to 1.25 × d. */
export const RETRY_JITTER_FACTOR = 0.25;

/**
 * tools/events' delay between attempts, `wait.Jitter(d, 0.25)`: every delay (not only the first, as in
 * tools/record) is `d + random() × 0.25 × d`.
 */
export function toolsEventsDelay(sleepDurationMs: number, random: () => number): () => number {
  return () => sleepDurationMs + random() * RETRY_JITTER_FACTOR * sleepDurationMs;
}

/** What the retry loop needs from the writer's broadcaster. */
export interface RetryLoopContext {
  readonly sink: EventsV1Sink;
  /** The sink's name in diagnostics and `writes$`. */
  readonly sinkName: string;
  readonly counters: EventsV1Counters;
  readonly logger: Logger;
  readonly retryPolicy: RetryPolicy;
  /** Hands a write outcome to `writes$`; `build` is only called when someone observes it. */
  readonly emit: (build: () => WriteOutcome<EventsV1Event>) => void;
}

/** Writes one job with retries; see the file header. */
export class RetryLoop {
  readonly #ctx: RetryLoopContext;
  readonly #lifecycle: WriteLifecycle;
  readonly #outcomes: WriteOutcomes;

  constructor(ctx: RetryLoopContext, lifecycle: WriteLifecycle, outcomes: WriteOutcomes) {
    this.#ctx = ctx;
    this.#lifecycle = lifecycle;
    this.#outcomes = outcomes;
  }

  /**
   * The occurrence path (and the final count of a series under `'server-aware'`): up to 12 tries, as the
   * retry policy says. During shutdown `'client-go'` stops retrying, `'server-aware'` cuts every sleep to
   * fit the deadline. Settles the ticket; never rejects.
   */
  async write(ticket: Ticket, event: EventsV1Event, series: SeriesState | undefined, entry: SeriesEntry | undefined): Promise<void> {
    const { sink, counters, retryPolicy, logger, sinkName } = this.#ctx;
    const lifecycle = this.#lifecycle;
    const outcomes = this.#outcomes;
    for (let tries = 1; ; tries++) {
      const attempt = await attemptWrite(sink, lifecycle, ticket, event, series, entry);
      if (ticket.settled) return;
      if (attempt.ok) return outcomes.written(ticket, attempt);
      // AlreadyExists on the create of a series: the first occurrence's create raced the PATCH; retrying
      // PATCHes the now existing Event (client-go does the same, whatever the policy).
      const decision: RetryDecision = attempt.alreadyExists
        ? { retry: true, delayMs: retryPolicy.backoff(tries), status: 409 }
        : retryPolicy.decide(attempt.error, tries);
      if (!decision.retry) return outcomes.failed(ticket, series, decision.cause, tries, decision.status, attempt.error);
      if (tries >= MAX_TRIES_PER_EVENT) return outcomes.failed(ticket, series, 'retriesExhausted', tries, attempt.status, attempt.error);
      const stopping = lifecycle.stopping;
      if (stopping && retryPolicy.name === 'client-go') return outcomes.lost(ticket, 'shutdown', attempt.error);
      const delayMs = stopping ? lifecycle.cut(decision.delayMs) : decision.delayMs;
      counters.retried++;
      const status = decision.status;
      publish('retried', () => ({ api: API, event, sink: sinkName, tries, delayMs, ...(status === undefined ? {} : { status }) }));
      this.#ctx.emit(() => ({ kind: 'retried', sink: sinkName, event: shown(event, series), tries, delayMs, ...(status === undefined ? {} : { status }) }));
      logger.warn('Unable to write event (may retry after sleeping)', {
        ...describe(event, series),
        tries,
        status,
        delayMs: Math.round(delayMs),
        error: errorText(attempt.error),
      });
      const go = await lifecycle.pause(delayMs);
      if (ticket.settled) return;
      if (!go) return outcomes.lost(ticket, 'shutdown', attempt.error);
    }
  }
}
