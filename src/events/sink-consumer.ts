// The sink consumer of EventsV1Broadcaster (client-go recordToSink): classifies every occurrence through
// the series cache the moment it is accepted (create, start a series, or only count) and turns the
// heartbeat, the finish sweep, LRU evictions and shutdown into series PATCH jobs for the writer.
import { publish } from '../engine/diagnostics.js';
import type { DropReporter } from '../engine/drop-reporter.js';
import type { WriteOutcome } from '../engine/outcomes.js';
import type { Clock, Logger } from '../shared/types.js';
import type { LostCause } from '../watch/consumer-set.js';
import { EventSeriesCache, FINISH_TIME_MS, REFRESH_TIME_MS, type SeriesEntry } from './series-cache.js';
import type { EventsV1Counters } from './stats.js';
import type { Ticker } from './ticker.js';
import type { EventsV1Event } from './types.js';
import type { EventsV1Writer } from './writer.js';
import { API, describe } from './write-outcomes.js';

/** What the sink consumer needs from its broadcaster. */
export interface SinkConsumerContext {
  readonly writer: EventsV1Writer;
  /** The sink's name in diagnostics and `writes$`. */
  readonly sinkName: string;
  readonly counters: EventsV1Counters;
  readonly logger: Logger;
  readonly drops: DropReporter;
  /** The finish sweep's "now". */
  readonly clock: Clock;
  /** Runs the heartbeat and the finish sweep. */
  readonly ticker: Ticker;
  /** The series cache's bound and key; undefined turns series off (every occurrence is created). */
  readonly series: { readonly max: number; readonly includeResourceVersion: boolean } | undefined;
  /** Hands a write outcome to `writes$`; `build` is only called when someone observes it. */
  readonly emit: (build: () => WriteOutcome<EventsV1Event>) => void;
}

/** Feeds the writer; see the file header. */
export class SinkConsumer {
  readonly #ctx: SinkConsumerContext;
  readonly #cache: EventSeriesCache | undefined;
  #stopTimers: Array<() => void> = [];

  constructor(ctx: SinkConsumerContext) {
    this.#ctx = ctx;
    if (ctx.series) {
      this.#cache = new EventSeriesCache({
        max: ctx.series.max,
        includeResourceVersion: ctx.series.includeResourceVersion,
        onEvict: (entry) => this.#evicted(entry),
      });
    }
  }

  /** Cache entries (singletons and series) right now. */
  get cached(): number {
    return this.#cache?.size ?? 0;
  }

  /** The consumer itself: synchronous, so a slow API server never holds occurrences back from the cache. */
  readonly record = (event: EventsV1Event): void => {
    const { writer, counters } = this.#ctx;
    const cache = this.#cache;
    if (!cache) {
      writer.enqueue({ kind: 'create', event });
      return;
    }
    const observation = cache.observe(event);
    if (observation.kind === 'create') {
      writer.enqueue({ kind: 'create', event: observation.entry.event });
    } else if (observation.kind === 'startSeries') {
      counters.series.started++;
      writer.enqueue({ kind: 'startSeries', entry: observation.entry, snapshot: observation.snapshot });
    } else {
      counters.series.counted++;
    }
  };

  /** An occurrence lost before the consumer saw it: its queue was full, or it was discarded at shutdown. */
  readonly lost = (cause: LostCause, event: EventsV1Event): void => {
    const { counters, sinkName, logger } = this.#ctx;
    counters.dropped[cause]++;
    publish('dropped', () => ({ api: API, event, sink: sinkName, cause }));
    this.#ctx.emit(() => ({ kind: 'dropped', sink: sinkName, event, cause }));
    this.#ctx.drops.report(logger, cause, cause === 'queueFull' ? 'sink queue full, dropped event' : 'dropped queued event: sink stopped', describe(event, undefined));
  };

  /** Starts the heartbeat (30 min) and the finish sweep (6 min), when series are on. */
  startTimers(): void {
    if (!this.#cache) return;
    const { ticker } = this.#ctx;
    this.#stopTimers.push(ticker(REFRESH_TIME_MS, () => this.#heartbeat()));
    this.#stopTimers.push(ticker(FINISH_TIME_MS, () => this.#finish()));
  }

  /** Stops both timers. Idempotent. */
  stopTimers(): void {
    for (const stop of this.#stopTimers) stop();
    this.#stopTimers = [];
  }

  /** At shutdown, once every occurrence has been through the cache: queues the counts the server has not seen. */
  queueFinalCounts(): void {
    for (const entry of this.#cache?.liveSeries() ?? []) if ((entry.series?.count ?? 0) > entry.writtenCount) this.#ctx.writer.enqueue({ kind: 'flush', entry });
  }

  /** A finish PATCH is over (see {@link EventSeriesCache.finished}). */
  finished(entry: SeriesEntry, count: number, done: boolean): void {
    this.#cache?.finished(entry, count, done);
  }

  #heartbeat(): void {
    for (const entry of this.#cache?.liveSeries() ?? []) this.#ctx.writer.enqueue({ kind: 'heartbeat', entry });
  }

  #finish(): void {
    for (const entry of this.#cache?.sweep(this.#ctx.clock.now()) ?? []) this.#ctx.writer.enqueue({ kind: 'finish', entry });
  }

  /** The LRU bound pushed an entry out: write its count first if the server has not seen it (client-go has no bound). */
  #evicted(entry: SeriesEntry): void {
    this.#ctx.counters.series.evicted++;
    if (entry.series && entry.series.count > entry.writtenCount) this.#ctx.writer.enqueue({ kind: 'flush', entry });
  }
}
