// EventBroadcaster: the hub of core/v1 recording (client-go eventBroadcasterImpl, §3.8–3.10). Recorders
// push events in; sinks, loggers and custom watchers each consume them through a bounded queue.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { Observable } from 'rxjs';
import { Broadcaster } from '../watch/broadcaster.js';
import { ConsumerSet, stopConsumers, type LostCause } from '../watch/consumer-set.js';
import type { QueueWatcher, WatchConsumer } from '../watch/watcher.js';
import { correlatorSharingNames } from './correlator.js';
import type { CorrelatorOptions } from './correlator-options.js';
import { systemClock } from '../shared/clock.js';
import { guardedHandler } from '../shared/guarded-handler.js';
import { OutcomeStream } from '../engine/outcome-stream.js';
import { ShutdownOnce } from '../engine/shutdown-once.js';
import { closeSinks } from '../engine/close-sinks.js';
import { runWithDeadline } from '../engine/deadline.js';
import { DropReporter } from '../engine/drop-reporter.js';
import { EventNameGenerator } from '../shared/event-name.js';
import { formatEventLine, structuredEventFields } from './logging.js';
import { asLogger, createConsoleLogger } from '../shared/logger.js';
import { checkDependencies, functionArgument, sinkArgument } from '../shared/argument-checks.js';
import { InvalidArgumentError, optionsObject, optionsOrError } from '../watch/argument-error.js';
import { CoreV1EventRecorder, type EventRecorder } from './recorder.js';
import type { EventSink } from './sink.js';
import type { FlushCounts } from '../engine/flush-tracker.js';
import type { FlushOptions, FlushResult, WriteOutcome } from '../engine/outcomes.js';
import { SinkPipeline } from './sink-pipeline.js';
import { DEFAULT_SLEEP_DURATION_MS, describe, SinkWriter, type SinkLifecycle } from './sink-writer.js';
import { checkRetryOptions, RetryPolicy, type RetryOptions, type RetryPolicyName } from '../engine/retry-policy.js';
import { realSleep, type Sleep } from '../engine/sleep.js';
import { checkDelay, checkTimeout } from '../engine/timer-delay.js';
import { emptyDropCounts } from '../shared/drop-cause.js';
import { SinkCounters, totalStats, type EventBroadcasterStats, type SinkStats } from './stats.js';
import {
  DEFAULT_FLUSH_TIMEOUT_MS,
  DEFAULT_MAX_QUEUED_EVENTS,
  type ShutdownOptions,
  type WatchHandle,
} from '../shared/broadcaster-contract.js';
import type { Clock, EventSource, Logger } from '../shared/types.js';
import { validateWriteOptions, writeLimiter } from '../engine/write-options.js';

/**
 * Options of {@link EventBroadcaster}. Every dependency with a real default can be injected for tests.
 *
 * @category Recording
 */
