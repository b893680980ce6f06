// EventsV1Broadcaster: the hub of events.k8s.io/v1 recording (client-go tools/events eventBroadcasterImpl).
// Recorders push events in; the sink (through the series cache), loggers and custom watchers consume them.
import { Subject, type Observable } from 'rxjs';
import { systemClock } from '../record/correlator-options.js';
import { whenAborted } from '../record/abort.js';
import { runWithDeadline } from '../record/deadline.js';
import { publish } from '../record/diagnostics.js';
import { DropReporter } from '../record/drop-reporter.js';
import {
  DEFAULT_FLUSH_TIMEOUT_MS,
  DEFAULT_MAX_QUEUED_EVENTS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  type ShutdownOptions,
  type WatchHandle,
} from '../record/event-broadcaster.js';
import { EventNameGenerator } from '../record/event-name.js';
import { createConsoleLogger } from '../record/logger.js';
import type { FlushOptions, FlushResult, WriteOutcome } from '../record/outcomes.js';
import { RetryPolicy, type RetryOptions, type RetryPolicyName } from '../record/retry-policy.js';
import { realSleep, type Sleep } from '../record/sleep.js';
import type { Clock, Logger } from '../record/types.js';
import { Broadcaster } from '../watch/broadcaster.js';
import { ConsumerSet, stopConsumers, type LostCause } from '../watch/consumer-set.js';
import type { QueueWatcher, WatchConsumer } from '../watch/watcher.js';
import { AlreadyRecordingError } from './errors.js';
import { guardedHandler } from './guarded-handler.js';
import { structuredEventsV1Fields } from './logging.js';
import { defaultReportingInstance, EventsV1RecorderImpl, type EventsV1Recorder, type EventsV1RecorderOptions } from './recorder.js';
import { DEFAULT_SERIES_CACHE_SIZE, EventSeriesCache, FINISH_TIME_MS, REFRESH_TIME_MS, type SeriesEntry } from './series-cache.js';
import type { EventsV1Sink } from './sink.js';
import { EventsV1Counters, type EventsV1BroadcasterStats } from './stats.js';
import { realTicker, type Ticker } from './ticker.js';
import type { EventsV1Event } from './types.js';
import { DEFAULT_SLEEP_DURATION_MS, describe, EventsV1Writer, toolsEventsDelay } from './writer.js';

/** The sink's name in diagnostics messages and `writes$` outcomes (a broadcaster writes to one sink). */
export const EVENTS_V1_SINK_NAME = 'events.k8s.io/v1';

/** Options of {@link EventsV1Broadcaster}. Every dependency with a real default can be injected for tests. */
export interface EventsV1BroadcasterOptions {
  /** Where events are written (client-go passes the sink to `NewBroadcaster` too), e.g. an {@link EventsV1EventSink}. */
  readonly sink: EventsV1Sink;
  /**
   * With `retryPolicy: 'client-go'`: base delay between write attempts, in ms; each delay is
   * `d + random() × 0.25 × d` (tools/events' `wait.Jitter(d, 0.25)`). Default 10 000.
   */
  readonly sleepDurationMs?: number;
  /**
   * Which failed writes are retried and how long to wait, for creates, series-start PATCHes and final
   * series counts (at most 12 tries each). Default `'server-aware'`: 429 waits for `Retry-After` (capped),
   * 500, 502, 503, 504 and transport errors back off exponentially with full jitter, other statuses are
   * final, and during `shutdown()` retries go on with every sleep cut to fit the deadline.
   * `'client-go'` restores tools/events' exact rule: every HTTP status is final, anything else is retried
   * after `sleepDurationMs` jittered by 25 %, and nothing is retried once shutdown begins. Under both,
   * AlreadyExists on the create of a series is retried (its PATCH then finds the Event).
   */
  readonly retryPolicy?: RetryPolicyName;
  /** Tuning of the `'server-aware'` policy's backoff and `Retry-After` cap. */
  readonly retry?: RetryOptions;
  /** Capacity of the incoming queue, of each watcher's queue and of the write queue, in events. Default 1000. */
  readonly maxQueuedEvents?: number;
  /**
   * `false` turns series off: every occurrence is created as an Event of its own (kube-record extension;
   * client-go cannot). Default true.
   */
  readonly series?: boolean;
  /** Bound of the series cache, in entries; the least recently seen entry is pushed out (its count written first). Default 4096. */
  readonly cacheSize?: number;
  /**
   * Keep `resourceVersion` of regarding/related in the series key, as client-go does in effect: an object
   * that changed between two occurrences then starts a new Event. Default false.
   */
  readonly seriesKeyIncludesResourceVersion?: boolean;
  /** Aborting it shuts the broadcaster down (client-go's context). */
  readonly signal?: AbortSignal;
  /** Where drops, rejections and retries are reported. Default: a console logger. */
  readonly logger?: Logger;
  /** Random source in [0, 1) for the retry jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Clock for eventTime, series times, the finish sweep and the shutdown deadline. Default: real time. */
  readonly clock?: Clock;
  /** How retries and the flush and shutdown deadlines wait. Default: real timers, cleared on abort. */
  readonly sleep?: Sleep;
  /** Runs the heartbeat (30 min) and the finish sweep (6 min). Default: unref'd `setInterval`. */
  readonly ticker?: Ticker;
}

