// The write path to the sink (client-go attemptRecording + recordEvent): one bounded queue, `concurrency`
// jobs at a time with each Event's jobs in order, occurrences retried per the retry policy, series
// maintenance written once (final counts retried). This file wires the parts; each lives in its own file.
import type { DropReporter } from '../engine/drop-reporter.js';
import type { WriteOutcome } from '../engine/outcomes.js';
import type { TokenBucket } from '../engine/rate-limiter.js';
import type { RetryPolicy } from '../engine/retry-policy.js';
import type { Sleep } from '../engine/sleep.js';
import type { Clock, Logger } from '../shared/types.js';
import { RetryLoop } from './retry-loop.js';
import type { SeriesEntry } from './series-cache.js';
import { writeSeriesMaintenance, type SeriesWriteParts } from './series-writes.js';
import type { EventsV1Sink } from './sink.js';
import type { EventsV1Counters } from './stats.js';
import type { EventsV1Event } from './types.js';
import type { Ticket, WriteJob } from './write-job.js';
import { WriteLifecycle } from './write-lifecycle.js';
import { WriteOutcomes } from './write-outcomes.js';
import { WriteQueue, type FlushWait } from './write-queue.js';

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
  /** Jobs written at once (≥ 1); the jobs of one Event always one after the other, in queue order. */
  readonly concurrency: number;
  /** Client-side rate limit of API calls, if any. */
  readonly limiter?: TokenBucket | undefined;
  /** A finish PATCH is over; `done` when written or rejected (not worth retrying). */
  readonly onFinished: (entry: SeriesEntry, count: number, done: boolean) => void;
  /** Hands a write outcome to `writes$`; `build` is only called when someone observes it. */
  readonly emit: (build: () => WriteOutcome<EventsV1Event>) => void;
}

/** Writes jobs to the sink, `concurrency` at a time, each Event's jobs in the order they were queued. */
export class EventsV1Writer {
  readonly #lifecycle: WriteLifecycle;
  readonly #queue: WriteQueue;
  readonly #retries: RetryLoop;
  readonly #series: SeriesWriteParts;

  constructor(ctx: WriterContext) {
    this.#lifecycle = new WriteLifecycle({ sleep: ctx.sleep, clock: ctx.clock, policy: ctx.retryPolicy.name, limiter: ctx.limiter });
    const outcomes = new WriteOutcomes({ ...ctx, settle: (ticket, how) => this.#queue.settle(ticket, how) });
    this.#queue = new WriteQueue({
      capacity: ctx.capacity,
      concurrency: ctx.concurrency,
      counters: ctx.counters,
      run: (ticket) => this.#run(ticket),
      lost: (ticket, cause) => outcomes.lost(ticket, cause),
    });
    this.#retries = new RetryLoop(ctx, this.#lifecycle, outcomes);
    this.#series = { sink: ctx.sink, retryPolicy: ctx.retryPolicy, lifecycle: this.#lifecycle, outcomes, retries: this.#retries };
  }

  /** Jobs waiting (not counting the ones being written). */
  get queued(): number {
    return this.#queue.queued;
  }

  /** Queues a job; a full queue drops it (counted). */
  enqueue(job: WriteJob): void {
    this.#queue.enqueue(job);
  }

  /**
   * Starts waiting for every job queued so far that has not settled (queued, being written or waiting to
   * retry). Jobs queued later are neither waited for nor counted.
   */
  track(): FlushWait {
    return this.#queue.track();
  }

  /**
   * Shutdown began: with `'server-aware'` retries go on with every sleep cut to fit `deadlineAt` (ms since
   * the epoch, on the broadcaster's clock), a sleep in progress included; with `'client-go'` there is no
   * retry after this and a sleep in progress ends at once.
   */
  beginShutdown(deadlineAt: number): void {
    this.#lifecycle.beginShutdown(deadlineAt);
  }

  /** No more jobs: the returned promise resolves once every queued job is over. */
  close(): Promise<void> {
    return this.#queue.close();
  }

  /**
   * The deadline has come: every sleep ends, the jobs being written and every queued one are abandoned
   * and counted at once (an answer the sink gives later is ignored). Returns how many jobs were abandoned.
   */
  abandon(): number {
    this.#lifecycle.endSleeps();
    return this.#queue.abandon();
  }

  /** Shutdown is over: ends any sleep still running (none when every job finished). Idempotent. */
  stopSleeping(): void {
    this.#lifecycle.endSleeps();
  }

  #run(ticket: Ticket): Promise<void> {
    const { job } = ticket;
    if (job.kind === 'create') return this.#retries.write(ticket, job.event, undefined, undefined);
    if (job.kind === 'startSeries') return this.#retries.write(ticket, job.entry.event, job.snapshot, job.entry);
    return writeSeriesMaintenance(this.#series, ticket, job.kind, job.entry);
  }
}
