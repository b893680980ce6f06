// The write path to the sink (client-go attemptRecording + recordEvent): one bounded queue, one write at a
// time, occurrences retried per the retry policy, series maintenance written once (final counts retried).
import { Subject, type Subscription } from 'rxjs';
import { publish } from '../record/diagnostics.js';
import type { DropReporter } from '../record/drop-reporter.js';
import { cutToDeadline, type WriteOutcome } from '../record/outcomes.js';
import type { RetryDecision, RetryPolicy } from '../record/retry-policy.js';
import { FlushTracker, type FlushCounts, type Settlement } from '../record/flush-tracker.js';
import { statusBodyOf, statusOf, type SinkCallOptions } from '../record/sink.js';
import type { Sleep } from '../record/sleep.js';
import type { Clock, Logger } from '../record/types.js';
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

/** The `api` of every diagnostics message this path publishes. */
const API = 'events.k8s.io/v1' as const;

/** Why a series PATCH is written outside the occurrence path. */
export type SeriesMaintenance = 'heartbeat' | 'finish' | 'flush';

/** One unit of work for the sink. */
export type WriteJob =
  /** An occurrence to create (first occurrence, or every occurrence with `series: false`). */
  | { readonly kind: 'create'; readonly event: EventsV1Event }
  /** The second occurrence: PATCH `series` with the snapshot taken when it happened. */
  | { readonly kind: 'startSeries'; readonly entry: SeriesEntry; readonly snapshot: SeriesState }
  /** A heartbeat, finish or flush PATCH with the series' latest state. */
  | { readonly kind: SeriesMaintenance; readonly entry: SeriesEntry };

/**
 * tools/events' delay between attempts, `wait.Jitter(d, 0.25)`: every delay (not only the first, as in
 * tools/record) is `d + random() × 0.25 × d`.
 */
export function toolsEventsDelay(sleepDurationMs: number, random: () => number): () => number {
  return () => sleepDurationMs + random() * RETRY_JITTER_FACTOR * sleepDurationMs;
}

/** What the writer needs from its broadcaster. */
export interface WriterContext {
  readonly sink: EventsV1Sink;
  /** The sink's name in diagnostics and `writes$`. */
  readonly sinkName: string;
  readonly counters: EventsV1Counters;
  readonly logger: Logger;
  readonly drops: DropReporter;
  readonly sleep: Sleep;
  /** Measures the shutdown deadline and the part of a retry sleep left when shutdown begins. */
  readonly clock: Clock;
  readonly retryPolicy: RetryPolicy;
  /** Capacity of the write queue, in jobs. */
  readonly capacity: number;
  /** A finish PATCH is over; `done` when written or rejected (not worth retrying). */
  readonly onFinished: (entry: SeriesEntry, count: number, done: boolean) => void;
  /** Hands a write outcome to `writes$`; `build` is only called when someone observes it. */
  readonly emit: (build: () => WriteOutcome<EventsV1Event>) => void;
}

/** One flush in progress on the writer. */
export interface FlushWait {
  /** Resolves when every job queued before the flush has settled. Never rejects. */
  readonly done: Promise<void>;
  /** What those jobs did so far; frozen by `cancel()`. */
  readonly counts: FlushCounts;
  /** Stops counting. */
  cancel(): void;
}

/** A queued job with its place in line, for `flush()`. */
interface Ticket {
  readonly job: WriteJob;
  /** Index in queue order (every job queued gets one, even one dropped because the queue is full). */
  readonly index: number;
  /** A write of it has started (it counts in `inFlight` until settled). */
  started: boolean;
  /** Its outcome is counted: later answers of the sink (after the shutdown deadline) are ignored. */
  settled: boolean;
}

type Attempt =
  | {
      readonly ok: true;
      readonly op: 'created' | 'patched';
      /** The create body, or the Event patched. */
      readonly sent: EventsV1Event;
      /** The series state written, if any. */
      readonly series: SeriesState | undefined;
    }
  | { readonly ok: false; readonly error: unknown; readonly status: number | undefined; readonly alreadyExists: boolean };

