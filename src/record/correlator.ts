// EventCorrelator (client-go events_cache.go, §3.2): aggregation → dedupe → spam filter, one per sink.
import type { CoreV1Event } from '@kubernetes/client-node';
import { EventAggregator } from './aggregator.js';
import { systemClock } from '../shared/clock.js';
import { resolveCorrelatorOptions, type CorrelatorOptions, type ResolvedCorrelatorOptions } from './correlator-options.js';
import { EventLog, type EventPatch } from './event-log.js';
import { EventNameGenerator } from '../shared/event-name.js';
import { CorrelationKeys, RecentKeys } from './correlation-keys.js';
import { aggregateByReason, aggregateMessage, getEventKey, getSpamKey } from './keys.js';
import { SpamFilter } from './spam-filter.js';

/**
 * Result of {@link EventCorrelator.correlate}.
 *
 * @category Correlation
 */
export interface CorrelateResult {
  /** The event to write: the input, an aggregate event, or either turned into a repeat (`count` above 1). */
  readonly event: CoreV1Event;
  /** The strategic merge patch to send when `event.count > 1`; undefined for a first occurrence. */
  readonly patch?: EventPatch;
  /** True when the spam filter rejected the event: it must not be written. */
  readonly skip: boolean;
  /** True when the event was folded into an aggregate (`(combined from similar events): …`). */
  readonly aggregated: boolean;
}

/** Set by EventCorrelator's static block: the only way to hand a correlator a name generator. */
let withNames: (options: CorrelatorOptions, names: EventNameGenerator) => EventCorrelator;

/**
 * A correlator whose aggregate events take their names from `names`, the generator the broadcaster's
 * recorders use, so an aggregate and a recorded event never get the same name. Internal: the public
 * constructor keeps the generator out of the API (a standalone correlator has its own).
 */
export function correlatorSharingNames(options: CorrelatorOptions, names: EventNameGenerator): EventCorrelator {
  return withNames(options, names);
}

/**
 * Decides, per event, whether to create it, patch an earlier one (dedupe), fold it into an aggregate,
 * or skip it (spam). Memory is bounded by three LRU caches of `lruCacheSize` entries each (and the
 * prebuilt keys of at most 4096 recent objects).
 *
 * As upstream, aggregation and dedupe update their caches before the spam filter runs, so a skipped
 * event still counts: the next event that passes carries a count that includes the skipped ones.
 *
 * @example
 * ```ts
 * const correlator = new EventCorrelator({ burstSize: 50 });
 * const result = correlator.correlate(event);
 * if (!result.skip) {
 *   const written = result.patch ? await sink.patch(result.event, result.patch) : await sink.create(result.event);
 *   correlator.updateState(written);
 * }
 * ```
 *
 * @category Correlation
 */
export class EventCorrelator {
  /** The options in force, defaults applied. */
  readonly options: ResolvedCorrelatorOptions;
  readonly #keys: CorrelationKeys;
  /** Not readonly: {@link correlatorSharingNames} swaps in one that names with the broadcaster's generator. */
  #aggregator: EventAggregator;
  readonly #log: EventLog;
  readonly #spam: SpamFilter;
  /** The dedupe keys of the last events `correlate` returned, for `updateState`. */
  readonly #recent: RecentKeys;

  static {
    withNames = (options, names) => {
      const correlator = new EventCorrelator(options);
      correlator.#aggregator = new EventAggregator(correlator.options, names);
      return correlator;
    };
  }

  /**
   * @param options - client-go's knobs; see {@link CorrelatorOptions}.
   */
  constructor(options: CorrelatorOptions = {}) {
    this.options = resolveCorrelatorOptions(options, {
      keyFunc: aggregateByReason,
      messageFunc: aggregateMessage,
      spamKeyFunc: getSpamKey,
      eventKeyFunc: getEventKey,
    });
    this.#keys = new CorrelationKeys(this.options);
    this.#recent = new RecentKeys(this.options.eventKeyFunc);
    this.#aggregator = new EventAggregator(this.options, new EventNameGenerator());
    this.#log = new EventLog(this.options.lruCacheSize);
    this.#spam = new SpamFilter(this.options);
  }

  /** Runs aggregation, dedupe and the spam filter on one event (mutating only the caches). */
  correlate(event: CoreV1Event): CorrelateResult {
    const { aggregation, spamFilter, clock } = this.options;
    // One clock read for aggregation and the spam filter (client-go reads it in each, microseconds apart);
    // on the real clock without a Date per event (the aggregator makes one only for an aggregate event).
    const now = clock === systemClock ? Date.now() : clock.now().getTime();
    const keys = this.#keys;
    keys.compute(event);
    const aggregate = aggregation ? this.#aggregator.aggregate(event, keys.aggregateKey, keys.localKey, now) : undefined;
    const aggregated = aggregate !== undefined;
    const input = aggregate ?? event;
    const logKey = aggregated ? keys.aggregateKey : keys.eventKey;
    let observed = this.#log.repeat(input, logKey, aggregated);
    const first = observed === undefined;
    if (observed === undefined) {
      if (aggregate) aggregate.metadata.name = this.#aggregator.nameOf(aggregate, now);
      this.#log.first(input, logKey);
      observed = input;
    }
    if (spamFilter && this.#spam.filter(keys.spamKeyOf(observed), now)) return { event: observed, skip: true, aggregated };
    this.#recent.remember(observed, aggregated ? keys.eventKeyOfAggregate(observed) : keys.eventKey);
    if (first) return { event: observed, skip: false, aggregated };
    return { event: observed, patch: this.#log.patchFor(observed), skip: false, aggregated };
  }

  /** Records the server's copy of a written event (its name, count, firstTimestamp, resourceVersion). */
  updateState(event: CoreV1Event): void {
    this.#log.updateState(event, this.#recent.keyOf(event));
  }
}
