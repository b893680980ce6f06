// Client-side write rate limit of one sink: a token bucket (golang.org/x/time/rate's reservation model)
// read from the injectable clock, so tests drive it without real time.
import type { Clock } from '../shared/types.js';

/** Options of {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Sustained rate, in API calls per second (> 0). */
  readonly qps: number;
  /** Calls allowed at once after idling (≥ 1). */
  readonly burst: number;
  readonly clock: Clock;
}

/**
 * A token bucket that hands out reservations: `reserve()` takes a token now and says how long the caller
 * must wait before using it. Concurrent callers queue up in call order, each `1 / qps` s behind the
 * previous one once the burst is spent.
 */
export class TokenBucket {
  readonly #perTokenMs: number;
  readonly #burst: number;
  readonly #clock: Clock;
  #tokens: number;
  #updatedAt: number;

  constructor(options: TokenBucketOptions) {
    this.#perTokenMs = 1000 / options.qps;
    this.#burst = options.burst;
    this.#clock = options.clock;
    this.#tokens = options.burst;
    this.#updatedAt = options.clock.now().getTime();
  }

  /** Takes one token; returns how long to wait before the call it pays for, in ms (0: at once). */
  reserve(): number {
    const now = this.#clock.now().getTime();
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsed / this.#perTokenMs);
    this.#updatedAt = now;
    this.#tokens -= 1;
    // A negative balance is the queue of callers ahead: this one waits until its token has accrued.
    return this.#tokens >= 0 ? 0 : -this.#tokens * this.#perTokenMs;
  }
}
