// EventsV1Broadcaster: the hub of events.k8s.io/v1 recording (client-go tools/events eventBroadcasterImpl).
// Recorders push events in; the sink (through the series cache), loggers and custom watchers consume them.
import type { Observable } from 'rxjs';
import { systemClock } from '../shared/clock.js';
import { OutcomeStream } from '../engine/outcome-stream.js';
import { ShutdownOnce } from '../engine/shutdown-once.js';
import { runWithDeadline } from '../engine/deadline.js';
import { DropReporter } from '../engine/drop-reporter.js';
import { DEFAULT_FLUSH_TIMEOUT_MS, DEFAULT_MAX_QUEUED_EVENTS, type ShutdownOptions, type WatchHandle } from '../shared/broadcaster-contract.js';
import { EventNameGenerator } from '../shared/event-name.js';
import { asLogger, createConsoleLogger } from '../shared/logger.js';
import { checkDependencies, functionArgument, sinkArgument } from '../shared/argument-checks.js';
import { InvalidArgumentError, optionsObject, optionsOrError } from '../watch/argument-error.js';
import type { FlushOptions, FlushResult, WriteOutcome } from '../engine/outcomes.js';
import { RetryPolicy } from '../engine/retry-policy.js';
import { realSleep, type Sleep } from '../engine/sleep.js';
import { checkDelay, checkTimeout } from '../engine/timer-delay.js';
import type { Clock, Logger } from '../shared/types.js';
import { DEFAULT_SINK_CONCURRENCY, validateWriteOptions, writeLimiter } from '../engine/write-options.js';
import { Broadcaster } from '../watch/broadcaster.js';
import { closeSinks } from '../engine/close-sinks.js';
import { ConsumerSet, type LostCause } from '../watch/consumer-set.js';
import type { QueueWatcher, WatchConsumer } from '../watch/watcher.js';
import { EVENTS_V1_SINK_NAME, type EventsV1BroadcasterOptions, type EventsV1ShutdownResult } from './broadcaster-options.js';
import { shutDownWithDeadline } from './broadcaster-shutdown.js';
import { AlreadyRecordingError } from './errors.js';
import { guardedHandler } from '../shared/guarded-handler.js';
import { structuredEventsV1Fields } from './logging.js';
import { DEFAULT_SLEEP_DURATION_MS, toolsEventsDelay } from './retry-loop.js';
import { defaultReportingInstance, EventsV1RecorderImpl, type EventsV1Recorder, type EventsV1RecorderOptions } from './recorder.js';
import { DEFAULT_SERIES_CACHE_SIZE } from './series-cache.js';
import { SinkConsumer } from './sink-consumer.js';
import { EventsV1Counters, type EventsV1BroadcasterStats } from './stats.js';
import { realTicker } from './ticker.js';
import type { EventsV1Event } from './types.js';
import { describe } from './write-outcomes.js';
import type { EventsV1Sink } from './sink.js';
import { EventsV1Writer } from './writer.js';

export { EVENTS_V1_SINK_NAME, type EventsV1BroadcasterOptions, type EventsV1ShutdownResult } from './broadcaster-options.js';

const inertHandle: WatchHandle = Object.freeze({ stop: () => undefined });

/**
 * Receives events from its recorders and fans them out to the sink, loggers and watchers (client-go's
 * tools/events `EventBroadcaster`). Isomorphic occurrences become one Event with a `series`: the first is
 * created, the second sends one PATCH, later ones are only counted until the heartbeat (30 min), the finish
 * sweep (6 min of silence) or `shutdown()` writes their count.
 *
 * Each consumer has its own bounded queue (drop-if-full): a slow API server never blocks `eventf`, and
 * every drop is counted in {@link EventsV1Broadcaster.stats}. The sink is written one request at a time
 * (client-go's order), or `sinkConcurrency` at a time with the writes of one Event kept in order;
 * `writeQps` and `writeBurst` cap the API calls.
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
 *
 * @category events.k8s.io
 */
export class EventsV1Broadcaster {
  readonly #broadcaster: Broadcaster<EventsV1Event>;
  readonly #sink: EventsV1Sink;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #sleep: Sleep;
  readonly #names = new EventNameGenerator();
  readonly #drops: DropReporter;
  readonly #counters = new EventsV1Counters();
  readonly #writes = new OutcomeStream<EventsV1Event>();
  readonly #writer: EventsV1Writer;
  readonly #sinkConsumer: SinkConsumer;
  readonly #consumers: ConsumerSet<EventsV1Event>;
  #recording = false;
  readonly #shutdown: ShutdownOnce<EventsV1ShutdownResult>;

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
  readonly writes$: Observable<WriteOutcome<EventsV1Event>> = this.#writes.observable;

