// Aggregation of similar events (client-go EventAggregator, §3.3): once 10 distinct messages for one
// (source, object, type, reason, reporter) arrive within the window, further new messages are folded
// into one "(combined from similar events): …" event.
import type { CoreV1Event } from '@kubernetes/client-node';
import { LRUCache } from 'lru-cache';
import type { EventNameGenerator } from './event-name.js';
import type { ResolvedCorrelatorOptions } from './correlator-options.js';

interface AggregateRecord {
  /**
   * Distinct local keys (messages) seen in the window, in least-recently-seen order: a message seen
   * again moves to the end.
   */
  localKeys: Set<string>;
  /** Time of the last similar event, ms since the epoch. */
  lastTimestampMs: number;
}

/** Result of {@link EventAggregator.aggregate}: the event to pass on and the key to dedupe it under. */
export interface AggregateResult {
  readonly event: CoreV1Event;
  readonly cacheKey: string;
  readonly aggregated: boolean;
}

/**
 * The aggregator of one correlator.
 *
 * Deliberate difference: when the set of messages is full, client-go removes an arbitrary one (Go map
 * order, nondeterministic). We remove the least recently seen message, so the outcome is repeatable and
 * messages that keep recurring stay in the set (and keep passing through un-aggregated).
 */
export class EventAggregator {
  readonly #cache: LRUCache<string, AggregateRecord>;
  readonly #options: ResolvedCorrelatorOptions;
  readonly #names: EventNameGenerator;

  constructor(options: ResolvedCorrelatorOptions, names: EventNameGenerator) {
    this.#options = options;
    this.#names = names;
    this.#cache = new LRUCache({ max: options.lruCacheSize });
  }

  aggregate(event: CoreV1Event, eventKey: string): AggregateResult {
    const nowDate = this.#options.clock.now();
    const now = nowDate.getTime();
    const [aggregateKey, localKey] = this.#options.keyFunc(event);
    // get() already makes the record most recently used, so a live record is updated in place: one
    // LRU operation per event instead of a get and a set.
    let record = this.#cache.get(aggregateKey);
    if (record === undefined || now - record.lastTimestampMs > this.#options.maxIntervalMs) {
      record = { localKeys: new Set(), lastTimestampMs: now };
      this.#cache.set(aggregateKey, record);
    }
    if (record.localKeys.size === 0 || !record.localKeys.has(localKey)) record.localKeys.add(localKey);
    else if (record.localKeys.size > 1) {
      // Move a re-seen message to the end (most recently seen) for the least-recently-seen removal rule.
      record.localKeys.delete(localKey);
      record.localKeys.add(localKey);
    }
    record.lastTimestampMs = now;
    if (record.localKeys.size < this.#options.maxEvents) return { event, cacheKey: eventKey, aggregated: false };

    // Drop the least recently seen message so the set holds maxEvents − 1 again.
    const oldest = record.localKeys.values().next();
    if (!oldest.done) record.localKeys.delete(oldest.value);

    const objectName = event.involvedObject.name ?? '';
    // As client-go: the aggregate event keeps object, type, reason and source, but not annotations or
    // the reporting fields, and its name skips the DNS-subdomain fallback.
    const aggregatedEvent: CoreV1Event = {
      metadata: {
        name: `${objectName}.${this.#names.nextSuffix(now)}`,
        namespace: event.metadata.namespace,
      },
      count: 1,
      firstTimestamp: nowDate,
      involvedObject: event.involvedObject,
      lastTimestamp: nowDate,
      message: this.#options.messageFunc(event),
      type: event.type,
      reason: event.reason,
      source: event.source,
    };
    return { event: aggregatedEvent, cacheKey: aggregateKey, aggregated: true };
  }
}
