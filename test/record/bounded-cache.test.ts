import { channel } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/record/bounded-cache.js';

const metrics = channel('lru-cache:metrics');

describe('BoundedCache', () => {
  let unsubscribe: (() => void) | undefined;
  afterEach(() => unsubscribe?.());

  it('keeps at most max entries and evicts the least recently used (get counts as use)', () => {
    const cache = new BoundedCache<{ n: number }>(2);
    cache.set('a', { n: 1 });
    cache.set('b', { n: 2 });
    expect(cache.get('a')).toEqual({ n: 1 });
    cache.set('c', { n: 3 });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ n: 1 });
    expect(cache.get('c')).toEqual({ n: 3 });
    expect(cache.size).toBe(2);
  });

  it("reuses its options object, yet lru-cache's metrics subscribers get a fresh status per operation", () => {
    const seen: Array<Record<string, unknown>> = [];
    const onMessage = (message: unknown) => seen.push(message as Record<string, unknown>);
    metrics.subscribe(onMessage);
    unsubscribe = () => metrics.unsubscribe(onMessage);
    const cache = new BoundedCache<{ n: number }>(4);
    cache.set('a', { n: 1 });
    cache.get('a');
    cache.get('b');
    expect(seen.map((s) => [s['op'], s['key'], s['get'] ?? s['set']])).toEqual([
      ['set', 'a', 'add'],
      ['get', 'a', 'hit'],
      ['get', 'b', 'miss'],
    ]);
    expect(new Set(seen).size).toBe(3);
  });
});