export interface EventBroadcasterOptions {
  /**
   * Pace of retries, in ms (a finite number ≥ 0). Default 10 000 (client-go's `defaultSleepDuration`).
   * With `retryPolicy: 'client-go'`: the delay between write attempts, the first one
   * `random() × sleepDurationMs`. With `'server-aware'`: the longest backoff after a transport error or a
   * 5xx (1 s doubling up to it, full jitter; `retry.maxDelayMs` overrides it), so the first try after an
   * outage comes at most `sleepDurationMs` after the server is back; 0 retries at once. A 429's
   * `Retry-After` is honoured whatever it is (up to `retry.maxRetryAfterMs`).
   */
  readonly sleepDurationMs?: number | undefined;
  /** Correlation knobs for every sink (each sink gets its own correlator). */
  readonly correlatorOptions?: CorrelatorOptions | undefined;
  /**
   * Capacity of the incoming queue and of each consumer's queue, in events. Default 1000. As client-go's
   * watcher channel, the event a consumer is busy with (a sink's write in flight) is the only extra.
   */
  readonly maxQueuedEvents?: number | undefined;
  /** Aborting it shuts the broadcaster down (client-go's `WithContext`). */
  readonly signal?: AbortSignal | undefined;
  /** Where drops, rejections and retries are reported. Default: a console logger. */
  readonly logger?: Logger | undefined;
  /** Random source in [0, 1) for retry jitter. Default `Math.random`. */
  readonly random?: (() => number) | undefined;
  /** Clock for event timestamps (and the correlators, unless `correlatorOptions.clock`). Default: real time. */
  readonly clock?: Clock | undefined;
  /** How retries and the shutdown deadline wait. Default: real timers, cleared on abort. */
  readonly sleep?: Sleep | undefined;
  /**
   * Which failures are retried and how long to wait. Default `'server-aware'` (429 honours `Retry-After`,
   * 5xx and transport errors back off with jitter up to `sleepDurationMs`, other statuses are final);
   * `'client-go'` restores client-go's exact rule (every status final, first sleep random, then
   * `sleepDurationMs`). A request that cannot be built (e.g. a BigInt in it) is final under both
   * (`dropped.requestInvalid`).
   */
  readonly retryPolicy?: RetryPolicyName | undefined;
  /** Tuning of the `'server-aware'` policy's backoff and `Retry-After` cap. */
  readonly retry?: RetryOptions | undefined;
  /**
   * Writes each sink runs at once. Default 1: one at a time, in arrival order (client-go). With more,
   * writes of different events run in parallel while the writes of one event (its create, then its
   * count patches) stay in order.
   */
  readonly sinkConcurrency?: number | undefined;
  /** Client-side limit of each sink's API calls per second (retries included). Default: no limit. */
  readonly writeQps?: number | undefined;
  /** Calls a sink may make at once after idling, with `writeQps`. Default `max(1, ceil(writeQps))`. */
  readonly writeBurst?: number | undefined;
}

/**
 * What `startRecordingToSink` returns.
 *
 * @category Recording
 */
export interface SinkHandle extends WatchHandle {
  /** This sink's counters. */
  stats(): SinkStats;
}

/**
 * Options of one `startRecordingToSink` call.
 *
 * @category Recording
 */
export interface SinkOptions {
  /** Name in stats and logs. Default `sink-<n>`. */
  readonly name?: string | undefined;
}

/**
 * What {@link EventBroadcaster.shutdown} reports.
 *
 * @category Recording
 */
export interface ShutdownResult {
  /** True when every queued event was handled (written or definitively failed) before the deadline. */
  readonly completed: boolean;
  /** Events abandoned at the deadline (still queued or being written), over all consumers. */
  readonly abandoned: number;
  /** The final counters. */
  readonly stats: EventBroadcasterStats;
}

interface SinkEntry {
  readonly sink: EventSink;
  readonly counters: SinkCounters;
  readonly watcher: QueueWatcher<CoreV1Event>;
  readonly pipeline: SinkPipeline;
}

const inertHandle: SinkHandle = Object.freeze({
  stop: () => undefined,
  stats: () => new SinkCounters('stopped').snapshot(0),
});

/**
 * Receives events from its recorders and fans them out to sinks and watchers (client-go's
 * `EventBroadcaster`). Each consumer has its own bounded queue (drop-if-full): a slow API server never
 * blocks `eventf` nor the other consumers, and every drop is counted in {@link EventBroadcaster.stats}.
 *
 * @example
 * ```ts
 * import { KubeConfig } from '@kubernetes/client-node';
 * import { CoreV1EventSink, EventBroadcaster } from 'kube-record';
 *
 * const kc = new KubeConfig();
 * kc.loadFromDefault();
 * const broadcaster = new EventBroadcaster();
 * broadcaster.startRecordingToSink(new CoreV1EventSink(kc));
 * const recorder = broadcaster.newRecorder({ component: 'my-operator' });
 * recorder.eventf(pod, 'Normal', 'Synced', 'synced %s', pod.metadata.name);
 * await broadcaster.shutdown();
 * ```
 *
 * @category Recording
 */
