// EventsV1Broadcaster: the hub of events.k8s.io/v1 recording (client-go tools/events eventBroadcasterImpl).
// Recorders push events in; the sink (through the series cache), loggers and custom watchers consume them.
import { systemClock } from '../record/correlator-options.js';
import { whenAborted } from '../record/abort.js';
import { runWithDeadline } from '../record/deadline.js';
import { DropReporter } from '../record/drop-reporter.js';
import { DEFAULT_MAX_QUEUED_EVENTS, DEFAULT_SHUTDOWN_TIMEOUT_MS, type ShutdownOptions, type WatchHandle } from '../record/event-broadcaster.js';
import { EventNameGenerator } from '../record/event-name.js';
import { createConsoleLogger } from '../record/logger.js';
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
import { DEFAULT_SLEEP_DURATION_MS, describe, EventsV1Writer } from './writer.js';

/** Options of {@link EventsV1Broadcaster}. Every dependency with a real default can be injected for tests. */
export interface EventsV1BroadcasterOptions {
  /** Where events are written (client-go passes the sink to `NewBroadcaster` too), e.g. an {@link EventsV1EventSink}. */
  readonly sink: EventsV1Sink;
  /** Base delay between write attempts, in ms; each delay is `d + random() × 0.25 × d`. Default 10 000. */
  readonly sleepDurationMs?: number;
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
  /** Clock for eventTime, series times and the finish sweep. Default: real time. */
  readonly clock?: Clock;
  /** How retries and the shutdown deadline wait. Default: real timers, cleared on abort. */
  readonly sleep?: Sleep;
  /** Runs the heartbeat (30 min) and the finish sweep (6 min). Default: unref'd `setInterval`. */
  readonly ticker?: Ticker;
}

/** What {@link EventsV1Broadcaster.shutdown} reports. */
export interface EventsV1ShutdownResult {
  /** True when every queued write (and every final series count) was handled before the deadline. */
  readonly completed: boolean;
  /** Writes abandoned at the deadline (queued or in flight), over the sink and every watcher. */
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
  readonly #abort = new AbortController();
  readonly #cache: EventSeriesCache | undefined;
  readonly #writer: EventsV1Writer;
  readonly #consumers: ConsumerSet<EventsV1Event>;
  #stopTimers: Array<() => void> = [];
  #recording = false;
  #shutdown: Promise<EventsV1ShutdownResult> | undefined;
  #detachSignal: (() => void) | undefined;

  constructor(options: EventsV1BroadcasterOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? createConsoleLogger();
    this.#sleep = options.sleep ?? realSleep;
    this.#ticker = options.ticker ?? realTicker;
    this.#drops = new DropReporter(this.#clock);
    const max = options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
    this.#broadcaster = new Broadcaster({ queueLength: max, incomingQueueLength: max, fullChannelBehavior: 'drop' });
    this.#consumers = new ConsumerSet(this.#broadcaster);
    this.#writer = new EventsV1Writer({
      sink: options.sink,
      counters: this.#counters,
      logger: this.#logger,
      drops: this.#drops,
      sleep: this.#sleep,
      random: options.random ?? Math.random,
      sleepDurationMs: options.sleepDurationMs ?? DEFAULT_SLEEP_DURATION_MS,
      capacity: max,
      signal: this.#abort.signal,
      onFinished: (entry, count, done) => this.#cache?.finished(entry, count, done),
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
   * Stops accepting events, hands what was accepted to every consumer, stops the timers, then keeps writing
   * until `timeoutMs`: each queued write gets one attempt (no retry after shutdown, a retry sleep in
   * progress ends at once), and every live series whose latest count was not written gets one final PATCH
   * (client-go abandons them). At the deadline what is left is abandoned and counted. Idempotent.
   */
  shutdown(options: ShutdownOptions = {}): Promise<EventsV1ShutdownResult> {
    this.#shutdown ??= this.#doShutdown(options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
    return this.#shutdown;
  }

  async #doShutdown(timeoutMs: number): Promise<EventsV1ShutdownResult> {
    this.#detachSignal?.();
    await this.#broadcaster.shutdown();
    this.#abort.abort();
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
      abandoned += this.#writer.pending;
      this.#writer.abandon();
      this.#logger.error('Shutdown deadline reached, abandoning queued events', { abandoned, timeoutMs });
    }
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
