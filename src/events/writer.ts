// The write path to the sink (client-go attemptRecording + recordEvent): one bounded queue, one write at a
// time, occurrences retried 12 times with jittered sleeps, series maintenance written once.
import { Subject, type Subscription } from 'rxjs';
import type { DropReporter } from '../record/drop-reporter.js';
import { statusBodyOf, statusOf } from '../record/sink.js';
import type { Sleep } from '../record/sleep.js';
import type { Logger } from '../record/types.js';
import { queueOrDrop } from '../watch/queue-or-drop.js';
import { formatMicroTime, toMicroTime } from './micro-time.js';
import type { SeriesEntry, SeriesState } from './series-cache.js';
import type { EventsV1Sink } from './sink.js';
import type { EventsV1Counters } from './stats.js';
import type { EventsV1Event, EventsV1SeriesPatch } from './types.js';

/** Total write attempts per occurrence (client-go `maxTriesPerEvent`): at most 11 sleeps between them. */
export const MAX_TRIES_PER_EVENT = 12;
/** Base delay between attempts (client-go `defaultSleepDuration`), in ms. */
export const DEFAULT_SLEEP_DURATION_MS = 10_000;
/** Jitter factor of every retry delay, as `wait.Jitter(d, 0.25)`: the delay is d to 1.25 × d. */
export const RETRY_JITTER_FACTOR = 0.25;

/** Why a series PATCH is written outside the occurrence path. */
export type SeriesMaintenance = 'heartbeat' | 'finish' | 'flush';

/** One unit of work for the sink. */
export type WriteJob =
  /** An occurrence to create (first occurrence, or every occurrence with `series: false`). */
  | { readonly kind: 'create'; readonly event: EventsV1Event }
  /** The second occurrence: PATCH `series` with the snapshot taken when it happened. */
  | { readonly kind: 'startSeries'; readonly entry: SeriesEntry; readonly snapshot: SeriesState }
  /** A heartbeat, finish or flush PATCH with the series' latest state, one attempt. */
  | { readonly kind: SeriesMaintenance; readonly entry: SeriesEntry };

/** What the writer needs from its broadcaster. */
export interface WriterContext {
  readonly sink: EventsV1Sink;
  readonly counters: EventsV1Counters;
  readonly logger: Logger;
  readonly drops: DropReporter;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly sleepDurationMs: number;
  /** Capacity of the write queue, in jobs. */
  readonly capacity: number;
  /** Aborted by shutdown: no retry after it, a retry sleep ends at once. */
  readonly signal: AbortSignal;
  /** A finish PATCH is over; `done` when written or rejected (not worth retrying). */
  readonly onFinished: (entry: SeriesEntry, count: number, done: boolean) => void;
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly retry: boolean; readonly error: unknown; readonly status?: number };

/** Writes jobs to the sink strictly one at a time, in the order they were queued. */
export class EventsV1Writer {
  readonly #ctx: WriterContext;
  readonly #input = new Subject<WriteJob>();
  readonly #subscription: Subscription;
  readonly #done: Promise<void>;
  readonly #resolveDone: () => void;
  #queued = 0;