/** What {@link EventsV1Broadcaster.shutdown} reports. */
export interface EventsV1ShutdownResult {
  /** True when every queued write (and every final series count) was handled before the deadline. */
  readonly completed: boolean;
  /**
   * What was abandoned at the deadline: writes queued, being written or waiting to retry (each counted in
   * `stats.dropped.shutdown`, or in `stats.series.failedWrites` for a series PATCH), plus events still
   * queued for event watchers.
   */
  readonly abandoned: number;
  /** The final counters. */
  readonly stats: EventsV1BroadcasterStats;
}

const inertHandle: WatchHandle = Object.freeze({ stop: () => undefined });

/**
 * Receives events from its recorders and fans them out to the sink, loggers and watchers (client-go's
 * tools/events `EventBroadcaster`). Isomorphic occurrences become one Event with a `series`: the first is
 * created, the second sends one PATCH, later ones are only counted until the heartbeat (30 min), the finish
 * sweep (6 min of silence) or `shutdown()` writes their count.
 *
 * Each consumer has its own bounded queue (drop-if-full): a slow API server never blocks `eventf`, and
 * every drop is counted in {@link EventsV1Broadcaster.stats}.
 *
 * @example
 * ```ts
 * import { KubeConfig } from '@kubernetes/client-node';
 * import { EventsV1Broadcaster, EventsV1EventSink } from 'kube-record';
 *
 * const kc = new KubeConfig();
 * kc.loadFromDefault();
 * const broadcaster = new EventsV1Broadcaster({ sink: new EventsV1EventSink(kc) });
 * broadcaster.startRecording();
 * const recorder = broadcaster.newRecorder('example.com/my-operator');
 * recorder.eventf(pod, undefined, 'Normal', 'Synced', 'Reconcile', 'synced %s', pod.metadata.name);
 * await broadcaster.shutdown();
 * ```
 */
export class EventsV1Broadcaster {
  readonly #broadcaster: Broadcaster<EventsV1Event>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #sleep: Sleep;
  readonly #ticker: Ticker;
  readonly #names = new EventNameGenerator();
  readonly #drops: DropReporter;
  readonly #counters = new EventsV1Counters();
  readonly #writes = new Subject<WriteOutcome<EventsV1Event>>();
  readonly #cache: EventSeriesCache | undefined;
  readonly #writer: EventsV1Writer;
  readonly #consumers: ConsumerSet<EventsV1Event>;
  #stopTimers: Array<() => void> = [];
  #recording = false;
  #shutdown: Promise<EventsV1ShutdownResult> | undefined;
  #detachSignal: (() => void) | undefined;

