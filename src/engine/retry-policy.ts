// How long to wait before the next write attempt, and whether to try again at all: client-go's exact
// rule, or the default that also listens to the server (429 Retry-After, 5xx backoff).
import { headerOf, statusOf } from './api-status.js';
import { isRequestConstructionError } from './request-construction.js';
import { checkDelay } from './timer-delay.js';

/**
 * - `'server-aware'` (default): 429 waits for `Retry-After` (capped at `maxRetryAfterMs`); 500, 502, 503,
 *   504 and transport errors back off exponentially with full jitter, never longer than
 *   `sleepDurationMs`; every other status is final.
 * - `'client-go'`: client-go's exact rule: every HTTP status is final, anything else is retried; the first
 *   sleep is `random() × sleepDurationMs`, later ones `sleepDurationMs`.
 *
 * Under both, a request that could not be built (a {@link RequestConstructionError}) is final at once, and
 * at most 12 tries are spent on an event.
 *
 * @category Sinks
 */
export type RetryPolicyName = 'server-aware' | 'client-go';

/**
 * Tuning of the `'server-aware'` policy. Every value is in ms, a finite number ≥ 0.
 *
 * @category Sinks
 */
export interface RetryOptions {
  /** First backoff ceiling, in ms; doubles per failure. Default 1 000. */
  readonly baseDelayMs?: number | undefined;
  /**
   * Largest backoff ceiling, in ms. Default: the broadcaster's `sleepDurationMs` (10 000), so that the
   * pace after a long outage is client-go's fixed 10 s at worst.
   */
  readonly maxDelayMs?: number | undefined;
  /** Largest `Retry-After` honoured, in ms (a longer one is cut to this). Default 60 000. */
  readonly maxRetryAfterMs?: number | undefined;
}

/**
 * Default first backoff ceiling of the server-aware policy, in ms.
 *
 * @category Sinks
 */
export const DEFAULT_RETRY_BASE_DELAY_MS = 1_000;
/**
 * Default largest backoff ceiling, in ms: `sleepDurationMs`'s default (client-go's `defaultSleepDuration`).
 * An API server back from an outage then sees the next try within 10 s, as from client-go; a longer cap
 * (this was 30 s) let the queue fill during outages client-go rides out.
 *
 * @category Sinks
 */
export const DEFAULT_RETRY_MAX_DELAY_MS = 10_000;
/**
 * Default cap on `Retry-After`, in ms: a server asking for longer would hold the queue too long.
 *
 * @category Sinks
 */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/** Statuses the server-aware policy retries: overload and transient server errors. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** The decision after a failed attempt: final, or retry after `delayMs`. */
export type RetryDecision =
  | {
      /** Final: do not try again. */
      readonly retry: false;
      /** The server answered with a final HTTP status. */
      readonly cause: 'rejected';
      /** The HTTP status that made it final. */
      readonly status: number;
    }
  | {
      /** Final: do not try again. */
      readonly retry: false;
      /** The request could not be built or serialised: it would fail the same way every time. */
      readonly cause: 'requestInvalid';
      /** Never set: no request reached the server. */
      readonly status?: undefined;
    }
  | {
      /** Try again after `delayMs`. */
      readonly retry: true;
      /** How long to wait first, in ms. */
      readonly delayMs: number;
      /** The HTTP status of the failure, when there was one. */
      readonly status?: number;
    };

/**
 * The delay of the `'client-go'` rule after failure number `failures` (1 for the first), in ms. client-go's
 * two recorders differ here: tools/record randomises only the first sleep, tools/events jitters every one
 * (`wait.Jitter(d, 0.25)`), so the events.k8s.io/v1 path passes its own.
 */
export type ClientGoDelay = (failures: number) => number;

/** Decides retries for one sink. */
export class RetryPolicy {
  readonly #name: RetryPolicyName;
  readonly #sleepDurationMs: number;
  readonly #clientGoDelay: ClientGoDelay | undefined;
  readonly #random: () => number;
  readonly #base: number;
  readonly #max: number;
  readonly #maxRetryAfter: number;