export class EventBroadcaster {
  readonly #broadcaster: Broadcaster<CoreV1Event>;
  readonly #options: EventBroadcasterOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #sleep: Sleep;
  readonly #sleepDurationMs: number;
  readonly #names = new EventNameGenerator();
  readonly #drops: DropReporter;
  readonly #stopping = new AbortController();
  readonly #deadline = new AbortController();
  #deadlineAt: number | undefined;
  readonly #lifecycle: SinkLifecycle;
  readonly #writes = new OutcomeStream<CoreV1Event>();
  readonly #sinks: SinkEntry[] = [];
  readonly #consumers: ConsumerSet<CoreV1Event>;
  readonly #ownDrops = emptyDropCounts();
  #accepted = 0;
  readonly #shutdown: ShutdownOnce<ShutdownResult>;

  /**
   * Every write outcome of every sink: created, patched, retried, failed (with `cause` and `status`) and
   * dropped (spam-filtered, queue full, shutdown). Emitted synchronously as they happen; free while
   * nobody subscribes. Completes when shutdown ends.
   */
  readonly writes$: Observable<WriteOutcome<CoreV1Event>> = this.#writes.observable;

  /**
   * @throws RangeError when `sinkConcurrency`, `writeQps` or `writeBurst` is not a usable number;
   * {@link InvalidDurationError} (a RangeError) when `sleepDurationMs` or a `retry` duration is not a
   * finite number ≥ 0.
   * @throws {@link InvalidArgumentError} when `options` is not an object (`undefined` and `null` mean the
   *   defaults) or cannot be read, or `clock`, `sleep`, `random` or `signal` is not what it must be.
   */
  constructor(options: EventBroadcasterOptions = {}) {
    options = optionsObject(options);
    validateWriteOptions(options);
    checkDependencies(options);
    this.#sleepDurationMs = checkDelay('sleepDurationMs', options.sleepDurationMs, DEFAULT_SLEEP_DURATION_MS);
    checkRetryOptions(options.retry);
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#logger = asLogger(options.logger, createConsoleLogger());
    this.#sleep = options.sleep ?? realSleep;
    this.#drops = new DropReporter(this.#clock);
    const max = options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
    this.#broadcaster = new Broadcaster({ queueLength: max, incomingQueueLength: max, fullChannelBehavior: 'drop' });
    this.#consumers = new ConsumerSet(this.#broadcaster);
    this.#lifecycle = { stopping: this.#stopping.signal, deadline: this.#deadline.signal, deadlineAt: () => this.#deadlineAt };
    this.#shutdown = new ShutdownOnce((timeoutMs) => this.#doShutdown(timeoutMs), options.signal);
  }

  /**
   * Writes every event to `sink` through a correlator of its own (aggregation, dedupe, spam filter),
   * `sinkConcurrency` writes at a time, retrying per `retryPolicy` (at most 12 tries).
   *
   * @throws {@link InvalidArgumentError} when `sink` has no `create` and `patch` methods, or `options` is not an object.
   */
  startRecordingToSink(sink: EventSink, options: SinkOptions = {}): SinkHandle {
    sinkArgument(sink, 'sink');
    options = optionsObject(options);
    const o = this.#options;
    const counters = new SinkCounters(options.name ?? `sink-${this.#sinks.length + 1}`);
    const correlatorOptions = o.correlatorOptions ?? {};
    const retryPolicy = o.retryPolicy ?? 'server-aware';
    const writer = new SinkWriter({
      sink,
      correlator: correlatorSharingNames({ ...correlatorOptions, clock: correlatorOptions.clock ?? this.#clock }, this.#names),
      counters,
      logger: this.#logger,
      drops: this.#drops,
      sleep: this.#sleep,
      clock: this.#clock,
      retryPolicy: new RetryPolicy(retryPolicy, this.#sleepDurationMs, o.random ?? Math.random, o.retry),
      noRetryAfterShutdown: retryPolicy === 'client-go',
      lifecycle: this.#lifecycle,
      limiter: writeLimiter(o, this.#clock),
      writes: this.#writes,
    });
    const pipeline = new SinkPipeline(writer, o.sinkConcurrency ?? 1);
    const watcher = this.#watch(pipeline.consume, (cause, event) => {
      if (cause === 'shutdown') pipeline.discarded(event);
      else writer.lost(cause, event);
      this.#drops.report(this.#logger, cause, cause === 'queueFull' ? 'sink queue full, dropped event' : 'dropped queued event: sink stopped', {
        ...describe(event),
        sink: counters.name,
      });
    });
    if (!watcher) return inertHandle;
    const entry: SinkEntry = { sink, counters, watcher, pipeline };
    this.#sinks.push(entry);
    return { stop: () => watcher.stop(), stats: () => snapshotOf(entry) };
  }