/** Writes jobs to the sink strictly one at a time, in the order they were queued. */
export class EventsV1Writer {
  readonly #ctx: WriterContext;
  readonly #input = new Subject<Ticket>();
  readonly #subscription: Subscription;
  readonly #done: Promise<void>;
  readonly #resolveDone: () => void;
  /** Aborted when shutdown begins: sleeps are cut to the deadline ('client-go': no retry at all). */
  readonly #stopping = new AbortController();
  /** Aborted at the shutdown deadline: every sleep ends, what is left is abandoned. */
  readonly #deadline = new AbortController();
  readonly #tracker = new FlushTracker();
  /** Passed to every sink call: the deadline cancels a request still running (no socket outlives shutdown). */
  readonly #callOptions: SinkCallOptions = { signal: this.#deadline.signal };
  #deadlineAt = Number.POSITIVE_INFINITY;
  #queued = 0;
  #current: Ticket | undefined;

  constructor(ctx: WriterContext) {
    this.#ctx = ctx;
    let resolveDone: () => void = () => undefined;
    this.#done = new Promise<void>((resolve) => (resolveDone = resolve));
    this.#resolveDone = resolveDone;
    this.#subscription = this.#input
      .pipe(
        queueOrDrop<Ticket, void>({
          capacity: ctx.capacity,
          project: (ticket) => this.#run(ticket),
          onDrop: (ticket) => this.#lost(ticket, 'queueFull'),
          onDiscard: (ticket) => this.#lost(ticket, 'shutdown'),
          onSizeChange: (n) => (this.#queued = n),
        }),
      )
      .subscribe({ complete: resolveDone, error: resolveDone });
  }

  /** Jobs waiting (not counting the one being written). */
  get queued(): number {
    return this.#queued;
  }

  /** Jobs waiting plus the one being written or waiting to retry. */
  get pending(): number {
    return this.#queued + (this.#current && !this.#current.settled ? 1 : 0);
  }

  /** Queues a job; a full queue drops it (counted). */
  enqueue(job: WriteJob): void {
    this.#input.next({ job, index: this.#tracker.nextIndex(), started: false, settled: false });
  }

  /**
   * Starts waiting for every job queued so far that has not settled (queued, being written or waiting to
   * retry). Jobs queued later are neither waited for nor counted.
   */
  track(): FlushWait {
    return this.#tracker.waitFor(0);
  }

  /**
   * Shutdown began: with `'server-aware'` retries go on with every sleep cut to fit `deadlineAt` (ms since
   * the epoch, on the broadcaster's clock), a sleep in progress included; with `'client-go'` there is no
   * retry after this and a sleep in progress ends at once.
   */
  beginShutdown(deadlineAt: number): void {
    this.#deadlineAt = deadlineAt;
    this.#stopping.abort();
  }

  /** No more jobs: the returned promise resolves once every queued job is over. */
  close(): Promise<void> {
    this.#input.complete();
    return this.#done;
  }

  /**
   * The deadline has come: every sleep ends, the job being written and every queued one are abandoned
   * and counted at once (an answer the sink gives later is ignored). Returns how many jobs were abandoned.
   */
  abandon(): number {
    const abandoned = this.pending;
    this.#deadline.abort();
    const current = this.#current;
    if (current && !current.settled) this.#lost(current, 'shutdown');
    // Unsubscribing discards the queued jobs in order, each through onDiscard.
    this.#subscription.unsubscribe();
    this.#queued = 0;
    this.#resolveDone(); // nobody waits on a promise that can no longer settle by itself
    return abandoned;
  }

  /** Shutdown is over: ends any sleep still running (none when every job finished). Idempotent. */
  stopSleeping(): void {
    this.#deadline.abort();
  }

  async #run(ticket: Ticket): Promise<void> {
    ticket.started = true;
    this.#current = ticket;
    this.#ctx.counters.inFlight++;
    const { job } = ticket;
    if (job.kind === 'create') await this.#withRetries(ticket, job.event, undefined, undefined);
    else if (job.kind === 'startSeries') await this.#withRetries(ticket, job.entry.event, job.snapshot, job.entry);
    else await this.#maintain(ticket, job.kind, job.entry);
    if (this.#current === ticket) this.#current = undefined;
  }

  /**
   * The occurrence path (and the final count of a series under `'server-aware'`): up to 12 tries, as the
   * retry policy says. During shutdown `'client-go'` stops retrying, `'server-aware'` cuts every sleep to
   * fit the deadline.
   */
  async #withRetries(ticket: Ticket, event: EventsV1Event, series: SeriesState | undefined, entry: SeriesEntry | undefined): Promise<void> {
    const { counters, retryPolicy, logger, sinkName } = this.#ctx;
    for (let tries = 1; ; tries++) {
      const attempt = await this.#attempt(ticket, event, series, entry);
      if (ticket.settled) return;
      if (attempt.ok) return this.#written(ticket, attempt);
      // AlreadyExists on the create of a series: the first occurrence's create raced the PATCH; retrying
      // PATCHes the now existing Event (client-go does the same, whatever the policy).
      const decision: RetryDecision = attempt.alreadyExists
        ? { retry: true, delayMs: retryPolicy.backoff(tries), status: 409 }
        : retryPolicy.decide(attempt.error, tries);
      if (!decision.retry) return this.#failed(ticket, series, 'rejected', tries, decision.status, attempt.error);
      if (tries >= MAX_TRIES_PER_EVENT) return this.#failed(ticket, series, 'retriesExhausted', tries, attempt.status, attempt.error);
      const stopping = this.#stopping.signal.aborted;
      if (stopping && retryPolicy.name === 'client-go') return this.#lost(ticket, 'shutdown', attempt.error);
      const delayMs = stopping ? this.#cut(decision.delayMs) : decision.delayMs;
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
      const go = await this.#pause(delayMs);
      if (ticket.settled) return;
      if (!go) return this.#lost(ticket, 'shutdown', attempt.error);
    }
  }

