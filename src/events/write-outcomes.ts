// How a job of the events.k8s.io/v1 writer ends: written, definitively failed, or given up unwritten.
// Each end is counted, published on the diagnostics channels, offered to `writes$`, logged, and settled
// once in the queue (for flush()).
import { publish } from '../engine/diagnostics.js';
import type { DropReporter } from '../engine/drop-reporter.js';
import type { Settlement } from '../engine/flush-tracker.js';
import type { WriteOutcome } from '../engine/outcomes.js';
import { reportRejection } from '../engine/rejection-log.js';
import type { Logger } from '../shared/types.js';
import { toMicroTime } from './micro-time.js';
import type { SeriesEntry, SeriesState } from './series-cache.js';
import type { EventsV1Counters } from './stats.js';
import type { EventsV1Event } from './types.js';
import type { Attempt } from './write-attempt.js';
import { eventOf, seriesOf, type Ticket } from './write-job.js';

/** The `api` of every diagnostics message this path publishes. */
export const API = 'events.k8s.io/v1' as const;

/** What the outcomes need from the writer's broadcaster. */
export interface WriteOutcomesContext {
  /** The sink's name in diagnostics and `writes$`. */
  readonly sinkName: string;
  readonly counters: EventsV1Counters;
  readonly logger: Logger;
  readonly drops: DropReporter;
  /** A finish PATCH is over; `done` when written or rejected (not worth retrying). */
  readonly onFinished: (entry: SeriesEntry, count: number, done: boolean) => void;
  /** Hands a write outcome to `writes$`; `build` is only called when someone observes it. */
  readonly emit: (build: () => WriteOutcome<EventsV1Event>) => void;
  /** Counts a job's end once in the queue (`WriteQueue.settle`). */
  readonly settle: (ticket: Ticket, how: Settlement) => void;
}

/** Reports and settles the end of each job; see the file header. */
export class WriteOutcomes {
  readonly #ctx: WriteOutcomesContext;

  constructor(ctx: WriteOutcomesContext) {
    this.#ctx = ctx;
  }

  /** The job is written: its create or PATCH landed. */
  written(ticket: Ticket, attempt: Extract<Attempt, { ok: true }>): void {
    const { counters, sinkName } = this.#ctx;
    const { job } = ticket;
    const { op, sent, series } = attempt;
    if (op === 'created') counters.created++;
    else counters.patched++;
    const seen = (): EventsV1Event => (op === 'created' ? sent : shown(sent, series));
    publish(op, () => ({ api: API, event: seen(), sink: sinkName }));
    this.#ctx.emit(() => ({ kind: op, sink: sinkName, event: seen() }));
    if (job.kind === 'heartbeat') counters.series.heartbeats++;
    else if (job.kind === 'finish') counters.series.finished++;
    else if (job.kind === 'flush') counters.series.flushed++;
    if (job.kind === 'finish') this.#ctx.onFinished(job.entry, series?.count ?? 0, true);
    this.#ctx.settle(ticket, 'written');
  }

  /** Nothing to write (a final count the server has already confirmed): settled as written, reported nowhere. */
  settleUnwritten(ticket: Ticket): void {
    this.#ctx.settle(ticket, 'written');
  }

