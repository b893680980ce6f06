// Write tuning both broadcasters share: how many writes a sink runs at once, and the client-side rate
// limit of its API calls. One set of checks and defaults, so core/v1 and events.k8s.io/v1 agree.
import { TokenBucket } from './rate-limiter.js';
import type { Clock } from '../shared/types.js';

/** The write tuning options of both broadcasters (each documents them on its own options interface). */
export interface WriteOptions {
  readonly sinkConcurrency?: number | undefined;
  readonly writeQps?: number | undefined;
  readonly writeBurst?: number | undefined;
}

/** Default `sinkConcurrency`: one write at a time, in arrival order, as client-go. */
export const DEFAULT_SINK_CONCURRENCY = 1;

/** Rejects write tuning that cannot work, with the option's name in the message. */
export function validateWriteOptions(options: WriteOptions): void {
  const { sinkConcurrency, writeQps, writeBurst } = options;
  if (sinkConcurrency !== undefined && !(Number.isInteger(sinkConcurrency) && sinkConcurrency >= 1)) {
    throw new RangeError(`sinkConcurrency must be a whole number ≥ 1, got ${String(sinkConcurrency)}`);
  }
  if (writeQps !== undefined && !(Number.isFinite(writeQps) && writeQps > 0)) {
    throw new RangeError(`writeQps must be a finite number > 0, got ${String(writeQps)}`);
  }
  if (writeBurst !== undefined && !(Number.isInteger(writeBurst) && writeBurst >= 1)) {
    throw new RangeError(`writeBurst must be a whole number ≥ 1, got ${String(writeBurst)}`);
  }
  if (writeBurst !== undefined && writeQps === undefined) throw new RangeError('writeBurst needs writeQps');
}

/**
 * The rate limit `writeQps` and `writeBurst` ask for, or undefined without `writeQps` (no limit). The
 * default burst, `max(1, ceil(writeQps))`, is one second's worth of calls.
 */
export function writeLimiter(options: WriteOptions, clock: Clock): TokenBucket | undefined {
  const { writeQps: qps, writeBurst } = options;
  if (qps === undefined) return undefined;
  return new TokenBucket({ qps, burst: writeBurst ?? Math.max(1, Math.ceil(qps)), clock });
}