  constructor(ctx: WriterContext) {
    this.#ctx = ctx;
    let resolveDone: () => void = () => undefined;
    this.#done = new Promise<void>((resolve) => (resolveDone = resolve));
    this.#resolveDone = resolveDone;
    this.#subscription = this.#input
      .pipe(
        queueOrDrop<WriteJob, void>({
          capacity: ctx.capacity,
          project: (job) => this.#run(job),
          onDrop: (job) => this.#lost(job, 'queueFull'),
          onDiscard: (job) => this.#lost(job, 'shutdown'),
          onSizeChange: (n) => (this.#queued = n),
        }),
      )
      .subscribe({ complete: resolveDone, error: resolveDone });
  }

  /** Jobs waiting (not counting the one being written). */
  get queued(): number {
    return this.#queued;
  }

  /** Jobs waiting plus the one being written. */
  get pending(): number {
    return this.#queued + this.#ctx.counters.inFlight;
  }

  /** Queues a job; a full queue drops it (counted). */
  enqueue(job: WriteJob): void {
    this.#input.next(job);
  }

  /** No more jobs: the returned promise resolves once every queued job is over. */
  close(): Promise<void> {
    this.#input.complete();
    return this.#done;
  }

  /** Gives up: queued jobs are discarded (counted as `shutdown`), the one in flight is not awaited. */
  abandon(): void {
    this.#subscription.unsubscribe();
    this.#queued = 0;
    this.#resolveDone(); // nobody waits on a promise that can no longer settle by itself
  }

  async #run(job: WriteJob): Promise<void> {
    const { counters } = this.#ctx;
    counters.inFlight++;
    try {
      if (job.kind === 'create') await this.#withRetries(job.event, undefined, undefined);
      else if (job.kind === 'startSeries') await this.#withRetries(job.entry.event, job.snapshot, job.entry);
      else await this.#maintain(job.kind, job.entry);
    } finally {
      counters.inFlight--;
    }
  }

