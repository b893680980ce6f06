// Per-object spam filter (client-go EventSourceObjectSpamFilter, §3.5): a token bucket per spam key,
// full at first (25 events), refilled at qps (one every 5 minutes).
import type { ResolvedCorrelatorOptions } from './correlator-options.js';
import { BoundedCache } from './bounded-cache.js';

/** One spam key's bucket; a class, not a literal, so that V8 does not pretenure it (see EventLogEntry in event-log.ts). */
class TokenBucket {
  constructor(
    public tokens: number,
    /** When `tokens` was last brought up to date, ms since the epoch. */
    public lastMs: number,
  ) {}
}

/** The spam filter of one correlator. */
export class SpamFilter {
  readonly #cache: BoundedCache<TokenBucket>;
  readonly #options: ResolvedCorrelatorOptions;

  constructor(options: ResolvedCorrelatorOptions) {
    this.#options = options;
    this.#cache = new BoundedCache(options.lruCacheSize);
  }

  /** Whether an event with spam key `key` at `now` (ms since the epoch) must be skipped. Takes one token when it passes. */
  filter(key: string, now: number): boolean {
    const { burstSize, qps } = this.#options;
    // get() refreshes recency (upstream stores the record back for that); a new bucket is set once.
    let bucket = this.#cache.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(burstSize, now);
      this.#cache.set(key, bucket);
    }
    // As golang.org/x/time/rate: refill by elapsed × qps, capped at the burst; a rejection consumes
    // nothing and does not advance the bucket's time.
    const elapsedSeconds = Math.max(0, now - bucket.lastMs) / 1000;
    const tokens = Math.min(burstSize, bucket.tokens + elapsedSeconds * qps);
    const accept = tokens >= 1;
    if (accept) {
      bucket.tokens = tokens - 1;
      bucket.lastMs = now;
    }
    return !accept;
  }
}