  /**
   * Heartbeat, finish and flush: the series' latest state. Heartbeat and finish get one attempt (client-go:
   * no retry loop; the next tick writes again). A flush writes a final count nobody will write later, so
   * under `'server-aware'` it goes through the retry loop.
   */
  async #maintain(ticket: Ticket, kind: SeriesMaintenance, entry: SeriesEntry): Promise<void> {
    const series = entry.series;
    // A flush only writes what the server has not confirmed yet; heartbeat and finish always write.
    if (!series || (kind === 'flush' && series.count <= entry.writtenCount)) return this.#settle(ticket, 'written');
    const snapshot: SeriesState = { count: series.count, lastObservedTime: series.lastObservedTime };
    if (kind === 'flush' && this.#ctx.retryPolicy.name === 'server-aware') return this.#withRetries(ticket, entry.event, snapshot, entry);
    const attempt = await this.#attempt(ticket, entry.event, snapshot, entry);
    if (ticket.settled) return;
    if (attempt.ok) return this.#written(ticket, attempt);
    const retryable = attempt.alreadyExists || this.#ctx.retryPolicy.retryable(attempt.error);
    this.#failed(ticket, snapshot, retryable ? 'retriesExhausted' : 'rejected', 1, attempt.status, attempt.error);
  }

  /** One try (client-go recordEvent): PATCH a series, CREATE otherwise or when the PATCH answered 404. */
  async #attempt(ticket: Ticket, event: EventsV1Event, series: SeriesState | undefined, entry: SeriesEntry | undefined): Promise<Attempt> {
    const { sink } = this.#ctx;
    let error: unknown;
    if (series) {
      try {
        await sink.patch(event, seriesPatch(series), this.#callOptions);
        if (entry && !ticket.settled) entry.writtenCount = Math.max(entry.writtenCount, series.count);
        return { ok: true, op: 'patched', sent: event, series };
      } catch (err) {
        error = err;
      }
      if (ticket.settled) return { ok: false, error, status: statusOf(error), alreadyExists: false };
    }
    if (!series || statusOf(error) === 404) {
      // The Event is gone (deleted, expired, or its create was lost): create it with its series. A
      // resourceVersion must not be sent on a create.
      const body = forCreate(event, series);
      try {
        await sink.create(body, this.#callOptions);
        if (entry && series && !ticket.settled) entry.writtenCount = Math.max(entry.writtenCount, series.count);
        return { ok: true, op: 'created', sent: body, series };
      } catch (err) {
        error = err;
      }
    }
    const status = statusOf(error);
    return { ok: false, error, status, alreadyExists: series !== undefined && status === 409 && isAlreadyExists(error) };
  }

  /**
   * Waits `delayMs` before the next attempt; false when the job must stop instead (`'client-go'` after
   * shutdown began, or the deadline passed). A sleep that shutdown interrupts goes on for what was left of
   * it, cut to fit the deadline.
   */
  async #pause(delayMs: number): Promise<boolean> {
    const { sleep, clock, retryPolicy } = this.#ctx;
    const stopping = this.#stopping.signal;
    let left = delayMs;
    if (!stopping.aborted) {
      const start = clock.now().getTime();
      await sleep(delayMs, stopping);
      if (!stopping.aborted) return true;
      if (retryPolicy.name === 'client-go') return false;
      left = this.#cut(Math.max(0, start + delayMs - clock.now().getTime()));
    }
    const deadline = this.#deadline.signal;
    if (deadline.aborted) return false;
    await sleep(left, deadline);
    return !deadline.aborted;
  }

