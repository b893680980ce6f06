// The write path of one sink (client-go recordToSink + recordEvent, §3.6): correlate in arrival order,
// then create or patch with up to 12 tries. Every outcome is counted, published on the diagnostics
// channels and offered to `writes$`.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { CorrelateResult, EventCorrelator } from './correlator.js';
import { hasSubscribers, publish, type DiagnosticKind } from '../engine/diagnostics.js';
import type { DropReporter } from '../engine/drop-reporter.js';
import type { EventPatch } from './event-log.js';
import type { Settlement } from '../engine/flush-tracker.js';
import { cutToDeadline, type WriteOutcome, type WriteOutcomeKind } from '../engine/outcomes.js';
import type { TokenBucket } from '../engine/rate-limiter.js';
import type { RetryPolicy } from '../engine/retry-policy.js';
import { reportRejection } from '../engine/rejection-log.js';
import { CallOptions } from '../engine/call-options.js';
import { always, FirstTry, ignore } from './first-try.js';
import { statusOf } from '../engine/api-status.js';
import { classifyWriteFailure } from '../engine/request-construction.js';
import type { EventSink } from './sink.js';
import type { Sleep } from '../engine/sleep.js';
import type { DropCause } from '../shared/drop-cause.js';
import type { SinkCounters } from './stats.js';
import type { Clock, Logger } from '../shared/types.js';

/** Total write attempts per event (`maxTriesPerEvent`): at most 11 sleeps between them. */
export const MAX_TRIES_PER_EVENT = 12;
/**
 * Delay between attempts (`defaultSleepDuration`), in ms; the first one is randomised.
 *
 * @category Sinks
 */
export const DEFAULT_SLEEP_DURATION_MS = 10_000;

/** Where a sink stands in its broadcaster's shutdown. */
export interface SinkLifecycle {
  /** Aborted when shutdown begins. */
  readonly stopping: AbortSignal;
  /** Aborted at the shutdown deadline: what was still in flight has been abandoned and counted. */
  readonly deadline: AbortSignal;
  /** The shutdown deadline on the clock, in ms since the epoch; undefined before shutdown. */
  deadlineAt(): number | undefined;
}

/** What a sink writer needs from its broadcaster. */
export interface SinkWriterContext {
  readonly sink: EventSink;
  readonly correlator: EventCorrelator;
  readonly counters: SinkCounters;
  readonly logger: Logger;
  readonly drops: DropReporter;
  readonly sleep: Sleep;
  readonly clock: Clock;
  readonly retryPolicy: RetryPolicy;
  /** client-go's rule: no retry once shutdown has begun (client-go ≥ 1.27). Otherwise retries go on, cut to the deadline. */
  readonly noRetryAfterShutdown: boolean;
  readonly lifecycle: SinkLifecycle;
  /** Client-side rate limit of API calls, if any. */
  readonly limiter?: TokenBucket | undefined;
  /** Where outcomes go for `writes$`; they are built only while `observed`. */
  readonly writes: { readonly observed: boolean; next(outcome: WriteOutcome<CoreV1Event>): void };
}

/** Optional details of an outcome. */
interface OutcomeDetails {
  readonly cause?: DropCause;
  readonly status?: number;
  readonly tries?: number;
  readonly delayMs?: number;
}

type Written = { readonly written: 'created' | 'patched' };
type Attempt = Written | { readonly written: undefined; readonly error: unknown };
const CREATED: Written = { written: 'created' };
const PATCHED: Written = { written: 'patched' };

/** A repeat with a patch is written as a count patch; anything else is created. */
function isUpdate(event: CoreV1Event, patch: EventPatch | undefined): boolean {
  return (event.count ?? 0) > 1 && patch !== undefined;
}

/**
 * The event as created: under the cached name with the accumulated count, as client-go does after a
 * patch answered 404 (the object was deleted); a stale resourceVersion would be rejected.
 */
function forCreate(event: CoreV1Event): CoreV1Event {
  return event.metadata.resourceVersion ? { ...event, metadata: { ...event.metadata, resourceVersion: undefined } } : event;
}

