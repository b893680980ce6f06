// How the correlator builds the keys of one event (keys.ts defines them): once per event, shared by the
// aggregator, the dedupe log and the spam filter, and reused across events about the same object.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { EventAggregatorKeyFunc, EventKeyFunc, EventSpamKeyFunc, ResolvedCorrelatorOptions } from './correlator-options.js';
import { aggregateByReason, getEventKey, getSpamKey } from './keys.js';

/** Objects whose keys are remembered (as many as one LRU cache holds); the map starts over when full. */
const MAX_OBJECTS = 4096;
/** Reasons remembered per object: a bound in case reasons are built at run time. */
const MAX_REASONS_PER_OBJECT = 64;

interface AggregateKey {
  readonly reason: string;
  readonly reportingComponent: string;
  readonly reportingInstance: string;
  readonly key: string;
}

/**
 * One object's spam key (source, object, type) and the aggregate keys built on it, with the field values
 * they come from: they are reused only while every one of those is equal, so they always equal what
 * `getSpamKey` / `aggregateByReason` would return.
 */
class ObjectKeys {
  readonly component: string;
  readonly host: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly apiVersion: string;
  readonly type: string;
  readonly spamKey: string;
  /**
   * One per reason, newest last. An array scanned with `===`, not a Map: an object has a few reasons, and
   * they are usually the same literal strings, so the scan is a few pointer compares where a lookup in one
   * of thousands of small Maps showed as ~3 % of the W1 profile (mostly cache misses).
   */
  readonly #aggregateKeys: AggregateKey[] = [];

  constructor(event: CoreV1Event) {
    const o = event.involvedObject;
    this.component = event.source?.component ?? '';
    this.host = event.source?.host ?? '';
    this.kind = o.kind ?? '';
    this.namespace = o.namespace ?? '';
    this.name = o.name ?? '';
    this.uid = o.uid ?? '';
    this.apiVersion = o.apiVersion ?? '';
    this.type = event.type ?? '';
    this.spamKey = getSpamKey(event);
  }

  /** Whether `event` has the field values the keys were built from. */
  matches(event: CoreV1Event): boolean {
    const o = event.involvedObject;
    return (
      (o.uid ?? '') === this.uid &&
      (o.name ?? '') === this.name &&
      (o.namespace ?? '') === this.namespace &&
      (o.kind ?? '') === this.kind &&
      (o.apiVersion ?? '') === this.apiVersion &&
      (event.type ?? '') === this.type &&
      (event.source?.component ?? '') === this.component &&
      (event.source?.host ?? '') === this.host
    );
  }

  /** `aggregateByReason`'s key: the spam key, then reason and the reporting fields. */
  aggregateKey(reason: string, reportingComponent: string, reportingInstance: string): string {
    const keys = this.#aggregateKeys;
    for (let i = keys.length - 1; i >= 0; i--) {
      const entry = keys[i] as AggregateKey;
      if (entry.reason === reason && entry.reportingComponent === reportingComponent && entry.reportingInstance === reportingInstance) {
        return entry.key;
      }
    }
    if (keys.length >= MAX_REASONS_PER_OBJECT) keys.length = 0;
    const entry: AggregateKey = { reason, reportingComponent, reportingInstance, key: this.spamKey + reason + reportingComponent + reportingInstance };
    keys.push(entry);
    return entry.key;
  }
}

/**
 * The keys of the event being correlated, computed once and read by the aggregator, the dedupe log and
 * the spam filter (one instance per correlator, reused from event to event: correlate is synchronous).
 *
 * Hashing a freshly built ~90-character key costs ~0.25 µs in a Map lookup, more than the rest of a
 * cache operation. So with the default key functions the keys share parts: the spam key (source, object,
 * type) is the prefix of the dedupe key (`spamKey + reason + message` when fieldPath is empty) and of
 * the aggregate key (`spamKey + reason + reportingComponent + reportingInstance`), and the spam and
 * aggregate keys, which hold no message, are remembered per object, already hashed. Only the dedupe key
 * is new per event. Each key equals what the key function returns, so collisions and dedupe behave
 * exactly as upstream.
 */
export class CorrelationKeys {
  /** Dedupe key (`getEventKey`). */
  eventKey = '';
  /** Aggregate key (first element of `keyFunc`); empty when aggregation is off. */
  aggregateKey = '';
  /** Aggregation's local key (second element of `keyFunc`), the message by default. */
  localKey = '';
  #spamKey = '';
  readonly #aggregation: boolean;
  readonly #keyFunc: EventAggregatorKeyFunc | undefined; // undefined for the default
  readonly #spamKeyFunc: EventSpamKeyFunc | undefined; // undefined for the default
  readonly #eventKeyFunc: EventKeyFunc | undefined; // undefined for the default
  /** By uid (else name); a different object under the same uid or name replaces the entry. */
  readonly #objects = new Map<string, ObjectKeys>();

