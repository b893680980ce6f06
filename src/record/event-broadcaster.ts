// EventBroadcaster: the hub of core/v1 recording (client-go eventBroadcasterImpl, §3.8–3.10). Recorders
// push events in; sinks, loggers and custom watchers each consume them through a bounded queue.
import type { CoreV1Event } from '@kubernetes/client-node';
import { Subject, type Observable } from 'rxjs';
import { Broadcaster } from '../watch/broadcaster.js';
import { ConsumerSet, stopConsumers, type LostCause } from '../watch/consumer-set.js';
import type { QueueWatcher, WatchConsumer } from '../watch/watcher.js';
import { correlatorSharingNames } from './correlator.js';
import type { CorrelatorOptions } from './correlator-options.js';
import { systemClock } from './correlator-options.js';
import { whenAborted } from './abort.js';
import { closeSinks } from './close-sinks.js';
import { runWithDeadline } from './deadline.js';
import { DropReporter } from './drop-reporter.js';
import { EventNameGenerator } from './event-name.js';
import { formatEventLine, structuredEventFields } from './logging.js';
import { createConsoleLogger } from './logger.js';
import { CoreV1EventRecorder, type EventRecorder } from './recorder.js';
import type { EventSink } from './sink.js';
import type { FlushCounts } from './flush-tracker.js';
import type { FlushOptions, FlushResult, WriteOutcome } from './outcomes.js';
import { SinkPipeline } from './sink-pipeline.js';
import { DEFAULT_SLEEP_DURATION_MS, describe, SinkWriter, type SinkLifecycle } from './sink-writer.js';
import { RetryPolicy, type RetryOptions, type RetryPolicyName } from './retry-policy.js';
import { realSleep, type Sleep } from './sleep.js';
import { emptyDropCounts, SinkCounters, totalStats, type EventBroadcasterStats, type SinkStats } from './stats.js';
import type { Clock, EventSource, Logger } from './types.js';
import { validateWriteOptions, writeLimiter } from './write-options.js';

/**
 * Capacity of the incoming queue and of each consumer's queue (client-go `maxQueuedEvents`).
 *
 * @category Recording
 */
export const DEFAULT_MAX_QUEUED_EVENTS = 1000;
/**
 * How long `shutdown()` waits for queued events to be written by default, in ms.
 *
 * @category Recording
 */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;
/**
 * How long `flush()` waits by default, in ms.
 *
 * @category Recording
 */
export const DEFAULT_FLUSH_TIMEOUT_MS = 30_000;

/**
 * Options of {@link EventBroadcaster}. Every dependency with a real default can be injected for tests.
 *
 * @category Recording
 */
export interface EventBroadcasterOptions {
  /** With `retryPolicy: 'client-go'`: delay between write attempts, in ms; the first one is `random() × sleepDurationMs`. Default 10 000. */
  readonly sleepDurationMs?: number;
  /** Correlation knobs for every sink (each sink gets its own correlator). */
  readonly correlatorOptions?: CorrelatorOptions;
  /** Capacity of the incoming queue and of each consumer's queue, in events. Default 1000. */
  readonly maxQueuedEvents?: number;
  /** Aborting it shuts the broadcaster down (client-go's `WithContext`). */
  readonly signal?: AbortSignal;
  /** Where drops, rejections and retries are reported. Default: a console logger. */
  readonly logger?: Logger;
  /** Random source in [0, 1) for retry jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Clock for event timestamps (and the correlators, unless `correlatorOptions.clock`). Default: real time. */
  readonly clock?: Clock;
  /** How retries and the shutdown deadline wait. Default: real timers, cleared on abort. */
  readonly sleep?: Sleep;
  /**
   * Which failures are retried and how long to wait. Default `'server-aware'` (429 honours `Retry-After`,
   * 5xx and transport errors back off with jitter, other statuses are final); `'client-go'` restores
   * client-go's exact rule (every status final, first sleep random, then `sleepDurationMs`).
   */
  readonly retryPolicy?: RetryPolicyName;
  /** Tuning of the `'server-aware'` policy's backoff and `Retry-After` cap. */
  readonly retry?: RetryOptions;
  /**
   * Writes each sink runs at once. Default 1: one at a time, in arrival order (client-go). With more,
   * writes of different events run in parallel while the writes of one event (its create, then its
   * count patches) stay in order.
   */
  readonly sinkConcurrency?: number;
  /** Client-side limit of each sink's API calls per second (retries included). Default: no limit. */
  readonly writeQps?: number;
  /** Calls a sink may make at once after idling, with `writeQps`. Default `max(1, ceil(writeQps))`. */
  readonly writeBurst?: number;
}

/**
 * What `startRecordingToSink` and the other `start*` methods return.
 *
 * @category Recording
 */
export interface WatchHandle {
  /** Detaches this consumer; events still queued for it are discarded (and counted). Idempotent. */
  stop(): void;
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
  readonly name?: string;
}