/** Correlates and writes the events of one sink. The pipeline in front of it decides how many run at once. */
export class SinkWriter {
  readonly #ctx: SinkWriterContext;
  /** A first try free for the next write: with serial writes one serves them all. */
  #spare: FirstTry | undefined;

  constructor(ctx: SinkWriterContext) {
    this.#ctx = ctx;
  }

  /** Correlates one event (in arrival order). Returns undefined when it needs no write (spam-filtered). */
  prepare(event: CoreV1Event): CorrelateResult | undefined {
    const { correlator, counters } = this.#ctx;
    counters.received++;
    const result = correlator.correlate(event);
    if (result.aggregated) {
      counters.aggregated++;
      if (hasSubscribers('aggregated')) publish('aggregated', () => ({ event: result.event, sink: counters.name }));
    }
    if (!result.skip) return result;
    counters.dropped.spamFiltered++;
    this.#report('dropped', result.event, { cause: 'spamFiltered' });
    this.#ctx.drops.report(this.#ctx.logger, 'spamFiltered', 'event skipped by the spam filter', describe(result.event));
    return undefined;
  }

  /**
   * Writes a correlated event with retries. Settles when it is written or definitively failed; never
   * rejects. `isLatest` says whether this is still the newest correlated occurrence of the event: only
   * then does the server's copy update the correlator (an older answer would set its count back).
   * `onSettled` runs with the settlement just before the returned promise resolves with it: a caller that
   * needs both saves a promise of its own (and a turn of the microtask queue) per write.
   */
  send(prepared: CorrelateResult, isLatest: () => boolean = always, onSettled: (how: Settlement) => void = ignore): Promise<Settlement> {
    const { event, patch } = prepared;
    if (this.#ctx.limiter) return this.#writeWithRetries(event, patch, isLatest).then((how) => settle(onSettled, how));
    // Fast path: the first attempt as one promise chain, no async frames (saves ~30 % of the allocation per
    // write); only a failure enters the retry loop, which takes over at try 1.
    const { sink } = this.#ctx;
    const first = this.#spare ?? new FirstTry(this.#ctx.lifecycle.deadline, this.#firstWritten, this.#firstFailed);
    this.#spare = undefined;
    const update = isUpdate(event, patch);
    first.start(event, patch, update, isLatest, onSettled);
    let answer: Promise<CoreV1Event>;
    try {
      // Promise.resolve returns a native promise as it is; it only wraps what a plain-JS sink may return.
      answer = Promise.resolve(update ? sink.patch(event, patch as EventPatch, first.call) : sink.create(forCreate(event), first.call));
    } catch (err) {
      // Passed on as thrown: the retry policy classifies it like any other failure.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      answer = Promise.reject(err);
    }
    return answer.then(first.onWritten, first.onFailed);
  }

  /** The first try answered: `first` is free again once its state is read. */
  readonly #firstWritten = (first: FirstTry, written: unknown): Settlement => {
    const { event, update, isLatest, onSettled } = first;
    this.#recycle(first);
    if (this.#ctx.lifecycle.deadline.aborted) return settle(onSettled, 'dropped');
    if (isLatest()) this.#ctx.correlator.updateState(serverCopy(written, event));
    return settle(onSettled, this.#landed(event, update ? PATCHED : CREATED, 1));
  };

  readonly #firstFailed = (first: FirstTry, error: unknown): Promise<Settlement> => {
    const { event, patch, update, isLatest, onSettled } = first;
    this.#recycle(first);
    // A patch answered 404 goes on, within the same try, with the create (client-go recordEvent).
    const resumed: Attempt | 'create' =
      update && statusOf(error) === 404 ? 'create' : { written: undefined, error: classifyWriteFailure(error, update ? patch : event) };
    return this.#writeWithRetries(event, patch, isLatest, resumed).then((how) => settle(onSettled, how));
  };

  #recycle(first: FirstTry): void {
    first.finish();
    this.#spare ??= first;
  }

  /** Counts an event given up at the shutdown deadline (queued behind a write, or being written). */
  abandon(event: CoreV1Event): void {
    this.#ctx.counters.dropped.shutdown++;
    this.#report('dropped', event, { cause: 'shutdown' });
  }