  /**
   * @throws RangeError when `sinkConcurrency`, `writeQps` or `writeBurst` is not a usable number;
   * {@link InvalidDurationError} (a RangeError) when `sleepDurationMs` or a `retry` duration is not a
   * finite number ≥ 0.
   * @throws {@link InvalidArgumentError} when `options` is not an object or cannot be read, `options.sink`
   *   has no `create` and `patch` methods, or `clock`, `sleep`, `random`, `ticker` or `signal` is not what it must be.
   */
  constructor(options: EventsV1BroadcasterOptions) {
    options = optionsObject(options);
    validateWriteOptions(options);
    checkDependencies(options);
    if (options.ticker !== undefined) functionArgument(options.ticker, 'options.ticker');
    this.#sink = sinkArgument(options.sink, 'options.sink');
    this.#clock = options.clock ?? systemClock;
    this.#logger = asLogger(options.logger, createConsoleLogger());
    this.#sleep = options.sleep ?? realSleep;
    this.#drops = new DropReporter(this.#clock);
    const max = options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
    this.#broadcaster = new Broadcaster({ queueLength: max, incomingQueueLength: max, fullChannelBehavior: 'drop' });
    this.#consumers = new ConsumerSet(this.#broadcaster);
    const random = options.random ?? Math.random;
    const sleepDurationMs = checkDelay('sleepDurationMs', options.sleepDurationMs, DEFAULT_SLEEP_DURATION_MS);
    const emit = this.#writes.emit;
    this.#writer = new EventsV1Writer({
      sink: options.sink,
      sinkName: EVENTS_V1_SINK_NAME,
      counters: this.#counters,
      logger: this.#logger,
      drops: this.#drops,
      sleep: this.#sleep,
      clock: this.#clock,
      retryPolicy: new RetryPolicy(options.retryPolicy ?? 'server-aware', sleepDurationMs, random, options.retry, toolsEventsDelay(sleepDurationMs, random)),
      capacity: max,
      concurrency: options.sinkConcurrency ?? DEFAULT_SINK_CONCURRENCY,
      limiter: writeLimiter(options, this.#clock),
      onFinished: (entry, count, done) => this.#sinkConsumer.finished(entry, count, done),
      emit,
    });
    this.#sinkConsumer = new SinkConsumer({
      writer: this.#writer,
      sinkName: EVENTS_V1_SINK_NAME,
      counters: this.#counters,
      logger: this.#logger,
      drops: this.#drops,
      clock: this.#clock,
      ticker: options.ticker ?? realTicker,
      series:
        options.series === false
          ? undefined
          : { max: options.cacheSize ?? DEFAULT_SERIES_CACHE_SIZE, includeResourceVersion: options.seriesKeyIncludesResourceVersion === true },
      emit,
    });
    this.#shutdown = new ShutdownOnce((timeoutMs) => this.#doShutdown(timeoutMs), options.signal);
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
    const watcher = this.#watch(this.#sinkConsumer.record, this.#sinkConsumer.lost);
    if (!watcher) return;
    this.#recording = true;
    this.#sinkConsumer.startTimers();
  }

  /**
   * Calls `handler` with every event, one at a time (an async handler holds the next event back until it
   * settles). A handler that throws is logged; the next event still comes.
   *
   * @throws {@link InvalidArgumentError} when `handler` is not a function.
   */
  startEventWatcher(handler: (event: EventsV1Event) => void | PromiseLike<void>): WatchHandle {
    functionArgument(handler, 'handler');
    const watcher = this.#watch(guardedHandler(handler, this.#logger, (e) => describe(e, undefined)), (cause, event) =>
      this.#drops.report(this.#logger, cause, 'event watcher queue full, dropped event', describe(event, undefined)),
    );
    return watcher ? { stop: () => watcher.stop() } : inertHandle;
  }

  /**
   * Logs `Event occurred` at info level with object, kind, apiVersion, type, reason, action, note (client-go StartLogging).
   * A `logger` that is not an object (plain JavaScript) means the broadcaster's logger; one that throws loses its lines only.
   */
  startStructuredLogging(logger: Logger = this.#logger): WatchHandle {
    const safe = asLogger(logger, this.#logger);
    return this.startEventWatcher((event) => safe.info('Event occurred', structuredEventsV1Fields(event)));
  }

  /**
   * A recorder reporting as `reportingController` (a qualified name such as `example.com/my-operator`),
   * instance `options.reportingInstance` or `<reportingController>-<hostname>`. Never throws: an invalid
   * identity (including what plain JavaScript may pass: `undefined`, a number, a Symbol, options whose getter
   * throws) makes a recorder whose every event is dropped, counted in `stats().invalid` under
   * `InvalidReportingController` or `InvalidReportingInstance` and logged.
   */
  newRecorder(reportingController: string, options: EventsV1RecorderOptions = {}): EventsV1Recorder {
    let instance: unknown;
    try {
      instance = typeof options === 'object' && options !== null ? options.reportingInstance : undefined;
    } catch {
      // A throwing getter from plain JavaScript: the identity is invalid, every event is dropped for it.
      instance = null;
    }
    return new EventsV1RecorderImpl(
      { broadcaster: this.#broadcaster, clock: this.#clock, names: this.#names, drops: this.#drops, counters: this.#counters },
      reportingController,
      (instance === undefined && typeof reportingController === 'string' ? defaultReportingInstance(reportingController) : instance) as string,
      this.#logger,
    );
  }

  /** Counters of everything accepted, written and lost since construction. */
  stats(): EventsV1BroadcasterStats {
    return this.#counters.snapshot(this.#writer.queued, this.#sinkConsumer.cached);
  }

  /**
   * Waits until every write queued before the call is over (written or definitively failed), or until
   * `timeoutMs` (default 30 000) on the injected `sleep`, whichever comes first. `timeoutMs` is a number
   * of ms ≥ 0: `Infinity` waits without a deadline, and values above a timer's limit (2^31 − 1 ms) work
   * as long deadlines. Recording goes on meanwhile; retry sleeps are not shortened (only `shutdown()`
   * does that). Leaves no timer behind. Rejects only with an {@link InvalidArgumentError} when `options`
   * is not an object, or with {@link InvalidDurationError} (`code` `'InvalidDuration'`) when `timeoutMs`
   * is NaN, negative or not a number.
   *
   * What it waits for and counts, exactly: the sink consumer classifies every occurrence the moment it is
   * accepted, so at the call each occurrence accepted before it is either settled or is one write job in
   * the queue (queued, being written, waiting to retry, or, with `sinkConcurrency` above 1, waiting behind an
   * earlier write of its Event; jobs may then settle out of order, each is counted once). A first
   * occurrence is a create, a second one the PATCH that starts its series; third and later occurrences of
   * a series are only counted in the cache and are settled at once (their count is written by the
   * heartbeat, the finish sweep or `shutdown()`, which `flush()` does not force). Series PATCHes already
   * queued (heartbeat, finish, eviction) are waited for as well. Of those jobs, the result counts:
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
    options = optionsObject(options);
    const timeoutMs = checkTimeout('timeoutMs', options.timeoutMs, DEFAULT_FLUSH_TIMEOUT_MS);
    const wait = this.#writer.track();
    await runWithDeadline(wait.done, this.#sleep, timeoutMs);
    wait.cancel();
    const { written, failed, dropped, pending } = wait.counts;
    return { completed: pending === 0, written, failed, dropped, pending };
  }

  /**
   * Stops accepting events, hands what was accepted to every consumer and stops the timers, then keeps
   * writing until `timeoutMs` (default 30 000, measured on the injected `clock`, waited on the injected
   * `sleep`): every queued write is written, and every live series whose latest count was not written gets
   * a final PATCH (client-go abandons them). `timeoutMs` is a number of ms ≥ 0: `Infinity` means no
   * deadline, values above a timer's limit (2^31 − 1 ms) work as long deadlines; NaN, a negative number
   * or a non-number rejects with {@link InvalidDurationError} (`code` `'InvalidDuration'`) and shuts
   * nothing down.
   *
   * With `retryPolicy: 'server-aware'` (default), writes in retry and writes that fail now go on retrying;
   * each retry sleep (the one in progress when shutdown begins included) lasts at most half the time left
   * before the deadline (`cutToDeadline`), so the next attempt still fits. With `'client-go'` there
   * is no retry after shutdown begins: a failed attempt is final and a sleep in progress ends at once, as
   * tools/events.
   *
   * At the deadline every write left (queued, being written, waiting to retry, or waiting behind an
   * earlier write of its Event) is abandoned, counted in `dropped.shutdown` (a series PATCH:
   * `series.failedWrites`; an answer the sink gives later is ignored) and reported in `abandoned`; every
   * sleep ends, no timer is left behind and `writes$` completes.
   * Idempotent: every caller gets the same result. Rejects with an {@link InvalidArgumentError} (and does
   * nothing) when `options` is not an object.
   */
  shutdown(options: ShutdownOptions = {}): Promise<EventsV1ShutdownResult> {
    const checked = optionsOrError(options);
    if (checked instanceof InvalidArgumentError) return Promise.reject(checked);
    return this.#shutdown.run(checked);
  }

  async #doShutdown(timeoutMs: number): Promise<EventsV1ShutdownResult> {
    const { completed, abandoned } = await shutDownWithDeadline(
      {
        broadcaster: this.#broadcaster,
        consumers: this.#consumers,
        writer: this.#writer,
        sinkConsumer: this.#sinkConsumer,
        recording: this.#recording,
        clock: this.#clock,
        sleep: this.#sleep,
        logger: this.#logger,
      },
      timeoutMs,
    );
    await closeSinks([this.#sink], this.#sleep);
    // Every drop reaches the log: the summaries still summing in a window are written now.
    this.#drops.flush();
    this.#writes.complete();
    return { completed, abandoned, stats: this.stats() };
  }

  #watch(consumer: WatchConsumer<EventsV1Event>, onLost: (cause: LostCause, event: EventsV1Event) => void): QueueWatcher<EventsV1Event> | undefined {
    const watcher = this.#consumers.start(consumer, onLost);
    if (!watcher) this.#logger.error('Unable to start event watcher: broadcaster is shut down');
    return watcher;
  }
}