  /**
   * Calls `handler` with every event, one at a time (an async handler holds the next event back until
   * it settles). A handler that throws is logged; the next event still comes.
   *
   * @throws {@link InvalidArgumentError} when `handler` is not a function.
   */
  startEventWatcher(handler: (event: CoreV1Event) => void | PromiseLike<void>): WatchHandle {
    functionArgument(handler, 'handler');
    const logger = this.#logger;
    const watcher = this.#watch(guardedHandler(handler, logger, describe), (cause, event) =>
      this.#drops.report(logger, cause, 'event watcher queue full, dropped event', describe(event)),
    );
    return watcher ? { stop: () => watcher.stop() } : inertHandle;
  }

  /**
   * Calls `logf` with client-go's line: `Event(v1.ObjectReference{…}): type: 'Normal' reason: 'Started' …`.
   *
   * @throws {@link InvalidArgumentError} when `logf` is not a function.
   */
  startLogging(logf: (line: string) => void): WatchHandle {
    functionArgument(logf, 'logf');
    return this.startEventWatcher((event) => logf(formatEventLine(event)));
  }

  /**
   * Logs `Event occurred` at info level with object, fieldPath, kind, apiVersion, type, reason, message.
   * A `logger` that is not an object (plain JavaScript) means the broadcaster's logger; one that throws loses its lines only.
   */
  startStructuredLogging(logger: Logger = this.#logger): WatchHandle {
    const safe = asLogger(logger, this.#logger);
    return this.startEventWatcher((event) => safe.info('Event occurred', structuredEventFields(event)));
  }

  /**
   * A recorder that reports as `source` (`reportingComponent` = component, `reportingInstance` = host).
   * Never throws: a `source` that is not `{ component: string, host?: string }` (plain JavaScript may pass
   * `undefined`, a number, an object whose getter throws) makes a recorder whose every event is dropped,
   * counted in `stats().dropped.invalid` and logged with code `InvalidSource`.
   */
  newRecorder(source: EventSource): EventRecorder {
    return new CoreV1EventRecorder(
      {
        broadcaster: this.#broadcaster,
        clock: this.#clock,
        names: this.#names,
        drops: this.#drops,
        onAccepted: () => {
          this.#accepted++;
        },
        onDropped: (cause) => {
          this.#ownDrops[cause]++;
        },
      },
      source,
      this.#logger,
    );
  }

  /** Counters of everything accepted, written and lost since construction. */
  stats(): EventBroadcasterStats {
    return totalStats(this.#accepted, this.#ownDrops, this.#sinks.map(snapshotOf));
  }

  /**
   * Resolves when every event accepted before the call has been written or has definitively failed in
   * every sink, or at `timeoutMs` (default 30 000), whichever comes first. `timeoutMs` is a number of
   * ms ≥ 0: `Infinity` waits without a deadline, and values above a timer's limit (2^31 − 1 ms) work as
   * long deadlines. Recording goes on meanwhile; events accepted after the call are not waited for nor
   * counted. Event watchers and loggers are not waited for. Rejects only with an
   * {@link InvalidArgumentError} when `options` is not an object, or with {@link InvalidDurationError}
   * (`code` `'InvalidDuration'`) when `timeoutMs` is NaN, negative or not a number.
   */
  async flush(options: FlushOptions = {}): Promise<FlushResult> {
    options = optionsObject(options);
    const timeoutMs = checkTimeout('timeoutMs', options.timeoutMs, DEFAULT_FLUSH_TIMEOUT_MS);
    const waits = this.#sinks.map((s) => s.pipeline.tracker.waitFor(s.watcher.pending));
    const completed = await runWithDeadline(
      Promise.all(waits.map((w) => w.done)),
      this.#sleep,
      timeoutMs,
    );
    for (const w of waits) w.cancel();
    return flushResult(
      completed,
      waits.map((w) => w.counts),
    );
  }

  /**
   * Stops accepting events, then keeps writing until `timeoutMs`: every queued event is written, and
   * events in retry go on retrying with each sleep cut to fit the deadline (at most half the time left).
   * With `retryPolicy: 'client-go'` there is no retry after shutdown, as client-go: a failed attempt is
   * final and a retry sleep in progress ends at once. At the deadline what is left (queued, being
   * written, waiting to retry) is abandoned, counted in `dropped.shutdown` and reported in `abandoned`;
   * no timer is left behind and `writes$` completes. Idempotent; every caller gets the same result.
   *
   * `timeoutMs` is a number of ms ≥ 0: `Infinity` means no deadline, values above a timer's limit
   * (2^31 − 1 ms) work as long deadlines. NaN, a negative number or a non-number rejects with
   * {@link InvalidDurationError} (`code` `'InvalidDuration'`) and shuts nothing down; so does `options`
   * that is not an object, with an {@link InvalidArgumentError}.
   */
  shutdown(options: ShutdownOptions = {}): Promise<ShutdownResult> {
    const checked = optionsOrError(options);
    if (checked instanceof InvalidArgumentError) return Promise.reject(checked);
    return this.#shutdown.run(checked);
  }

  async #doShutdown(timeoutMs: number): Promise<ShutdownResult> {
    this.#deadlineAt = this.#clock.now().getTime() + timeoutMs;
    await this.#broadcaster.shutdown();
    this.#stopping.abort();
    const consumers = this.#consumers.snapshot();
    const drained = Promise.all(consumers.map((w) => w.whenComplete())).then(() => Promise.all(this.#sinks.map((s) => s.pipeline.whenIdle())));
    const completed = await runWithDeadline(drained, this.#sleep, timeoutMs);
    // Ends every sleep still running (retry, rate limit); writes finishing later are not counted twice.
    this.#deadline.abort();
    let abandoned = 0;
    if (!completed) {
      abandoned = stopConsumers(consumers);
      for (const s of this.#sinks) abandoned += s.pipeline.abandon();
      this.#logger.error('Shutdown deadline reached, abandoning queued events', { abandoned, timeoutMs });
    }
    await closeSinks(
      this.#sinks.map((s) => s.sink),
      this.#sleep,
    );
    // Every drop reaches the log: the summaries still summing in a window are written now.
    this.#drops.flush();
    this.#writes.complete();
    return { completed, abandoned, stats: this.stats() };
  }


  #watch(consumer: WatchConsumer<CoreV1Event>, onLost: (cause: LostCause, event: CoreV1Event) => void): QueueWatcher<CoreV1Event> | undefined {
    const watcher = this.#consumers.start(consumer, onLost);
    if (!watcher) this.#logger.error('Unable to start event watcher: broadcaster is shut down');
    return watcher;
  }
}

/** A sink's counters, with what waits in its queue or on an earlier write counted as pending. */
function snapshotOf(entry: SinkEntry): SinkStats {
  return entry.counters.snapshot(entry.watcher.pending + entry.pipeline.active);
}

function flushResult(completed: boolean, counts: readonly FlushCounts[]): FlushResult {
  let written = 0;
  let failed = 0;
  let dropped = 0;
  let pending = 0;
  for (const c of counts) {
    written += c.written;
    failed += c.failed;
    dropped += c.dropped;
    pending += c.pending;
  }
  return { completed, written, failed, dropped, pending };
}
