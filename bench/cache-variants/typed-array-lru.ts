// A hand-written LRU hash table for string keys on typed arrays: the "what would a cache without a Map
// cost" variant of the correlator's cache (bench/caches.ts). Not shipped: the correlator runs on
// lru-cache by design. It behaves as BoundedCache (get makes an entry most recent, set evicts the least
// recent one when full); test/bench/cache-variants.test.ts checks that against lru-cache.
//
// Why it is faster on W1: lru-cache finds keys through a `Map`, and W1 inserts two fresh keys per event
// and evicts two, so each event pays a `Map.set` and a `Map.delete` per cache and the map's periodic
// rehash (a new ~230 KB table every ~4 096 inserts, which also feeds the old-generation GC). Here a slot
// is overwritten in place: the table never grows, never rehashes, and allocates nothing per operation.

/** No slot: the end of a chain or of the recency list. */
const NONE = -1;

/** FNV-1a over the UTF-16 code units of `key` (reading them also flattens a V8 cons string once). */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}

/** At most `max` entries by string key, least recently used evicted first. */
export class BoundedCache<V extends object> {
  /** Which implementation this is (bench/caches.ts checks that its hook put this one in place). */
  static readonly label = 'typed-array LRU';

  readonly #max: number;
  readonly #mask: number;
  /** Bucket → first slot of its chain. */
  readonly #buckets: Int32Array;
  /** Slot → next slot in the same bucket. */
  readonly #chain: Int32Array;
  readonly #hashes: Int32Array;
  readonly #keys: Array<string | undefined>;
  readonly #values: Array<V | undefined>;
  /** The recency list: slot → newer / older neighbour. */
  readonly #newer: Int32Array;
  readonly #older: Int32Array;
  #oldest = NONE;
  #newest = NONE;
  #size = 0;
  /** The last key hashed: a miss's get and the set that follows hash it once. */
  #lastKey: string | undefined;
  #lastHash = 0;

  /** @param max - the most entries kept. */
  constructor(max: number) {
    this.#max = max;
    let buckets = 1;
    while (buckets < max * 2) buckets <<= 1;
    this.#mask = buckets - 1;
    this.#buckets = new Int32Array(buckets).fill(NONE);
    this.#chain = new Int32Array(max).fill(NONE);
    this.#hashes = new Int32Array(max);
    this.#keys = new Array<string | undefined>(max).fill(undefined);
    this.#values = new Array<V | undefined>(max).fill(undefined);
    this.#newer = new Int32Array(max).fill(NONE);
    this.#older = new Int32Array(max).fill(NONE);
  }

  /** The number of entries. */
  get size(): number {
    return this.#size;
  }

  /** The entry of `key`, made most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const slot = this.#find(key, this.#hash(key));
    if (slot === NONE) return undefined;
    this.#makeNewest(slot);
    return this.#values[slot];
  }

  /** Stores `value` under `key` as the most recently used entry, evicting the least recent one when full. */
  set(key: string, value: V): void {
    const hash = this.#hash(key);
    let slot = this.#find(key, hash);
    if (slot !== NONE) {
      this.#values[slot] = value;
      this.#makeNewest(slot);
      return;
    }
    if (this.#size < this.#max) {
      slot = this.#size++;
    } else {
      slot = this.#oldest;
      this.#unchain(slot);
      this.#unlink(slot);
    }
    this.#keys[slot] = key;
    this.#values[slot] = value;
    this.#hashes[slot] = hash;
    const bucket = hash & this.#mask;
    this.#chain[slot] = this.#buckets[bucket] as number;
    this.#buckets[bucket] = slot;
    this.#append(slot);
  }

  #hash(key: string): number {
    if (key !== this.#lastKey) {
      this.#lastKey = key;
      this.#lastHash = hashOf(key);
    }
    return this.#lastHash;
  }

  #find(key: string, hash: number): number {
    let slot = this.#buckets[hash & this.#mask] as number;
    while (slot !== NONE && !(this.#hashes[slot] === hash && this.#keys[slot] === key)) slot = this.#chain[slot] as number;
    return slot;
  }

  /** Takes `slot` out of its bucket's chain. */
  #unchain(slot: number): void {
    const bucket = (this.#hashes[slot] as number) & this.#mask;
    let at = this.#buckets[bucket] as number;
    if (at === slot) {
      this.#buckets[bucket] = this.#chain[slot] as number;
      return;
    }
    while (this.#chain[at] !== slot) at = this.#chain[at] as number;
    this.#chain[at] = this.#chain[slot] as number;
  }

  #makeNewest(slot: number): void {
    if (slot === this.#newest) return;
    this.#unlink(slot);
    this.#append(slot);
  }

  /** Takes `slot` out of the recency list. */
  #unlink(slot: number): void {
    const older = this.#older[slot] as number;
    const newer = this.#newer[slot] as number;
    if (older === NONE) this.#oldest = newer;
    else this.#newer[older] = newer;
    if (newer === NONE) this.#newest = older;
    else this.#older[newer] = older;
  }

  /** Puts `slot` at the newest end of the recency list. */
  #append(slot: number): void {
    this.#older[slot] = this.#newest;
    this.#newer[slot] = NONE;
    if (this.#newest === NONE) this.#oldest = slot;
    else this.#newer[this.#newest] = slot;
    this.#newest = slot;
  }
}
