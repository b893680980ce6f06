// What both broadcasters (core/v1 and events.k8s.io/v1) promise alike: the capacity of their queues, the
// default deadlines of shutdown() and flush(), and the handle every start* method returns.

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
 * What `startRecordingToSink` and the other `start*` methods return.
 *
 * @category Recording
 */
export interface WatchHandle {
  /** Detaches this consumer; events still queued for it are discarded (and counted). Idempotent. */
  stop(): void;
}

/**
 * Options of `shutdown()` of both broadcasters.
 *
 * @category Recording
 */
export interface ShutdownOptions {
  /**
   * How long to keep writing what is queued and in retry, in ms (≥ 0). Default 30 000. `Infinity`: no
   * deadline; above 2^31 − 1 it still works (a chain of timers). NaN, a negative number or a non-number
   * rejects with {@link InvalidDurationError}.
   */
  readonly timeoutMs?: number | undefined;
}
