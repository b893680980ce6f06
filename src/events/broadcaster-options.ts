// The options and the shutdown result of EventsV1Broadcaster: every knob with its default and unit.
import type { RetryOptions, RetryPolicyName } from '../engine/retry-policy.js';
import type { Sleep } from '../engine/sleep.js';
import type { Clock, Logger } from '../shared/types.js';
import type { EventsV1Sink } from './sink.js';
import type { EventsV1BroadcasterStats } from './stats.js';
import type { Ticker } from './ticker.js';

/**
 * The sink's name in diagnostics messages and `writes$` outcomes (a broadcaster writes to one sink).
 *
 * @category events.k8s.io
 */
export const EVENTS_V1_SINK_NAME = 'events.k8s.io/v1';

/**
 * Options of {@link EventsV1Broadcaster}. Every dependency with a real default can be injected for tests.
 *
 * @category events.k8s.io
 */
export interface EventsV1BroadcasterOptions {
  /** Where events are written (client-go passes the sink to `NewBroadcaster` too), e.g. an {@link EventsV1EventSink}. */
  readonly sink: EventsV1Sink;
  /**
   * Pace of retries, in ms (a finite number ≥ 0). Default 10 000 (client-go's `defaultSleepDuration`).
   * With `retryPolicy: 'client-go'`: the base delay between write attempts, each delay
   * `d + random() × 0.25 × d` (tools/events' `wait.Jitter(d, 0.25)`). With `'server-aware'`: the longest
   * backoff after a transport error or a 5xx (1 s doubling up to it, full jitter; `retry.maxDelayMs`
   * overrides it); 0 retries at once. A 429's `Retry-After` is honoured whatever it is (up to
   * `retry.maxRetryAfterMs`).
   */
  readonly sleepDurationMs?: number | undefined;
  /**
   * Which failed writes are retried and how long to wait, for creates, series-start PATCHes and final
   * series counts (at most 12 tries each). Default `'server-aware'`: 429 waits for `Retry-After` (capped),
   * 500, 502, 503, 504 and transport errors back off exponentially with full jitter up to
   * `sleepDurationMs`, other statuses are final, and during `shutdown()` retries go on with every sleep
   * cut to fit the deadline. A request that cannot be built (e.g. a BigInt in it) is final under both
   * policies (`dropped.requestInvalid`).
   * `'client-go'` restores tools/events' exact rule: every HTTP status is final, anything else is retried
   * after `sleepDurationMs` jittered by 25 %, and nothing is retried once shutdown begins. Under both,
   * AlreadyExists on the create of a series is retried (its PATCH then finds the Event).
   */
  readonly retryPolicy?: RetryPolicyName | undefined;
  /** Tuning of the `'server-aware'` policy's backoff and `Retry-After` cap. */
  readonly retry?: RetryOptions | undefined;
  /**
   * Writes run at once. Default 1: one at a time, in queue order (client-go). With more, writes of
   * different Events run in parallel while the writes of one Event stay in order: its create always
   * before its series PATCHes (start, heartbeats, finish, final count). Third and later occurrences of a
   * series are still only counted, at once.
   */
  readonly sinkConcurrency?: number | undefined;
  /** Client-side limit of API calls per second (retries included: every try takes a token). Default: no limit. */
  readonly writeQps?: number | undefined;
  /** Calls that may go at once after idling, with `writeQps`. Default `max(1, ceil(writeQps))`. */
  readonly writeBurst?: number | undefined;
  /** Capacity of the incoming queue, of each watcher's queue and of the write queue, in events. Default 1000. */
  readonly maxQueuedEvents?: number | undefined;
  /**
   * `false` turns series off: every occurrence is created as an Event of its own (kube-record extension;
   * client-go cannot). Default true.
   */
  readonly series?: boolean | undefined;
  /** Bound of the series cache, in entries; the least recently seen entry is pushed out (its count written first). Default 4096. */
  readonly cacheSize?: number | undefined;
  /**
   * Keep `resourceVersion` of regarding/related in the series key, as client-go does in effect: an object
   * that changed between two occurrences then starts a new Event. Default false.
   */
  readonly seriesKeyIncludesResourceVersion?: boolean | undefined;
  /** Aborting it shuts the broadcaster down (client-go's context). */
  readonly signal?: AbortSignal | undefined;
  /** Where drops, rejections and retries are reported. Default: a console logger. */
  readonly logger?: Logger | undefined;
  /** Random source in [0, 1) for the retry jitter. Default `Math.random`. */
  readonly random?: (() => number) | undefined;
  /** Clock for eventTime, series times, the finish sweep and the shutdown deadline. Default: real time. */
  readonly clock?: Clock | undefined;
  /** How retries and the flush and shutdown deadlines wait. Default: real timers, cleared on abort. */
  readonly sleep?: Sleep | undefined;
  /** Runs the heartbeat (30 min) and the finish sweep (6 min). Default: unref'd `setInterval`. */
  readonly ticker?: Ticker | undefined;
}

/**
 * What {@link EventsV1Broadcaster.shutdown} reports.
 *
 * @category events.k8s.io
 */
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
