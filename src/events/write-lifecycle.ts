// Where the events.k8s.io/v1 writer stands in its broadcaster's shutdown, and every wait that shutdown
// cuts or ends: retry sleeps (cut to fit the deadline) and the client-side rate limit's waits.
import { cutToDeadline } from '../engine/outcomes.js';
import type { TokenBucket } from '../engine/rate-limiter.js';
import type { RetryPolicyName } from '../engine/retry-policy.js';
import type { SinkCallOptions } from '../engine/call-options.js';
import type { Sleep } from '../engine/sleep.js';
import type { Clock } from '../shared/types.js';

/** What the lifecycle needs from the writer's broadcaster. */
export interface WriteLifecycleContext {
  readonly sleep: Sleep;
  /** Measures the shutdown deadline and the part of a retry sleep left when shutdown begins. */
  readonly clock: Clock;
  /** `'client-go'`: no retry once shutdown begins; `'server-aware'`: retries go on, cut to the deadline. */
  readonly policy: RetryPolicyName;
  /** The client-side rate limit of API calls, if any. */
  readonly limiter?: TokenBucket | undefined;
}

/** The writer's shutdown state and waits; see the file header. */
export class WriteLifecycle {
  readonly #ctx: WriteLifecycleContext;
  /** Aborted when shutdown begins: sleeps are cut to the deadline ('client-go': no retry at all). */
  readonly #stopping = new AbortController();
  /** Aborted at the shutdown deadline: every sleep ends, what is left is abandoned. */
  readonly #deadline = new AbortController();
  #deadlineAt = Number.POSITIVE_INFINITY;
  /** Passed to every sink call: the deadline cancels a request still running (no socket outlives shutdown). */
  readonly callOptions: SinkCallOptions = { signal: this.#deadline.signal };

  constructor(ctx: WriteLifecycleContext) {
    this.#ctx = ctx;
  }

  /** Shutdown has begun. */
  get stopping(): boolean {
    return this.#stopping.signal.aborted;
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

  /** The deadline has come (or shutdown is over): every sleep ends, and sink calls still running are cancelled. Idempotent. */
  endSleeps(): void {
    this.#deadline.abort();
  }

  /** A retry sleep during shutdown: at most half the time left before the deadline. */
  cut(delayMs: number): number {
    return cutToDeadline(delayMs, this.#deadlineAt - this.#ctx.clock.now().getTime());
  }

  /**
   * Waits `delayMs` before the next attempt; false when the job must stop instead (`'client-go'` after
   * shutdown began, or the deadline passed). A sleep that shutdown interrupts goes on for what was left of
   * it, cut to fit the deadline.
   */
  async pause(delayMs: number): Promise<boolean> {
    const { sleep, clock, policy } = this.#ctx;
    const stopping = this.#stopping.signal;
    let left = delayMs;
    if (!stopping.aborted) {
      const start = clock.now().getTime();
      await sleep(delayMs, stopping);
      if (!stopping.aborted) return true;
      if (policy === 'client-go') return false;
      left = this.cut(Math.max(0, start + delayMs - clock.now().getTime()));
    }
    const deadline = this.#deadline.signal;
    if (deadline.aborted) return false;
    await sleep(left, deadline);
    return !deadline.aborted;
  }

  /**
   * Takes a token of the client-side rate limit for one API call (every try pays one). Returns the wait
   * before the call, or undefined when it may go at once (no limit, or a token is there). Shutdown does not
   * shorten the wait; the deadline ends it.
   */
  throttle(): Promise<void> | undefined {
    const limiter = this.#ctx.limiter;
    if (!limiter) return undefined;
    const waitMs = limiter.reserve();
    return waitMs > 0 ? this.#ctx.sleep(waitMs, this.#deadline.signal) : undefined;
  }
}
