// The write path of one sink (client-go recordToSink + recordEvent, §3.6): correlate, then create or
// patch with up to 12 tries, a random first sleep and fixed later ones.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { EventCorrelator } from './correlator.js';
import { publish } from './diagnostics.js';
import type { DropReporter } from './drop-reporter.js';
import type { EventPatch } from './event-log.js';
import type { RetryPolicy } from './retry-policy.js';
import { statusBodyOf, statusOf, type EventSink } from './sink.js';
import type { Sleep } from './sleep.js';
import type { SinkCounters } from './stats.js';
import type { Logger } from './types.js';

/** Total write attempts per event (`maxTriesPerEvent`): at most 11 sleeps between them. */
export const MAX_TRIES_PER_EVENT = 12;
/** Delay between attempts (`defaultSleepDuration`), in ms; the first one is randomised. */
export const DEFAULT_SLEEP_DURATION_MS = 10_000;

/** What a sink writer needs from its broadcaster. */
export interface SinkWriterContext {
  readonly sink: EventSink;
  readonly correlator: EventCorrelator;
  readonly counters: SinkCounters;
  readonly logger: Logger;
  readonly drops: DropReporter;
  readonly sleep: Sleep;
  readonly retryPolicy: RetryPolicy;
  /** Aborted by shutdown: no retry after it (client-go ≥ 1.27). */
  readonly signal: AbortSignal;
}

type Attempt = { done: true } | { done: false; error: unknown };

/** Writes the events of one sink, one at a time, in arrival order. */
export class SinkWriter {
  readonly #ctx: SinkWriterContext;

  constructor(ctx: SinkWriterContext) {
    this.#ctx = ctx;
  }

  /**
   * Correlates and writes one event. Returns nothing when the event needs no I/O (spam-filtered), else a
   * promise that settles when the event is written or definitively failed. Never rejects.
   */
  write(event: CoreV1Event): Promise<void> | undefined {
    const { correlator, counters } = this.#ctx;
    const result = correlator.correlate(event);
    if (result.aggregated) {
      counters.aggregated++;
      publish('aggregated', () => ({ event: result.event, sink: counters.name }));
    }
    if (result.skip) {
      counters.dropped.spamFiltered++;
      publish('dropped', () => ({ event: result.event, sink: counters.name, cause: 'spamFiltered' }));
      this.#drop('spamFiltered', 'event skipped by the spam filter', result.event);
      return undefined;
    }
    counters.inFlight++;
    return this.#writeWithRetries(result.event, result.patch).finally(() => {
      counters.inFlight--;
    });
  }

  async #writeWithRetries(event: CoreV1Event, patch: EventPatch | undefined): Promise<void> {
    const { counters, sleep, retryPolicy, signal, logger } = this.#ctx;
    for (let tries = 1; ; tries++) {
      const attempt = await this.#attempt(event, patch);
      if (attempt.done) return;
      const decision = retryPolicy.decide(attempt.error, tries);
      if (!decision.retry) {
        this.#reject(event, decision.status, attempt.error);
        return;
      }
      if (tries >= MAX_TRIES_PER_EVENT) {
        counters.dropped.retriesExhausted++;
        publish('dropped', () => ({ event, sink: counters.name, cause: 'retriesExhausted', tries }));
        logger.error('Unable to write event (retry limit exceeded!)', { ...describe(event), tries, error: errorText(attempt.error) });
        return;
      }
      if (signal.aborted) return this.#abandon(event, attempt.error);
      counters.retried++;
      publish('retried', () => ({ event, sink: counters.name, tries, delayMs: decision.delayMs, ...(decision.status === undefined ? {} : { status: decision.status }) }));
      logger.warn('Unable to write event (may retry after sleeping)', {
        ...describe(event),
        tries,
        status: decision.status,
        delayMs: Math.round(decision.delayMs),
        error: errorText(attempt.error),
      });
      await sleep(decision.delayMs, signal);
      if (signal.aborted) return this.#abandon(event, attempt.error);
    }
  }

  /** One try (client-go recordEvent): patch when it is a repeat, create otherwise or when the patch hit 404. */
  async #attempt(event: CoreV1Event, patch: EventPatch | undefined): Promise<Attempt> {
    const { sink, correlator, counters } = this.#ctx;
    const update = (event.count ?? 0) > 1 && patch !== undefined;
    let error: unknown;
    if (update) {
      try {
        correlator.updateState(await sink.patch(event, patch));
        counters.patched++;
        publish('patched', () => ({ event, sink: counters.name }));
        return { done: true };
      } catch (err) {
        error = err;
      }
    }
    if (!update || statusOf(error) === 404) {
      try {
        // The object was deleted (or never existed): create it under the cached name with the
        // accumulated count, as client-go does; a stale resourceVersion would be rejected.
        const toCreate = event.metadata.resourceVersion ? { ...event, metadata: { ...event.metadata, resourceVersion: undefined } } : event;
        correlator.updateState(await sink.create(toCreate));
        counters.created++;
        publish('created', () => ({ event: toCreate, sink: counters.name }));
        return { done: true };
      } catch (err) {
        error = err;
      }
    }
    return { done: false, error };
  }

  #reject(event: CoreV1Event, status: number, error: unknown): void {
    const { counters, logger } = this.#ctx;
    counters.reject(status);
    publish('dropped', () => ({ event, sink: counters.name, cause: 'rejected', status }));
    const body = statusBodyOf(error);
    const fields = { ...describe(event), status, reason: body?.reason, error: body?.message ?? errorText(error) };
    // As client-go: AlreadyExists and a terminating namespace are expected, logged quietly.
    const quiet = body?.reason === 'AlreadyExists' || body?.causes?.some((c) => c.reason === 'NamespaceTerminating') === true;
    if (quiet) logger.debug('Server rejected event (will not retry!)', fields);
    else logger.error('Server rejected event (will not retry!)', fields);
  }

  #abandon(event: CoreV1Event, error: unknown): void {
    this.#ctx.counters.dropped.shutdown++;
    publish('dropped', () => ({ event, sink: this.#ctx.counters.name, cause: 'shutdown' }));
    this.#ctx.logger.error('Unable to write event: broadcaster is shut down', { ...describe(event), error: errorText(error) });
  }

  #drop(cause: 'spamFiltered', message: string, event: CoreV1Event): void {
    this.#ctx.drops.report(this.#ctx.logger, cause, message, describe(event));
  }
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