  /** The occurrence path: up to 12 tries, `d + random() × 0.25 × d` apart, none after shutdown. */
  async #withRetries(event: EventsV1Event, series: SeriesState | undefined, entry: SeriesEntry | undefined): Promise<void> {
    const { counters, sleep, random, sleepDurationMs, signal, logger } = this.#ctx;
    for (let tries = 1; ; tries++) {
      const outcome = await this.#attempt(event, series, entry);
      if (outcome.ok) return;
      if (!outcome.retry) return this.#rejected(event, series, outcome);
      if (tries >= MAX_TRIES_PER_EVENT) {
        counters.dropped.retriesExhausted++;
        logger.error('Unable to write event (retry limit exceeded!)', { ...describe(event, series), tries, error: errorText(outcome.error) });
        return;
      }
      if (signal.aborted) return this.#abandoned(event, series, outcome.error);
      const delay = sleepDurationMs + random() * RETRY_JITTER_FACTOR * sleepDurationMs;
      counters.retried++;
      logger.warn('Unable to write event (may retry after sleeping)', {
        ...describe(event, series),
        tries,
        delayMs: Math.round(delay),
        error: errorText(outcome.error),
      });
      await sleep(delay, signal);
      if (signal.aborted) return this.#abandoned(event, series, outcome.error);
    }
  }

  /** Heartbeat, finish and flush: one attempt with the series' latest state (client-go: no retry loop). */
  async #maintain(kind: SeriesMaintenance, entry: SeriesEntry): Promise<void> {
    const { counters, logger } = this.#ctx;
    const series = entry.series;
    if (!series) return;
    const snapshot: SeriesState = { count: series.count, lastObservedTime: series.lastObservedTime };
    // A flush only writes what the server has not confirmed yet; heartbeat and finish always write.
    if (kind === 'flush' && snapshot.count <= entry.writtenCount) return;
    const outcome = await this.#attempt(entry.event, snapshot, entry);
    if (outcome.ok) {
      if (kind === 'heartbeat') counters.series.heartbeats++;
      else if (kind === 'finish') counters.series.finished++;
      else counters.series.flushed++;
    } else {
      counters.series.failedWrites++;
      if (outcome.status !== undefined) counters.rejectStatus(outcome.status);
      logger.warn(`Unable to write event series (${kind})`, { ...describe(entry.event, snapshot), status: outcome.status, error: errorText(outcome.error) });
    }
    if (kind === 'finish') this.#ctx.onFinished(entry, snapshot.count, outcome.ok || !outcome.retry);
  }

  /** One try (client-go recordEvent): PATCH a series, CREATE otherwise or when the PATCH answered 404. */
  async #attempt(event: EventsV1Event, series: SeriesState | undefined, entry: SeriesEntry | undefined): Promise<Outcome> {
    const { sink, counters } = this.#ctx;
    let error: unknown;
    if (series) {
      try {
        await sink.patch(event, seriesPatch(series));
        counters.patched++;
        if (entry) entry.writtenCount = Math.max(entry.writtenCount, series.count);
        return { ok: true };
      } catch (err) {
        error = err;
      }
    }
    if (!series || statusOf(error) === 404) {
      try {
        // The Event is gone (deleted, expired, or its create was lost): create it with its series. A
        // resourceVersion must not be sent on a create.
        await sink.create(forCreate(event, series));
        counters.created++;
        if (entry && series) entry.writtenCount = Math.max(entry.writtenCount, series.count);
        return { ok: true };
      } catch (err) {
        error = err;
      }
    }
    const status = statusOf(error);
    if (status === undefined) return { ok: false, retry: true, error };
    // AlreadyExists on the create of a series: the first occurrence's create raced the PATCH; retrying
    // PATCHes the now existing Event (client-go does the same).
    if (series && status === 409 && isAlreadyExists(error)) return { ok: false, retry: true, error, status };
    return { ok: false, retry: false, error, status };
  }

  #rejected(event: EventsV1Event, series: SeriesState | undefined, outcome: Extract<Outcome, { ok: false }>): void {
    const { counters, logger } = this.#ctx;
    counters.dropped.rejected++;
    const status = outcome.status ?? 0;
    counters.rejectStatus(status);
    const body = statusBodyOf(outcome.error);
    const fields = { ...describe(event, series), status, reason: body?.reason, error: body?.message ?? errorText(outcome.error) };
    // As client-go: AlreadyExists and a terminating namespace are expected, logged quietly.
    const quiet = body?.reason === 'AlreadyExists' || body?.causes?.some((c) => c.reason === 'NamespaceTerminating') === true;
    if (quiet) logger.debug('Server rejected event (will not retry!)', fields);
    else logger.error('Server rejected event (will not retry!)', fields);
  }

  #abandoned(event: EventsV1Event, series: SeriesState | undefined, error: unknown): void {
    this.#ctx.counters.dropped.shutdown++;
    this.#ctx.logger.error('Unable to write event (broadcaster is shut down)', { ...describe(event, series), error: errorText(error) });
  }

  /** A job that never ran: dropped because the queue was full, or discarded at the shutdown deadline. */
  #lost(job: WriteJob, cause: 'queueFull' | 'shutdown'): void {
    const { counters, drops, logger } = this.#ctx;
    if (job.kind === 'create' || job.kind === 'startSeries') {
      counters.dropped[cause]++;
      const event = job.kind === 'create' ? job.event : job.entry.event;
      drops.report(logger, cause, cause === 'queueFull' ? 'sink queue full, dropped event' : 'dropped queued event: broadcaster shut down', describe(event, undefined));
      return;
    }
    counters.series.failedWrites++;
    if (job.kind === 'finish') this.#ctx.onFinished(job.entry, job.entry.series?.count ?? 0, false);
    drops.report(logger, cause, `dropped series ${job.kind}: ${cause === 'queueFull' ? 'sink queue full' : 'broadcaster shut down'}`, describe(job.entry.event, job.entry.series));
  }
}

/** The merge patch body of a series: only `series` (every other field is immutable on events.k8s.io/v1). */
export function seriesPatch(series: SeriesState): EventsV1SeriesPatch {
  return { series: { count: series.count, lastObservedTime: formatMicroTime(series.lastObservedTime) } };
}

function forCreate(event: EventsV1Event, series: SeriesState | undefined): EventsV1Event {
  const metadata = event.metadata;
  let out = event;
  if (metadata?.resourceVersion !== undefined) {
    const { resourceVersion: _dropped, ...rest } = metadata;
    out = { ...out, metadata: rest };
  }
  if (series) out = { ...out, series: { count: series.count, lastObservedTime: toMicroTime(series.lastObservedTime) } };
  return out;
}

function isAlreadyExists(error: unknown): boolean {
  const reason = statusBodyOf(error)?.reason;
  return reason === undefined || reason === 'AlreadyExists';
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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
