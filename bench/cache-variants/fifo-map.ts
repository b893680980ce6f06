// A bare `Map` that forgets its oldest insert when full: not an LRU (get does not refresh anything). The
// least work any `Map`-keyed cache can do per insert (one `Map.set`, one `Map.delete`), so its figures
// bound what lru-cache, or any LRU built on a `Map`, can reach (bench/caches.ts).

/** At most `max` entries by string key, the oldest insert evicted first. */
export class BoundedCache<V extends object> {
  /** Which implementation this is (bench/caches.ts checks that its hook put this one in place). */
  static readonly label = 'Map, FIFO';

  readonly #map = new Map<string, V>();
  /** The keys in insert order, a ring. */
  readonly #ring: Array<string | undefined>;
  #next = 0;

  /** @param max - the most entries kept. */
  constructor(max: number) {
    this.#ring = new Array<string | undefined>(max).fill(undefined);
  }

  /** The number of entries. */
  get size(): number {
    return this.#map.size;
  }

  /** The entry of `key`; undefined when absent. */
  get(key: string): V | undefined {
    return this.#map.get(key);
  }

  /** Stores `value` under `key`; a new key evicts the oldest insert when full. */
  set(key: string, value: V): void {
    if (!this.#map.has(key)) {
      const evicted = this.#ring[this.#next];
      if (evicted !== undefined) this.#map.delete(evicted);
      this.#ring[this.#next] = key;
      this.#next = (this.#next + 1) % this.#ring.length;
    }
    this.#map.set(key, value);
  }
}