  /**
   * Definitively not written after reaching the sink: rejected by the server, its tries are spent, or its
   * request could not be built (`requestInvalid`, final at the first try).
   */
  failed(
    ticket: Ticket,
    series: SeriesState | undefined,
    cause: 'rejected' | 'retriesExhausted' | 'requestInvalid',
    tries: number,
    status: number | undefined,
    error: unknown,
  ): void {
    const { counters, logger, sinkName } = this.#ctx;
    const { job } = ticket;
    const event = eventOf(job);
    const statusField = status === undefined ? {} : { status };
    this.#ctx.emit(() => ({ kind: 'failed', sink: sinkName, event: shown(event, series), cause, tries, ...statusField }));
    if (job.kind === 'create' || job.kind === 'startSeries') {
      if (cause === 'rejected') {
        counters.dropped.rejected++;
        counters.rejectStatus(status ?? 0);
        publish('dropped', () => ({ api: API, event, sink: sinkName, cause, status: status ?? 0 }));
        this.#logRejection(event, series, status ?? 0, error);
      } else if (cause === 'requestInvalid') {
        counters.dropped.requestInvalid++;
        publish('dropped', () => ({ api: API, event, sink: sinkName, cause, tries }));
        logger.error('Unable to construct event (will not retry!)', { ...describe(event, series), tries, error: errorText(error) });
      } else {
        counters.dropped.retriesExhausted++;
        publish('dropped', () => ({ api: API, event, sink: sinkName, cause, tries, ...statusField }));
        logger.error('Unable to write event (retry limit exceeded!)', { ...describe(event, series), tries, error: errorText(error) });
      }
    } else {
      // A series PATCH loses no occurrence of its own: counted apart (series.failedWrites), not as a drop.
      counters.series.failedWrites++;
      if (status !== undefined) counters.rejectStatus(status);
      logger.warn(`Unable to write event series (${job.kind})`, { ...describe(event, series), status, error: errorText(error) });
      // Rejected or unbuildable: writing it again would fail the same way.
      if (job.kind === 'finish') this.#ctx.onFinished(job.entry, series?.count ?? 0, cause !== 'retriesExhausted');
    }
    this.#ctx.settle(ticket, 'failed');
  }

  /**
   * A job given up without being written: dropped because the queue was full, discarded or cut short by
   * shutdown (no retry after it with `'client-go'`, or the deadline came).
   */
  lost(ticket: Ticket, cause: 'queueFull' | 'shutdown', error?: unknown): void {
    if (ticket.settled) return;
    const { counters, drops, logger, sinkName } = this.#ctx;
    const { job } = ticket;
    const event = eventOf(job);
    const series = seriesOf(job);
    this.#ctx.emit(() => ({ kind: 'dropped', sink: sinkName, event: shown(event, series), cause }));
    if (job.kind === 'create' || job.kind === 'startSeries') {
      counters.dropped[cause]++;
      publish('dropped', () => ({ api: API, event, sink: sinkName, cause }));
      if (ticket.started) {
        logger.error('Unable to write event (broadcaster is shut down)', { ...describe(event, series), error: error === undefined ? undefined : errorText(error) });
      } else {
        const message = cause === 'queueFull' ? 'sink queue full, dropped event' : 'dropped queued event: broadcaster shut down';
        drops.report(logger, cause, message, describe(event, undefined));
      }
    } else {
      counters.series.failedWrites++;
      if (job.kind === 'finish') this.#ctx.onFinished(job.entry, job.entry.series?.count ?? 0, false);
      drops.report(logger, cause, `dropped series ${job.kind}: ${cause === 'queueFull' ? 'sink queue full' : 'broadcaster shut down'}`, describe(event, series));
    }
    this.#ctx.settle(ticket, 'dropped');
  }

  #logRejection(event: EventsV1Event, series: SeriesState | undefined, status: number, error: unknown): void {
    reportRejection(this.#ctx.drops, this.#ctx.logger, describe(event, series), status, error);
  }
}

/** The Event as the server holds it after a series write: the first occurrence with the series. */
export function shown(event: EventsV1Event, series: SeriesState | undefined): EventsV1Event {
  return series ? { ...event, series: { count: series.count, lastObservedTime: toMicroTime(series.lastObservedTime) } } : event;
}

/** The log fields that identify an event (and its series count, when it has one). */
export function describe(event: EventsV1Event, series: SeriesState | undefined): Record<string, unknown> {
  const r = event.regarding;
  const fields: Record<string, unknown> = {
    event: event.metadata?.name,
    namespace: event.metadata?.namespace,
    object: r?.namespace ? `${r.namespace}/${r.name ?? ''}` : r?.name,
    kind: r?.kind,
    type: event.type,
    reason: event.reason,
    action: event.action,
  };
  if (series) fields['count'] = series.count;
  return fields;
}

/** An error's message, for a log line. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