  /**
   * @param name - which rule, see {@link RetryPolicyName}.
   * @param sleepDurationMs - in ms: the fixed delay of the `'client-go'` rule (the first sleep is
   *   `random() × sleepDurationMs`), and the longest backoff of the `'server-aware'` rule (unless
   *   `options.maxDelayMs` is given; 0 retries at once). A finite number ≥ 0.
   * @param random - random source in [0, 1) for jitter.
   * @param options - backoff tuning of the `'server-aware'` rule.
   * @param clientGoDelay - every delay of the `'client-go'` rule instead of the one above (tools/events
   *   jitters each one).
   * @throws {@link InvalidDurationError} when a duration is not a finite number ≥ 0.
   */
  constructor(name: RetryPolicyName, sleepDurationMs: number, random: () => number, options: RetryOptions = {}, clientGoDelay?: ClientGoDelay) {
    this.#name = name;
    this.#sleepDurationMs = checkDelay('sleepDurationMs', sleepDurationMs, DEFAULT_RETRY_MAX_DELAY_MS);
    this.#clientGoDelay = clientGoDelay;
    this.#random = random;
    const timing = checkRetryOptions(options);
    this.#base = timing.baseDelayMs;
    this.#max = timing.maxDelayMs ?? this.#sleepDurationMs;
    this.#maxRetryAfter = timing.maxRetryAfterMs;
  }

  /** Which rule this policy applies. */
  get name(): RetryPolicyName {
    return this.#name;
  }

  /** What to do after failure number `failures` (1 for the first) with `error`. */
  decide(error: unknown, failures: number): RetryDecision {
    // client-go's RequestConstructionError: the request would be built the same next time, so don't keep trying.
    if (isRequestConstructionError(error)) return { retry: false, cause: 'requestInvalid' };
    const status = statusOf(error);
    if (this.#name === 'client-go') {
      if (status !== undefined) return { retry: false, cause: 'rejected', status };
      return { retry: true, delayMs: this.backoff(failures) };
    }
    if (status !== undefined && !RETRYABLE_STATUSES.has(status)) return { retry: false, cause: 'rejected', status };
    if (status === 429) {
      const retryAfter = parseRetryAfter(headerOf(error, 'retry-after'));
      if (retryAfter !== undefined) return { retry: true, delayMs: Math.min(retryAfter, this.#maxRetryAfter), status };
    }
    const delayMs = this.backoff(failures);
    return status === undefined ? { retry: true, delayMs } : { retry: true, delayMs, status };
  }

  /**
   * Whether `decide` would retry `error`, without computing a delay (no random draw). For writes that get a
   * single attempt but must tell a lasting rejection from a passing failure.
   */
  retryable(error: unknown): boolean {
    if (isRequestConstructionError(error)) return false;
    const status = statusOf(error);
    if (status === undefined) return true;
    return this.#name === 'server-aware' && RETRYABLE_STATUSES.has(status);
  }

  /**
   * The delay after failure number `failures` of a failure this policy retries without a server hint (a
   * transport error), in ms. For callers that retry a status of their own accord, such as the
   * events.k8s.io/v1 writer on AlreadyExists for the create of a series.
   *
   * `'server-aware'`: full jitter, `random() × min(baseDelayMs × 2^(failures − 1), maxDelayMs)`, where
   * `maxDelayMs` defaults to `sleepDurationMs`. With the defaults the ceilings are 1, 2, 4, 8, 10, 10 … s:
   * never slower than client-go's fixed 10 s, so the first try after an outage comes within 10 s of the
   * server's return.
   */
  backoff(failures: number): number {
    if (this.#name === 'client-go') {
      if (this.#clientGoDelay) return this.#clientGoDelay(failures);
      // Only the first sleep is randomised, as client-go: spreads a burst of failures, then fixed steps.
      return failures === 1 ? this.#random() * this.#sleepDurationMs : this.#sleepDurationMs;
    }
    // Full jitter (uniform in [0, ceiling)): spreads retries of many writers instead of synchronising them.
    const ceiling = Math.min(this.#max, this.#base * 2 ** (failures - 1));
    return this.#random() * ceiling;
  }
}

/** The `'server-aware'` tuning with its defaults; `maxDelayMs` stays undefined when not given (then `sleepDurationMs`). */
export function checkRetryOptions(options: RetryOptions | undefined): { baseDelayMs: number; maxDelayMs: number | undefined; maxRetryAfterMs: number } {
  const o = options ?? {};
  return {
    baseDelayMs: checkDelay('retry.baseDelayMs', o.baseDelayMs, DEFAULT_RETRY_BASE_DELAY_MS),
    maxDelayMs: o.maxDelayMs === undefined ? undefined : checkDelay('retry.maxDelayMs', o.maxDelayMs, 0),
    maxRetryAfterMs: checkDelay('retry.maxRetryAfterMs', o.maxRetryAfterMs, DEFAULT_MAX_RETRY_AFTER_MS),
  };
}

/** Parses `Retry-After` (delta seconds; HTTP dates are not used by the API server) into ms. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  return Number(trimmed) * 1000;
}
