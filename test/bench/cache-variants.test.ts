import { LRUCache } from 'lru-cache';
import { describe, expect, it } from 'vitest';
import { BoundedCache as FifoMap } from '../../bench/cache-variants/fifo-map.js';
import { initialize, resolve } from '../../bench/cache-variants/hooks.js';
import { BoundedCache as NoCache } from '../../bench/cache-variants/no-cache.js';
import { BoundedCache as TypedArrayLru } from '../../bench/cache-variants/typed-array-lru.js';

class Value {
  constructor(readonly n: number) {}
}

/** A deterministic pseudo-random sequence in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

describe('bench cache variant: typed-array LRU', () => {
  it('evicts the least recently used entry, get counting as a use', () => {
    const cache = new TypedArrayLru<Value>(3);
    cache.set('a', new Value(1));
    cache.set('b', new Value(2));
    cache.set('c', new Value(3));
    expect(cache.get('a')?.n).toBe(1); // b is now the least recent
    cache.set('d', new Value(4));
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a')?.n, cache.get('c')?.n, cache.get('d')?.n]).toEqual([1, 3, 4]);
    cache.set('c', new Value(30)); // an update refreshes and replaces, evicts nothing
    cache.set('e', new Value(5)); // evicts a (order now a, d, c → a is least recent)
    expect(cache.get('a')).toBeUndefined();
    expect([cache.get('c')?.n, cache.get('d')?.n, cache.get('e')?.n, cache.size]).toEqual([30, 4, 5, 3]);
  });

  it('answers every get and size as lru-cache does over 200 000 random operations', () => {
    for (const [max, keys] of [
      [1, 3],
      [2, 5],
      [7, 20],
      [64, 100],
      [4096, 10_000],
    ] as const) {
      const random = lcg(max * 7919);
      const reference = new LRUCache<string, Value>({ max });
      const cache = new TypedArrayLru<Value>(max);
      const mismatches: string[] = [];
      for (let i = 0; i < 200_000 && mismatches.length === 0; i++) {
        const key = `key-${Math.floor(random() * keys)}`;
        if (random() < 0.5) {
          const [want, got] = [reference.get(key)?.n, cache.get(key)?.n];
          if (want !== got) mismatches.push(`max ${max}, op ${i}: get ${key} = ${got}, lru-cache ${want}`);
        } else {
          const value = new Value(i);
          reference.set(key, value);
          cache.set(key, value);
        }
        if (reference.size !== cache.size) mismatches.push(`max ${max}, op ${i}: size ${cache.size}, lru-cache ${reference.size}`);
      }
      expect(mismatches).toEqual([]);
    }
  });

  it('tells keys with the same hash bucket apart', () => {
    // 10 000 keys into 16 buckets: long chains, every lookup compares keys.
    const cache = new TypedArrayLru<Value>(8);
    for (let i = 0; i < 10_000; i++) cache.set(`k${i}`, new Value(i));
    expect(Array.from({ length: 9 }, (_, j) => cache.get(`k${9_991 + j}`)?.n)).toEqual([undefined, 9_992, 9_993, 9_994, 9_995, 9_996, 9_997, 9_998, 9_999]);
  });
});

describe('bench cache variant: Map, FIFO', () => {
  it('evicts the oldest insert whatever was read since', () => {
    const cache = new FifoMap<Value>(2);
    cache.set('a', new Value(1));
    cache.set('b', new Value(2));
    expect(cache.get('a')?.n).toBe(1);
    cache.set('b', new Value(20)); // an update is not a new insert
    cache.set('c', new Value(3)); // evicts a, the oldest insert, although it was read
    expect([cache.get('a'), cache.get('b')?.n, cache.get('c')?.n, cache.size]).toEqual([undefined, 20, 3, 2]);
  });
});

describe('bench cache variant: no cache', () => {
  it('keeps nothing', () => {
    const cache = new NoCache<Value>();
    cache.set('a', new Value(1));
    expect([cache.get('a'), cache.size]).toEqual([undefined, 0]);
  });
});

describe('bench cache variant hook', () => {
  type Next = Parameters<typeof resolve>[2];
  type Context = Parameters<typeof resolve>[1];
  const next = ((specifier: string) => Promise.resolve({ url: `file:///repo/.bench-build/${specifier}`, format: 'module' })) as unknown as Next;
  const context = { conditions: [], importAttributes: {}, importAssertions: {}, parentURL: 'file:///repo/.bench-build/src/record/event-log.js' } as Context;

  it('loads the variant in place of the correlator cache, and leaves every other module alone', async () => {
    await initialize?.({ url: 'file:///repo/.bench-build/bench/cache-variants/fifo-map.js' });
    expect(await resolve('src/record/bounded-cache.js', context, next)).toEqual({
      url: 'file:///repo/.bench-build/bench/cache-variants/fifo-map.js',
      format: 'module',
      shortCircuit: true,
    });
    expect(await resolve('src/record/event-log.js', context, next)).toEqual({ url: 'file:///repo/.bench-build/src/record/event-log.js', format: 'module' });
  });
});