  /** Reports an event lost before this writer saw it: its queue was full, or discarded at shutdown. */
  lost(cause: 'queueFull' | 'shutdown', event: CoreV1Event): void {
    this.#ctx.counters.dropped[cause]++;
    this.#report('dropped', event, { cause });
  }

  /**
   * The retry loop. `first` is what the fast path already did in try 1: its failure, or `'create'` when its
   * patch was answered 404 and the try goes on with the create.
   */
  async #writeWithRetries(event: CoreV1Event, patch: EventPatch | undefined, isLatest: () => boolean, first?: Attempt | 'create'): Promise<Settlement> {
    const { counters, retryPolicy, logger, lifecycle } = this.#ctx;
    for (let tries = 1; ; tries++) {
      const resumed = tries === 1 ? first : undefined;
      const attempt = resumed !== undefined && resumed !== 'create' ? resumed : await this.#attempt(event, patch, isLatest, resumed === 'create');
      // Past the deadline this write was already counted as abandoned: report nothing more.
      if (lifecycle.deadline.aborted) return 'dropped';
      if (attempt.written !== undefined) return this.#landed(event, attempt, tries);
      const decision = retryPolicy.decide(attempt.error, tries);
      if (!decision.retry) {
        if (decision.cause === 'requestInvalid') this.#unbuildable(event, attempt.error, tries);
        else this.#reject(event, decision.status, attempt.error, tries);
        return 'failed';
      }
      if (tries >= MAX_TRIES_PER_EVENT) {
        counters.dropped.retriesExhausted++;
        this.#report('failed', event, { cause: 'retriesExhausted', tries, ...statusField(decision.status) });
        logger.error('Unable to write event (retry limit exceeded!)', { ...describe(event), tries, error: errorText(attempt.error) });
        return 'failed';
      }
      if (this.#stopsRetrying()) return this.#abandonRetry(event, attempt.error);
      counters.retried++;
      this.#report('retried', event, { tries, delayMs: decision.delayMs, ...statusField(decision.status) });
      logger.warn('Unable to write event (may retry after sleeping)', {
        ...describe(event),
        tries,
        status: decision.status,
        delayMs: Math.round(decision.delayMs),
        error: errorText(attempt.error),
      });
      await this.#retrySleep(decision.delayMs);
      if (lifecycle.deadline.aborted) return 'dropped';
      if (this.#stopsRetrying()) return this.#abandonRetry(event, attempt.error);
    }
  }

  /** Counts and reports a write that landed. */
  #landed(event: CoreV1Event, attempt: Written, tries: number): Settlement {
    this.#ctx.counters[attempt.written]++;
    this.#report(attempt.written, event, tries > 1 ? { tries } : undefined);
    return 'written';
  }

  /**
   * One try (client-go recordEvent): patch when it is a repeat, create otherwise or when the patch hit 404
   * (`createOnly`: the patch already did, in the fast path).
   */
  async #attempt(event: CoreV1Event, patch: EventPatch | undefined, isLatest: () => boolean, createOnly = false): Promise<Attempt> {
    const { sink, correlator } = this.#ctx;
    const update = !createOnly && isUpdate(event, patch);
    // The shutdown deadline cancels a request still running: no socket outlives shutdown().
    const call = new CallOptions(this.#ctx.lifecycle.deadline);
    let error: unknown;
    if (update) {
      try {
        if (this.#ctx.limiter) await this.#throttle();
        const written = await sink.patch(event, patch as EventPatch, call);
        if (isLatest()) correlator.updateState(serverCopy(written, event));
        return PATCHED;
      } catch (err) {
        error = classifyWriteFailure(err, patch);
      } finally {
        call.release();
      }
    }
    if (!update || statusOf(error) === 404) {
      const body = forCreate(event);
      try {
        if (this.#ctx.limiter) await this.#throttle();
        const written = await sink.create(body, call);
        if (isLatest()) correlator.updateState(serverCopy(written, event));
        return CREATED;
      } catch (err) {
        // A body that cannot become JSON fails the same way every time: final, not retried.
        error = classifyWriteFailure(err, body);
      } finally {
        call.release();
      }
    }
    return { written: undefined, error };
  }

  /** Waits for a token of the client-side rate limit, if there is one. */
  async #throttle(): Promise<void> {
    const limiter = this.#ctx.limiter;
    if (!limiter) return;
    const waitMs = limiter.reserve();
    if (waitMs > 0) await this.#ctx.sleep(waitMs, this.#ctx.lifecycle.deadline);
  }

  /**
   * Sleeps before a retry. Once shutdown begins, what is left of the sleep is cut to fit the deadline
   * (at most half the time left), so the next attempt still runs before it.
   */
  async #retrySleep(delayMs: number): Promise<void> {
    const { sleep, clock, lifecycle } = this.#ctx;
    let left = delayMs;
    if (!lifecycle.stopping.aborted) {
      const startedAt = clock.now().getTime();
      await sleep(delayMs, lifecycle.stopping);
      if (!lifecycle.stopping.aborted || this.#ctx.noRetryAfterShutdown) return;
      left = Math.max(0, delayMs - (clock.now().getTime() - startedAt));
    }
    const now = clock.now().getTime();
    const deadlineAt = lifecycle.deadlineAt() ?? now;
    await sleep(cutToDeadline(left, deadlineAt - now), lifecycle.deadline);
  }

  #stopsRetrying(): boolean {
    return this.#ctx.noRetryAfterShutdown && this.#ctx.lifecycle.stopping.aborted;
  }