  constructor(options: Pick<ResolvedCorrelatorOptions, 'keyFunc' | 'spamKeyFunc' | 'eventKeyFunc' | 'aggregation'>) {
    this.#aggregation = options.aggregation;
    this.#keyFunc = options.keyFunc === aggregateByReason ? undefined : options.keyFunc;
    this.#spamKeyFunc = options.spamKeyFunc === getSpamKey ? undefined : options.spamKeyFunc;
    this.#eventKeyFunc = options.eventKeyFunc === getEventKey ? undefined : options.eventKeyFunc;
  }

  /** Computes every key of `event` the correlator will use. */
  compute(event: CoreV1Event): void {
    const objectKeys = this.#objectKeys(event);
    this.eventKey = this.#eventKey(event, objectKeys.spamKey);
    if (this.#aggregation) {
      if (this.#keyFunc) {
        [this.aggregateKey, this.localKey] = this.#keyFunc(event);
      } else {
        this.aggregateKey = objectKeys.aggregateKey(event.reason ?? '', event.reportingComponent ?? '', event.reportingInstance ?? '');
        this.localKey = event.message ?? '';
      }
    }
    this.#spamKey = objectKeys.spamKey;
  }

  /** The dedupe key of `aggregate`, the aggregate event of the one last computed (same source, object, type). */
  eventKeyOfAggregate(aggregate: CoreV1Event): string {
    return this.#eventKey(aggregate, this.#spamKey);
  }

  /**
   * The spam key of `observed`, what correlate returns for the event last computed (upstream filters
   * that one). The default key is the one built for the input event: an aggregate or a dedupe copy has
   * the same source, object and type. A custom `spamKeyFunc` is called on `observed` itself.
   */
  spamKeyOf(observed: CoreV1Event): string {
    return this.#spamKeyFunc ? this.#spamKeyFunc(observed) : this.#spamKey;
  }

  /** `getEventKey(event)`, built on `spamKey` (the event's own) when it is its prefix. */
  #eventKey(event: CoreV1Event, spamKey: string): string {
    if (this.#eventKeyFunc) return this.#eventKeyFunc(event);
    return event.involvedObject.fieldPath ? getEventKey(event) : spamKey + (event.reason ?? '') + (event.message ?? '');
  }

  #objectKeys(event: CoreV1Event): ObjectKeys {
    const o = event.involvedObject;
    const id = o.uid || o.name || '';
    let keys = this.#objects.get(id);
    if (keys === undefined || !keys.matches(event)) {
      if (this.#objects.size >= MAX_OBJECTS) this.#objects.clear();
      keys = new ObjectKeys(event);
      this.#objects.set(id, keys);
    }
    return keys;
  }
}

/** Results that remember their dedupe key for `updateState`: more than a sink has writes in flight. */
const RECENT_SLOTS = 16;

/**
 * The dedupe keys of the last few events the correlator returned, found again by identity: a sink that
 * hands back the very object it was given (an in-memory one does) then costs `updateState` no second
 * build and hash of the key. A ring scanned newest first: cheaper than a WeakMap (~0.2 µs per event in
 * profiles); an event not found (a server's copy, or one written long after) has its key built anew.
 */
export class RecentKeys {
  readonly #eventKeyFunc: EventKeyFunc;
  readonly #events: Array<CoreV1Event | undefined> = new Array<CoreV1Event | undefined>(RECENT_SLOTS).fill(undefined);
  readonly #keys: string[] = new Array<string>(RECENT_SLOTS).fill('');
  #next = 0;

  /** @param eventKeyFunc - builds the key of an event not remembered. */
  constructor(eventKeyFunc: EventKeyFunc = getEventKey) {
    this.#eventKeyFunc = eventKeyFunc;
  }

  /** Remembers that `event`'s dedupe key is `key`. */
  remember(event: CoreV1Event, key: string): void {
    const i = this.#next;
    this.#events[i] = event;
    this.#keys[i] = key;
    this.#next = (i + 1) % RECENT_SLOTS;
  }

  /** `event`'s dedupe key: remembered if it is one of the last events seen, else built. */
  keyOf(event: CoreV1Event): string {
    let i = this.#next;
    for (let n = 0; n < RECENT_SLOTS; n++) {
      i = i === 0 ? RECENT_SLOTS - 1 : i - 1;
      if (this.#events[i] === event) return this.#keys[i] as string;
    }
    return this.#eventKeyFunc(event);
  }
}