  /** A retry sleep during shutdown: at most half the time left before the deadline. */
  #cut(delayMs: number): number {
    return cutToDeadline(delayMs, this.#deadlineAt - this.#ctx.clock.now().getTime());
  }

  #written(ticket: Ticket, attempt: Extract<Attempt, { ok: true }>): void {
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
    this.#settle(ticket, 'written');
  }

  /** Definitively not written after reaching the sink: rejected by the server, or its tries are spent. */
  #failed(
    ticket: Ticket,
    series: SeriesState | undefined,
    cause: 'rejected' | 'retriesExhausted',
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
      if (job.kind === 'finish') this.#ctx.onFinished(job.entry, series?.count ?? 0, cause === 'rejected');
    }
    this.#settle(ticket, 'failed');
  }

  #logRejection(event: EventsV1Event, series: SeriesState | undefined, status: number, error: unknown): void {
    const body = statusBodyOf(error);
    const fields = { ...describe(event, series), status, reason: body?.reason, error: body?.message ?? errorText(error) };
    // As client-go: AlreadyExists and a terminating namespace are expected, logged quietly.
    const quiet = body?.reason === 'AlreadyExists' || body?.causes?.some((c) => c.reason === 'NamespaceTerminating') === true;
    if (quiet) this.#ctx.logger.debug('Server rejected event (will not retry!)', fields);
    else this.#ctx.logger.error('Server rejected event (will not retry!)', fields);
  }

  /**
   * A job given up without being written: dropped because the queue was full, discarded or cut short by
   * shutdown (no retry after it with `'client-go'`, or the deadline came).
   */
  #lost(ticket: Ticket, cause: 'queueFull' | 'shutdown', error?: unknown): void {
    if (ticket.settled) return;
    const { counters, drops, logger, sinkName } = this.#ctx;
    const { job } = ticket;
    const event = eventOf(job);
    const series = job.kind === 'create' ? undefined : job.kind === 'startSeries' ? job.snapshot : job.entry.series;
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
    this.#settle(ticket, 'dropped');
  }

  /** Counts a job's outcome once: frees its in-flight slot and tells the flushes waiting for it. */
  #settle(ticket: Ticket, how: Settlement): void {
    if (ticket.settled) return;
    ticket.settled = true;
    if (ticket.started) this.#ctx.counters.inFlight--;
    this.#tracker.settle(ticket.index, how);
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

/** The Event as the server holds it after a series write: the first occurrence with the series. */
function shown(event: EventsV1Event, series: SeriesState | undefined): EventsV1Event {
  return series ? { ...event, series: { count: series.count, lastObservedTime: toMicroTime(series.lastObservedTime) } } : event;
}

function eventOf(job: WriteJob): EventsV1Event {
  return job.kind === 'create' ? job.event : job.entry.event;
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