  #reject(event: CoreV1Event, status: number, error: unknown, tries: number): void {
    const { counters, logger } = this.#ctx;
    counters.reject(status);
    this.#report('failed', event, { cause: 'rejected', status, tries });
    reportRejection(this.#ctx.drops, logger, describe(event), status, error);
  }

  /** The request could not be built (client-go's RequestConstructionError): final, logged once with the error. */
  #unbuildable(event: CoreV1Event, error: unknown, tries: number): void {
    this.#ctx.counters.dropped.requestInvalid++;
    this.#report('failed', event, { cause: 'requestInvalid', tries });
    this.#ctx.logger.error('Unable to construct event (will not retry!)', { ...describe(event), tries, error: errorText(error) });
  }

  #abandonRetry(event: CoreV1Event, error: unknown): Settlement {
    this.abandon(event);
    this.#ctx.logger.error('Unable to write event: broadcaster is shut down', { ...describe(event), error: errorText(error) });
    return 'dropped';
  }

  /** Publishes an outcome on its diagnostics channel and offers it to `writes$`. */
  #report(kind: WriteOutcomeKind, event: CoreV1Event, details?: OutcomeDetails): void {
    const { counters, writes } = this.#ctx;
    const sink = counters.name;
    const channel = CHANNEL_OF[kind];
    if (hasSubscribers(channel)) publish(channel, () => ({ event, sink, ...details }));
    if (writes.observed) writes.next({ kind, sink, event, ...details });
  }
}

/** The diagnostics channel of each outcome kind: a definitive failure is a drop there. */
const CHANNEL_OF: Readonly<Record<WriteOutcomeKind, DiagnosticKind>> = {
  created: 'created',
  patched: 'patched',
  failed: 'dropped',
  dropped: 'dropped',
  retried: 'retried',
};


/**
 * What a sink resolved with, as the correlator's record of the write: the server's copy, or the event sent
 * when a (plain JavaScript) sink resolves with something else, e.g. nothing.
 */
function serverCopy(written: unknown, sent: CoreV1Event): CoreV1Event {
  return typeof written === 'object' && written !== null && typeof (written as Partial<CoreV1Event>).metadata === 'object' ? (written as CoreV1Event) : sent;
}

/** Calls `onSettled` with `how`, then returns it. */
function settle(onSettled: (how: Settlement) => void, how: Settlement): Settlement {
  onSettled(how);
  return how;
}

function statusField(status: number | undefined): { status?: number } {
  return status === undefined ? {} : { status };
}

/** The log fields that identify an event. */
export function describe(event: CoreV1Event): Record<string, unknown> {
  const o = event.involvedObject;
  return {
    event: event.metadata.name,
    namespace: event.metadata.namespace,
    object: o.namespace ? `${o.namespace}/${o.name ?? ''}` : o.name,
    kind: o.kind,
    type: event.type,
    reason: event.reason,
    count: event.count,
  };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