/**
 * Options of {@link EventBroadcaster.shutdown}.
 *
 * @category Recording
 */
export interface ShutdownOptions {
  /** How long to keep writing what is queued and in retry, in ms. Default 30 000. */
  readonly timeoutMs?: number;
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
  readonly #names = new EventNameGenerator();
  readonly #drops: DropReporter;
  readonly #stopping = new AbortController();
  readonly #deadline = new AbortController();
  #deadlineAt: number | undefined;
  readonly #lifecycle: SinkLifecycle;
  readonly #writes = new Subject<WriteOutcome<CoreV1Event>>();
  readonly #sinks: SinkEntry[] = [];
  readonly #consumers: ConsumerSet<CoreV1Event>;
  readonly #ownDrops = emptyDropCounts();
  #accepted = 0;
  #shutdown: Promise<ShutdownResult> | undefined;
  #detachSignal: (() => void) | undefined;

  /**
   * Every write outcome of every sink: created, patched, retried, failed (with `cause` and `status`) and
   * dropped (spam-filtered, queue full, shutdown). Emitted synchronously as they happen; free while
   * nobody subscribes. Completes when shutdown ends.
   */
  readonly writes$: Observable<WriteOutcome<CoreV1Event>> = this.#writes.asObservable();

  /** @throws RangeError when `sinkConcurrency`, `writeQps` or `writeBurst` is not a usable number. */
  constructor(options: EventBroadcasterOptions = {}) {
    validateWriteOptions(options);
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? createConsoleLogger();
    this.#sleep = options.sleep ?? realSleep;
    this.#drops = new DropReporter(this.#clock);
    const max = options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
    this.#broadcaster = new Broadcaster({ queueLength: max, incomingQueueLength: max, fullChannelBehavior: 'drop' });
    this.#consumers = new ConsumerSet(this.#broadcaster);
    this.#lifecycle = { stopping: this.#stopping.signal, deadline: this.#deadline.signal, deadlineAt: () => this.#deadlineAt };
    this.#detachSignal = whenAborted(options.signal, () => void this.shutdown());
  }

  /**
   * Writes every event to `sink` through a correlator of its own (aggregation, dedupe, spam filter),
   * `sinkConcurrency` writes at a time, retrying per `retryPolicy` (at most 12 tries).
   */
  startRecordingToSink(sink: EventSink, options: SinkOptions = {}): SinkHandle {
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
      retryPolicy: new RetryPolicy(retryPolicy, o.sleepDurationMs ?? DEFAULT_SLEEP_DURATION_MS, o.random ?? Math.random, o.retry),
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
   */
  startEventWatcher(handler: (event: CoreV1Event) => void | PromiseLike<void>): WatchHandle {
    const logger = this.#logger;
    const safe: WatchConsumer<CoreV1Event> = (event) => {
      try {
        const out = handler(event);
        if (out && typeof out.then === 'function') {
          return out.then(undefined, (err: unknown) => logger.error('Event handler failed', { ...describe(event), error: String(err) }));
        }
      } catch (err) {
        logger.error('Event handler failed', { ...describe(event), error: err instanceof Error ? err.message : String(err) });
      }
      return undefined;
    };
    const watcher = this.#watch(safe, (cause, event) =>
      this.#drops.report(logger, cause, 'event watcher queue full, dropped event', describe(event)),
    );
    return watcher ? { stop: () => watcher.stop() } : inertHandle;
  }

  /** Calls `logf` with client-go's line: `Event(v1.ObjectReference{…}): type: 'Normal' reason: 'Started' …`. */
  startLogging(logf: (line: string) => void): WatchHandle {
    return this.startEventWatcher((event) => logf(formatEventLine(event)));
  }

  /** Logs `Event occurred` at info level with object, fieldPath, kind, apiVersion, type, reason, message. */
  startStructuredLogging(logger: Logger = this.#logger): WatchHandle {
    return this.startEventWatcher((event) => logger.info('Event occurred', structuredEventFields(event)));
  }

  /** A recorder that reports as `source` (`reportingComponent` = component, `reportingInstance` = host). */
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
   * every sink, or at `timeoutMs` (default 30 000), whichever comes first. Recording goes on meanwhile;
   * events accepted after the call are not waited for nor counted. Event watchers and loggers are not
   * waited for. Never rejects.
   */
  async flush(options: FlushOptions = {}): Promise<FlushResult> {
    const waits = this.#sinks.map((s) => s.pipeline.tracker.waitFor(s.watcher.pending));
    const completed = await runWithDeadline(
      Promise.all(waits.map((w) => w.done)),
      this.#sleep,
      options.timeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS,
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
   */
  shutdown(options: ShutdownOptions = {}): Promise<ShutdownResult> {
    this.#shutdown ??= this.#doShutdown(options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
    return this.#shutdown;
  }

  async #doShutdown(timeoutMs: number): Promise<ShutdownResult> {
    this.#detachSignal?.();
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