  /**
   * Every outcome of every write to the sink, as it happens: `created`, `patched` (series start,
   * heartbeat, finish and final counts), `retried` (with `delayMs`), `failed` (`cause` `'rejected'` with
   * `status`, or `'retriesExhausted'`) and `dropped` (`'queueFull'`, `'shutdown'`). `event` is the Event
   * as the server holds it after the write (with its `series`). Drops before the sink (invalid input,
   * after shutdown) are not write outcomes: see `stats()` and the diagnostics channels. Third and later
   * occurrences of a series need no write and emit nothing until their count is written. Emitted
   * synchronously; free while nobody subscribes. Completes when `shutdown()` ends.
   *
   * @example
   * ```ts
   * broadcaster.writes$.pipe(filter((o) => o.kind === 'failed')).subscribe((o) => log.warn('event lost', o));
   * ```
   */
  readonly writes$: Observable<WriteOutcome<EventsV1Event>> = this.#writes.asObservable();

  constructor(options: EventsV1BroadcasterOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? createConsoleLogger();
    this.#sleep = options.sleep ?? realSleep;
    this.#ticker = options.ticker ?? realTicker;
    this.#drops = new DropReporter(this.#clock);
    const max = options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
    this.#broadcaster = new Broadcaster({ queueLength: max, incomingQueueLength: max, fullChannelBehavior: 'drop' });
    this.#consumers = new ConsumerSet(this.#broadcaster);
    const random = options.random ?? Math.random;
    const writes = this.#writes;
    this.#writer = new EventsV1Writer({
      sink: options.sink,
      sinkName: EVENTS_V1_SINK_NAME,
      counters: this.#counters,
      logger: this.#logger,
      drops: this.#drops,
      sleep: this.#sleep,
      clock: this.#clock,
      retryPolicy: new RetryPolicy(
        options.retryPolicy ?? 'server-aware',
        toolsEventsDelay(options.sleepDurationMs ?? DEFAULT_SLEEP_DURATION_MS, random),
        random,
        options.retry,
      ),
      capacity: max,
      onFinished: (entry, count, done) => this.#cache?.finished(entry, count, done),
      emit: (build) => {
        if (writes.observed) writes.next(build());
      },
    });
    if (options.series !== false) {
      this.#cache = new EventSeriesCache({
        max: options.cacheSize ?? DEFAULT_SERIES_CACHE_SIZE,
        includeResourceVersion: options.seriesKeyIncludesResourceVersion === true,
        onEvict: (entry) => this.#evicted(entry),
      });
    }
    this.#detachSignal = whenAborted(options.signal, () => void this.shutdown());
  }

  /**
   * Starts writing to the sink: every event accepted from now on is created, folded into a series or
   * counted, and the heartbeat and finish timers start. Events recorded before this call reach the
   * watchers only, as in client-go.
   *
   * @throws {@link AlreadyRecordingError} on a second call (client-go returns "already recording to a sink").
   * After `shutdown()` it logs an error and does nothing, like the other `start*` methods.
   */
  startRecording(): void {
    if (this.#recording) throw new AlreadyRecordingError();
    const watcher = this.#watch(
      (event) => this.#record(event),
      (cause, event) => {
        this.#counters.dropped[cause]++;
        publish('dropped', () => ({ api: 'events.k8s.io/v1', event, sink: EVENTS_V1_SINK_NAME, cause }));
        if (this.#writes.observed) this.#writes.next({ kind: 'dropped', sink: EVENTS_V1_SINK_NAME, event, cause });
        this.#drops.report(this.#logger, cause, cause === 'queueFull' ? 'sink queue full, dropped event' : 'dropped queued event: sink stopped', describe(event, undefined));
      },
    );
    if (!watcher) return;
    this.#recording = true;
    if (this.#cache) {
      this.#stopTimers.push(this.#ticker(REFRESH_TIME_MS, () => this.#heartbeat()));
      this.#stopTimers.push(this.#ticker(FINISH_TIME_MS, () => this.#finish()));
    }
  }

  /**
   * Calls `handler` with every event, one at a time (an async handler holds the next event back until it
   * settles). A handler that throws is logged; the next event still comes.
   */
  startEventWatcher(handler: (event: EventsV1Event) => void | PromiseLike<void>): WatchHandle {
    const watcher = this.#watch(guardedHandler(handler, this.#logger, (e) => describe(e, undefined)), (cause, event) =>
      this.#drops.report(this.#logger, cause, 'event watcher queue full, dropped event', describe(event, undefined)),
    );
    return watcher ? { stop: () => watcher.stop() } : inertHandle;
  }

  /** Logs `Event occurred` at info level with object, kind, apiVersion, type, reason, action, note (client-go StartLogging). */
  startStructuredLogging(logger: Logger = this.#logger): WatchHandle {
    return this.startEventWatcher((event) => logger.info('Event occurred', structuredEventsV1Fields(event)));
  }

  /**
   * A recorder reporting as `reportingController` (a qualified name such as `example.com/my-operator`),
   * instance `options.reportingInstance` or `<reportingController>-<hostname>`. An invalid identity does
   * not throw: every event of that recorder is dropped with code `InvalidReportingController` or
   * `InvalidReportingInstance`.
   */
  newRecorder(reportingController: string, options: EventsV1RecorderOptions = {}): EventsV1Recorder {
    return new EventsV1RecorderImpl(
      { broadcaster: this.#broadcaster, clock: this.#clock, names: this.#names, drops: this.#drops, counters: this.#counters },
      reportingController,
      options.reportingInstance ?? defaultReportingInstance(reportingController),
      this.#logger,
    );
  }

  /** Counters of everything accepted, written and lost since construction. */
  stats(): EventsV1BroadcasterStats {
    return this.#counters.snapshot(this.#writer.queued, this.#cache?.size ?? 0);
  }

  /**
   * Waits until every write queued before the call is over (written or definitively failed), or until
   * `timeoutMs` (default 30 000) on the injected `sleep`, whichever comes first. Recording goes on
   * meanwhile; retry sleeps are not shortened (only `shutdown()` does that). Never rejects, and leaves no
   * timer behind.
   *
   * What it waits for and counts, exactly: the sink consumer classifies every occurrence the moment it is
   * accepted, so at the call each occurrence accepted before it is either settled or is one write job in
   * the queue (queued, being written, or waiting to retry). A first occurrence is a create, a second one
   * the PATCH that starts its series; third and later occurrences of a series are only counted in the
   * cache and are settled at once (their count is written by the heartbeat, the finish sweep or
   * `shutdown()`, which `flush()` does not force). Series PATCHes already queued (heartbeat, finish,
   * eviction) are waited for as well. Of those jobs, the result counts:
   * - `written`: written during the flush (created or patched; a final-count PATCH that finds its count
   *   already written counts here too);
   * - `failed`: rejected by the server, or out of tries (a heartbeat or finish PATCH has one);
   * - `dropped`: abandoned by `shutdown()` (retry cut short, or left at its deadline);
   * - `pending`: still queued, being written or waiting to retry at the deadline.
   *
   * So `written + failed + dropped + pending` is the number of jobs queued when `flush()` was called, and
   * `completed` is `pending === 0`. Outcomes settled before the call (a write that had landed, a drop
   * because the queue was full) and everything accepted after it are not counted. Events accepted before
   * `startRecording()` never reach the sink and are not waited for.
   *
   * @example
   * ```ts
   * const { completed, pending } = await broadcaster.flush({ timeoutMs: 5_000 });
   * if (!completed) log.warn('events still being written', { pending });
   * ```
   */
  async flush(options: FlushOptions = {}): Promise<FlushResult> {
    const wait = this.#writer.track();
    await runWithDeadline(wait.done, this.#sleep, options.timeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS);
    wait.cancel();
    const { written, failed, dropped, pending } = wait.counts;
    return { completed: pending === 0, written, failed, dropped, pending };
  }

  /**
   * Stops accepting events, hands what was accepted to every consumer and stops the timers, then keeps
   * writing until `timeoutMs` (default 30 000, measured on the injected `clock`, waited on the injected
   * `sleep`): every queued write is written, and every live series whose latest count was not written gets
   * a final PATCH (client-go abandons them).
   *
   * With `retryPolicy: 'server-aware'` (default), writes in retry and writes that fail now go on retrying;
   * each retry sleep (the one in progress when shutdown begins included) lasts at most half the time left
   * before the deadline (`cutToDeadline`), so the next attempt still fits. With `'client-go'` there
   * is no retry after shutdown begins: a failed attempt is final and a sleep in progress ends at once, as
   * tools/events.
   *
   * At the deadline every write left (queued, being written, waiting to retry) is abandoned, counted in
   * `dropped.shutdown` (a series PATCH: `series.failedWrites`; an answer the sink gives later is ignored)
   * and reported in `abandoned`; every sleep ends, no timer is left behind and `writes$` completes.
   * Idempotent: every caller gets the same result.
   */
  shutdown(options: ShutdownOptions = {}): Promise<EventsV1ShutdownResult> {
    this.#shutdown ??= this.#doShutdown(options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
    return this.#shutdown;
  }

  async #doShutdown(timeoutMs: number): Promise<EventsV1ShutdownResult> {
    this.#detachSignal?.();
    const deadlineAt = this.#clock.now().getTime() + timeoutMs;
    await this.#broadcaster.shutdown();
    this.#writer.beginShutdown(deadlineAt);
    for (const stop of this.#stopTimers) stop();
    this.#stopTimers = [];
    const consumers = this.#consumers.snapshot();
    let finished = false;
    const work = (async () => {
      await Promise.all(consumers.map((w) => w.whenComplete()));
      if (finished) return;
      // Every occurrence has been through the cache now: write the counts the server has not seen.
      if (this.#recording && this.#cache) {
        for (const entry of this.#cache.liveSeries()) if ((entry.series?.count ?? 0) > entry.writtenCount) this.#writer.enqueue({ kind: 'flush', entry });
      }
      await this.#writer.close();
    })();
    const completed = await runWithDeadline(work, this.#sleep, timeoutMs);
    finished = true;
    let abandoned = 0;
    if (!completed) {
      abandoned = stopConsumers(consumers);
      abandoned += this.#writer.abandon();
      this.#logger.error('Shutdown deadline reached, abandoning queued events', { abandoned, timeoutMs });
    }
    this.#writer.stopSleeping();
    this.#writes.complete();
    return { completed, abandoned, stats: this.stats() };
  }

  /** The sink consumer: synchronous, so a slow API server never holds occurrences back from the cache. */
  #record(event: EventsV1Event): void {
    const cache = this.#cache;
    if (!cache) {
      this.#writer.enqueue({ kind: 'create', event });
      return;
    }
    const observation = cache.observe(event);
    if (observation.kind === 'create') {
      this.#writer.enqueue({ kind: 'create', event: observation.entry.event });
    } else if (observation.kind === 'startSeries') {
      this.#counters.series.started++;
      this.#writer.enqueue({ kind: 'startSeries', entry: observation.entry, snapshot: observation.snapshot });
    } else {
      this.#counters.series.counted++;
    }
  }

  #heartbeat(): void {
    for (const entry of this.#cache?.liveSeries() ?? []) this.#writer.enqueue({ kind: 'heartbeat', entry });
  }

  #finish(): void {
    for (const entry of this.#cache?.sweep(this.#clock.now()) ?? []) this.#writer.enqueue({ kind: 'finish', entry });
  }

  /** The LRU bound pushed an entry out: write its count first if the server has not seen it (client-go has no bound). */
  #evicted(entry: SeriesEntry): void {
    this.#counters.series.evicted++;
    if (entry.series && entry.series.count > entry.writtenCount) this.#writer.enqueue({ kind: 'flush', entry });
  }

  #watch(consumer: WatchConsumer<EventsV1Event>, onLost: (cause: LostCause, event: EventsV1Event) => void): QueueWatcher<EventsV1Event> | undefined {
    const watcher = this.#consumers.start(consumer, onLost);
    if (!watcher) this.#logger.error('Unable to start event watcher: broadcaster is shut down');
    return watcher;
  }
}
