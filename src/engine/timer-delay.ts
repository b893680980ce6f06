// Durations that end up in a timer: one check of what callers pass (a typed error for NaN, negative or
// non-numbers) and one step rule for what setTimeout accepts. Node fires a delay above 2^31 − 1 ms after
// 1 ms (with a TimeoutOverflowWarning), so a longer wait is armed as a chain of timers instead.

/** Largest delay `setTimeout` / `setInterval` take, in ms (2^31 − 1, about 24.8 days). */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * A duration option or argument that no timer can wait for: NaN, negative, not a number, or (for
 * options that are delays rather than deadlines) Infinity. A `RangeError`, so existing `catch` blocks for
 * RangeError keep working.
 *
 * @example
 * ```ts
 * const result = await broadcaster.shutdown({ timeoutMs: Number(process.env.SHUTDOWN_MS) }).catch((err: unknown) => {
 *   if (err instanceof InvalidDurationError) return broadcaster.shutdown(); // NaN from a missing variable: the default deadline
 *   throw err;
 * });
 * ```
 *
 * @category Recording
 */
export class InvalidDurationError extends RangeError {
  /** Stable identifier for `switch` statements. */
  readonly code = 'InvalidDuration' as const;
  /** The option or argument, e.g. `'timeoutMs'`, `'sleepDurationMs'`, `'retry.maxRetryAfterMs'`. */
  readonly option: string;

  constructor(option: string, value: unknown, expected: string) {
    super(`${option} must be ${expected}, got ${describeValue(value)}`);
    this.name = 'InvalidDurationError';
    this.option = option;
  }
}

/**
 * A deadline in ms (`timeoutMs` of `shutdown()` / `flush()`): `undefined` gives `defaultMs`, `Infinity`
 * means no deadline, and any other number ≥ 0 works, however large (it is waited for in timer steps).
 * @throws {@link InvalidDurationError} for NaN, a negative number or a non-number.
 */
export function checkTimeout(option: string, value: unknown, defaultMs: number): number {
  if (value === undefined) return defaultMs;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new InvalidDurationError(option, value, 'a number of ms ≥ 0 (Infinity: no deadline)');
  }
  return value;
}

/** {@link checkTimeout} for a promise-returning entry point: the error is returned, to reject with. */
export function timeoutOrError(option: string, value: unknown, defaultMs: number): number | InvalidDurationError {
  try {
    return checkTimeout(option, value, defaultMs);
  } catch (err) {
    return err as InvalidDurationError;
  }
}

/**
 * A delay in ms (a retry sleep, a cap on `Retry-After`): `undefined` gives `defaultMs`; any finite number
 * ≥ 0 works, however large. Infinity is refused: a write waiting forever would hold its sink forever.
 * @throws {@link InvalidDurationError} for Infinity, NaN, a negative number or a non-number.
 */
export function checkDelay(option: string, value: unknown, defaultMs: number): number {
  if (value === undefined) return defaultMs;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidDurationError(option, value, 'a finite number of ms ≥ 0');
  }
  return value;
}

/**
 * The part of a wait of `ms` that one timer can arm: `ms` itself up to {@link MAX_TIMER_DELAY_MS}, 0 for
 * anything not above 0 (NaN included). The caller arms the rest afterwards.
 */
export function timerStep(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(ms, MAX_TIMER_DELAY_MS);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}
