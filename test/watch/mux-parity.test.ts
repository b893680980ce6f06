// apimachinery's pkg/watch mux_test.go, ported to the public Broadcaster API, plus the capacity rule those
// tests rest on: a watcher's queue holds `queueLength` events (Go's result channel), read or not.
import { describe, expect, it } from 'vitest';
import { Broadcaster } from '../../src/watch/broadcaster.js';
import { BroadcasterStoppedError } from '../../src/watch/errors.js';
import type { Watcher } from '../../src/watch/watcher.js';

interface Ev {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly id: string;
  readonly value: string;
}

async function collect<T>(watcher: Watcher<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of watcher) out.push(e);
  return out;
}

const table: Ev[] = [
  { type: 'ADDED', id: 'foo', value: 'hello world 1' },
  { type: 'ADDED', id: 'bar', value: 'hello world 2' },
  { type: 'MODIFIED', id: 'foo', value: 'goodbye world 3' },
  { type: 'DELETED', id: 'bar', value: 'hello world 4' },
];

describe('apimachinery mux_test, ported', () => {
  // Go uses queue length 0 (unbuffered); ours is at least 1, which the reading watchers never fill.
  it('TestBroadcaster: every watcher gets every event in order (wait mode)', async () => {
    const b = new Broadcaster<Ev>({ queueLength: 1, fullChannelBehavior: 'wait' });
    const readers = [collect(b.watch()), collect(b.watch())];
    for (const item of table) await b.action(item);
    await b.shutdown();
    expect(await Promise.all(readers)).toEqual([table, table]);
  });

  it('TestBroadcasterWatcherClose: a stopped watcher and a shut-down one both end; extra stops do no harm', async () => {
    const b = new Broadcaster<Ev>({ queueLength: 1, fullChannelBehavior: 'wait' });
    const w = b.watch();
    const w2 = b.watch();
    w.stop();
    await b.shutdown();
    expect(await collect(w)).toEqual([]);
    expect(await collect(w2)).toEqual([]);
    w.stop();
    w2.stop();
    expect([w.dropped, w2.dropped]).toEqual([0, 0]);
  });

  it('TestBroadcasterWatcherStopDeadlock: stopping one watcher while distribution waits on it does not block', async () => {
    const b = new Broadcaster<Ev>({ queueLength: 1, fullChannelBehavior: 'wait' });
    const w0 = b.watch();
    const w1 = b.watch();
    const got: Ev[] = [];
    w0.events$.subscribe((e) => {
      got.push(e);
      w1.stop();
    });
    await b.action(table[0]!);
    await b.action(table[1]!); // w1 would be full now (nobody reads it): stopped, so it no longer holds distribution
    await b.shutdown();
    expect(got).toEqual([table[0], table[1]]);
  });

  it('TestBroadcasterDropIfChannelFull: queue length 1, two unread watchers: each gets the first event only', async () => {
    const b = new Broadcaster<Ev>({ queueLength: 1, fullChannelBehavior: 'drop' });
    const watchers = [b.watch(), b.watch()];
    expect(b.actionOrDrop(table[0]!)).toBe(true);
    expect(b.actionOrDrop(table[1]!)).toBe(true);
    await b.shutdown();
    expect(await Promise.all(watchers.map(collect))).toEqual([[table[0]], [table[0]]]);
    expect(watchers.map((w) => w.dropped)).toEqual([1, 1]);
  });

  it('TestBroadcasterWatchAfterShutdown: watch and watchWithPrefix fail with "broadcaster already stopped"', async () => {
    const b = new Broadcaster<Ev>({ queueLength: 1, fullChannelBehavior: 'wait' });
    await b.shutdown();
    expect(() => b.watch()).toThrow(new BroadcasterStoppedError('broadcaster already stopped'));
    expect(() => b.watchWithPrefix([table[0]!, table[1]!])).toThrow('broadcaster already stopped');
  });

  it('TestBroadcasterSendEventAfterShutdown: action rejects and actionOrDrop throws after shutdown', async () => {
    const b = new Broadcaster<Ev>({ queueLength: 1, fullChannelBehavior: 'drop' });
    b.watch();
    b.watch();
    await b.shutdown();
    await expect(b.action(table[0]!)).rejects.toThrow('broadcaster already stopped');
    expect(() => b.actionOrDrop(table[0]!)).toThrow(BroadcasterStoppedError);
  });
});

describe('watcher capacity in drop mode (Go result channel of queueLength)', () => {
  it('an unread watcher of queue length 3 holds 3 events and counts every later one dropped', async () => {
    const b = new Broadcaster<number>({ queueLength: 3, fullChannelBehavior: 'drop' });
    const w = b.watch();
    for (let i = 1; i <= 6; i++) b.actionOrDrop(i);
    expect([w.pending, w.dropped]).toEqual([3, 3]);
    await b.shutdown();
    expect(await collect(w)).toEqual([1, 2, 3]);
  });

  it('a reader busy with one event it took is the only extra: queue length 1 then holds 1 more', async () => {
    const b = new Broadcaster<number>({ queueLength: 1, fullChannelBehavior: 'drop' });
    const w = b.watch();
    const seen: number[] = [];
    const it = w[Symbol.asyncIterator]();
    const first = it.next(); // the reader waits for an event
    b.actionOrDrop(1); // taken by the reader
    seen.push((await first).value as number);
    b.actionOrDrop(2); // the reader is busy with 1: 2 waits in the queue
    b.actionOrDrop(3); // full: dropped
    expect([w.pending, w.dropped]).toEqual([1, 1]);
    seen.push((await it.next()).value as number);
    await b.shutdown();
    expect((await it.next()).done).toBe(true);
    expect(seen).toEqual([1, 2]);
  });

  it('a consumer attached later takes the parked event, which frees its place', async () => {
    const b = new Broadcaster<number>({ queueLength: 2, fullChannelBehavior: 'drop' });
    const w = b.watch();
    b.actionOrDrop(1);
    b.actionOrDrop(2);
    b.actionOrDrop(3); // full: dropped
    const seen: number[] = [];
    w.events$.subscribe((e) => seen.push(e));
    b.actionOrDrop(4);
    await b.shutdown();
    expect(seen).toEqual([1, 2, 4]);
    expect(w.dropped).toBe(1);
  });

  it('in wait mode an unread watcher of queue length 2 holds 2 events; the rest wait in the incoming queue', () => {
    const b = new Broadcaster<number>({ queueLength: 2, incomingQueueLength: 1, fullChannelBehavior: 'wait' });
    const w = b.watch();
    expect([1, 2, 3, 4].map((i) => b.actionOrDrop(i))).toEqual([true, true, true, false]);
    expect([w.pending, b.incomingLength]).toEqual([2, 1]);
  });

  it('watchWithPrefix holds max(queueLength, prefix + 1) events, as Go', async () => {
    const b = new Broadcaster<number>({ queueLength: 2, fullChannelBehavior: 'drop' });
    const w = b.watchWithPrefix([100, 101, 102]);
    b.actionOrDrop(1);
    b.actionOrDrop(2);
    await b.shutdown();
    expect(await collect(w)).toEqual([100, 101, 102, 1]);
    expect(w.dropped).toBe(1);
  });
});
