// The series maintenance writes of the events.k8s.io/v1 writer: heartbeat, finish and final-count PATCHes
// with a series' latest state (client-go refreshExistingEventSeries and finishSeries; final counts are ours).
import { isRequestConstructionError } from '../engine/request-construction.js';
import type { RetryPolicy } from '../engine/retry-policy.js';
import type { RetryLoop } from './retry-loop.js';
import type { SeriesEntry, SeriesState } from './series-cache.js';
import type { EventsV1Sink } from './sink.js';
import { attemptWrite } from './write-attempt.js';
import type { SeriesMaintenance, Ticket } from './write-job.js';
import type { WriteLifecycle } from './write-lifecycle.js';
import type { WriteOutcomes } from './write-outcomes.js';

/** What a series maintenance write uses. */
export interface SeriesWriteParts {
  readonly sink: EventsV1Sink;
  readonly retryPolicy: RetryPolicy;
  readonly lifecycle: WriteLifecycle;
  readonly outcomes: WriteOutcomes;
  readonly retries: RetryLoop;
}

/**
 * Heartbeat, finish and flush: the series' latest state. Heartbeat and finish get one attempt (client-go:
 * no retry loop; the next tick writes again). A flush writes a final count nobody will write later, so
 * under `'server-aware'` it goes through the retry loop. Settles the ticket; never rejects.
 */
export async function writeSeriesMaintenance(parts: SeriesWriteParts, ticket: Ticket, kind: SeriesMaintenance, entry: SeriesEntry): Promise<void> {
  const { outcomes } = parts;
  const series = entry.series;
  // A flush only writes what the server has not confirmed yet; heartbeat and finish always write.
  if (!series || (kind === 'flush' && series.count <= entry.writtenCount)) return outcomes.settleUnwritten(ticket);
  const snapshot: SeriesState = { count: series.count, lastObservedTime: series.lastObservedTime };
  if (kind === 'flush' && parts.retryPolicy.name === 'server-aware') return parts.retries.write(ticket, entry.event, snapshot, entry);
  const attempt = await attemptWrite(parts.sink, parts.lifecycle, ticket, entry.event, snapshot, entry);
  if (ticket.settled) return;
  if (attempt.ok) return outcomes.written(ticket, attempt);
  const retryable = attempt.alreadyExists || parts.retryPolicy.retryable(attempt.error);
  const cause = isRequestConstructionError(attempt.error) ? 'requestInvalid' : retryable ? 'retriesExhausted' : 'rejected';
  outcomes.failed(ticket, snapshot, cause, 1, attempt.status, attempt.error);
}
