// Aggregation of similar events (client-go EventAggregator, §3.3): once 10 distinct messages for one
// (source, object, type, reason, reporter) arrive within the window, further new messages are folded
// into one "(combined from similar events): …" event.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { EventNameGenerator } from '../shared/event-name.js';
import type { ResolvedCorrelatorOptions } from './correlator-options.js';
import { BoundedCache } from './bounded-cache.js';

/** One aggregate key's record; a class, not a literal, so that V8 does not pretenure it (see EventLogEntry). */
class AggregateRecord {
  constructor(
    /**
     * Distinct local keys (messages) seen in the window, in least-recently-seen order: a message seen
     * again moves to the end. A lone message is held as a plain string, the Set made only for a second
     * one: most records never get one (saves a Set and a hash of the message per new record).
     */
    public localKeys: string | Set<string>,
    /** Time of the last similar event, ms since the epoch. */
    public lastTimestampMs: number,
  ) {}
}

/** Adds `localKey` to `keys` as the most recently seen; returns the (possibly new) holder. */
function remember(keys: string | Set<string>, localKey: string): string | Set<string> {
  if (typeof keys === 'string') return keys === localKey ? keys : new Set<string>().add(keys).add(localKey);
  if (keys.size === 0 || !keys.has(localKey)) keys.add(localKey);
  else if (keys.size > 1) {
    // Move a re-seen message to the end (most recently seen) for the least-recently-seen removal rule.
    keys.delete(localKey);
    keys.add(localKey);
  }
  return keys;
}

/**
 * The aggregator of one correlator.
 *
 * Deliberate difference: when the set of messages is full, client-go removes an arbitrary one (Go map
 * order, nondeterministic). We remove the least recently seen message, so the outcome is repeatable and
 * messages that keep recurring stay in the set (and keep passing through un-aggregated).
 */
export class EventAggregator {
  readonly #cache: BoundedCache<AggregateRecord>;
  readonly #options: ResolvedCorrelatorOptions;
  readonly #names: EventNameGenerator;

  constructor(options: ResolvedCorrelatorOptions, names: EventNameGenerator) {
    this.#options = options;
    this.#names = names;
    this.#cache = new BoundedCache(options.lruCacheSize);
  }

  /**
   * Records `event` (its keys built by `CorrelationKeys`) at `nowMs` (ms since the epoch). Returns the
   * aggregate event to write instead (dedupe it under `aggregateKey`), or undefined to pass `event` on.
   * The aggregate event has no name yet: a repeat of an earlier aggregate takes that one's name, so only a
   * first one needs {@link EventAggregator.nameOf} (saves making a name per aggregated repeat).
   */
  aggregate(event: CoreV1Event, aggregateKey: string, localKey: string, nowMs: number): CoreV1Event | undefined {
    // get() already makes the record most recently used, so a live record is updated in place: one
    // LRU operation per event instead of a get and a set.
    let record = this.#cache.get(aggregateKey);
    if (record === undefined) {
      record = new AggregateRecord(localKey, nowMs);
      this.#cache.set(aggregateKey, record);
    } else if (nowMs - record.lastTimestampMs > this.#options.maxIntervalMs) {
      // The window has passed: start over (as client-go's fresh record; get() made it most recent).
      record.localKeys = localKey;
    } else {
      record.localKeys = remember(record.localKeys, localKey);
    }
    record.lastTimestampMs = nowMs;
    const keys = record.localKeys;
    if ((typeof keys === 'string' ? 1 : keys.size) < this.#options.maxEvents) return undefined;

    // Drop the least recently seen message so the set holds maxEvents − 1 again.
    if (typeof keys === 'string') record.localKeys = new Set();
    else {
      const oldest = keys.values().next();
      if (!oldest.done) keys.delete(oldest.value);
    }

    const now = new Date(nowMs);
    // As client-go: the aggregate event keeps object, type, reason and source, but not annotations or
    // the reporting fields, and its name skips the DNS-subdomain fallback.
    return {
      metadata: { name: undefined, namespace: event.metadata.namespace },
      count: 1,
      firstTimestamp: now,
      involvedObject: event.involvedObject,
      lastTimestamp: now,
      message: this.#options.messageFunc(event),
      type: event.type,
      reason: event.reason,
      source: event.source,
    };
  }

  /** The name of a first aggregate event made at `nowMs`: `<objectName>.<suffix>` (no DNS-subdomain fallback, as upstream). */
  nameOf(aggregate: CoreV1Event, nowMs: number): string {
    return `${aggregate.involvedObject.name ?? ''}.${this.#names.nextSuffix(nowMs)}`;
  }
}
