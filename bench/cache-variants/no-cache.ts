// A cache that keeps nothing: every get misses. Not a correlator anyone could use (nothing is deduplicated
// or aggregated), but on W1, where every event misses anyway, it measures what the pipeline costs
// without its caches (bench/caches.ts).

/** Keeps nothing. */
export class BoundedCache<V extends object> {
  /** Which implementation this is (bench/caches.ts checks that its hook put this one in place). */
  static readonly label = 'no cache';

  /** Always 0. */
  get size(): number {
    return 0;
  }

  /** Always undefined. */
  get(_key: string): V | undefined {
    return undefined;
  }

  /** Does nothing. */
  set(_key: string, _value: V): void {}
}
