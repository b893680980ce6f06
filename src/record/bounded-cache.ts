// The LRU cache behind the correlator's three caches (aggregation, dedupe, spam filter): lru-cache with
// string keys, at most `max` entries, used through get (which makes an entry most recent) and set.
import { LRUCache } from 'lru-cache';

/**
 * An lru-cache `LRUCache<string, V>` that passes one options object of its own to every call.
 *
 * lru-cache ≥ 11.3 writes a `status` field into the options of each `get` and `set` (for its metrics
 * channel), so the default `{}` is a fresh object per call: four per event on the correlator's hot path,
 * ~110 B of garbage per event in the bench. The options object here is reused, and its `status` put back to
 * undefined after each call, so that a metrics subscriber still gets a new status object per operation.
 */
export class BoundedCache<V extends object> {
  readonly #lru: LRUCache<string, V>;
  readonly #options: { status?: LRUCache.Status<string, V> } = { status: undefined };

  /** @param max - the most entries kept; the least recently used one goes first. */
  constructor(max: number) {
    this.#lru = new LRUCache<string, V>({ max });
  }

  /** The number of entries. */
  get size(): number {
    return this.#lru.size;
  }

  /** The entry of `key`, made most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const value = this.#lru.get(key, this.#options);
    this.#options.status = undefined;
    return value;
  }

  /** Stores `value` under `key` as the most recently used entry, evicting the least recent one when full. */
  set(key: string, value: V): void {
    this.#lru.set(key, value, this.#options);
    this.#options.status = undefined;
  }
}
