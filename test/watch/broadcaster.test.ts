import { describe, expect, it } from 'vitest';
import { Broadcaster } from '../../src/watch/broadcaster.js';
import { BroadcasterStoppedError } from '../../src/watch/errors.js';
import type { Watcher } from '../../src/watch/watcher.js';

async function collect<T>(watcher: Watcher<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of watcher) out.push(e);
  return out;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('Broadcaster', () => {
  it('delivers every event, in order, to every watcher', async () => {
    const b = new Broadcaster<number>({ queueLength: 10, fullChannelBehavior: 'drop' });
    const w1 = b.watch();
    const w2 = b.watch();
    for (let i = 0; i < 5; i++) expect(b.actionOrDrop(i)).toBe(true);
    await b.shutdown();
    expect(await collect(w1)).toEqual([0, 1, 2, 3, 4]);
    expect(await collect(w2)).toEqual([0, 1, 2, 3, 4]);
  });

  it('a new watcher sees exactly the events accepted after it registered', async () => {
    const b = new Broadcaster<string>({ queueLength: 10, fullChannelBehavior: 'drop' });
    const early = b.watch();
    b.actionOrDrop('a');
    const late = b.watch();
    b.actionOrDrop('b');
    await b.shutdown();
    expect(await collect(early)).toEqual(['a', 'b']);
    expect(await collect(late)).toEqual(['b']);
  });

  it('in drop mode a full watcher loses events without slowing the others', async () => {
    const b = new Broadcaster<number>({ queueLength: 3, fullChannelBehavior: 'drop' });
    const slow = b.watch(); // nobody reads it: holds 3, as Go's result channel of length 3
    const fast: number[] = [];
    const fastWatcher = b.watch();
    fastWatcher.events$.subscribe((e) => fast.push(e));
    for (let i = 0; i < 10; i++) b.actionOrDrop(i);
    expect(fast).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(slow.dropped).toBe(7);
    expect(fastWatcher.dropped).toBe(0);
    await b.shutdown();
    expect(await collect(slow)).toEqual([0, 1, 2]);
  });

  it('watchWithPrefix queues the prefix before later events, with room for all of it', async () => {
    const b = new Broadcaster<number>({ queueLength: 2, fullChannelBehavior: 'drop' });
    const w = b.watchWithPrefix([100, 101, 102, 103]);
    b.actionOrDrop(1);
    await b.shutdown();
    expect(await collect(w)).toEqual([100, 101, 102, 103, 1]);
    expect(w.dropped).toBe(0);
  });

  it('in wait mode distribution waits for room; actionOrDrop refuses when the incoming queue is full', async () => {
    const b = new Broadcaster<number>({ queueLength: 1, incomingQueueLength: 2, fullChannelBehavior: 'wait' });
    const w = b.watch();
    // 0 fills the watcher's queue (no consumer yet); 1 and 2 wait in incoming; 3 is refused.
    expect([0, 1, 2, 3].map((i) => b.actionOrDrop(i))).toEqual([true, true, true, false]);
    expect(b.incomingLength).toBe(2);
    const pending = b.action(5); // waits for room in incoming
    let admitted = false;
    void pending.then(() => (admitted = true));
    await tick();
    expect(admitted).toBe(false);
    const got = collect(w);
    await pending;
    await b.shutdown();
    expect(await got).toEqual([0, 1, 2, 5]);
    expect(w.dropped).toBe(0);
  });

  it('after shutdown action, actionOrDrop and watch fail with BroadcasterStoppedError', async () => {
    const b = new Broadcaster<number>({ queueLength: 1, fullChannelBehavior: 'drop' });
    await b.shutdown();
    expect(() => b.actionOrDrop(1)).toThrow(BroadcasterStoppedError);
    await expect(b.action(1)).rejects.toBeInstanceOf(BroadcasterStoppedError);
    expect(() => b.watch()).toThrow(BroadcasterStoppedError);
    try {
      b.watch();
    } catch (e) {
      expect((e as BroadcasterStoppedError).code).toBe('BroadcasterStopped');
      expect((e as Error).message).toBe('broadcaster already stopped');
    }
  });

  it('shutdown rejects actions still waiting for room and is idempotent', async () => {
    const b = new Broadcaster<number>({ queueLength: 1, incomingQueueLength: 1, fullChannelBehavior: 'wait' });
    b.watch(); // never read: 0 fills its queue, 1 waits in incoming, 2 is refused
    b.actionOrDrop(0);
    b.actionOrDrop(1);
    b.actionOrDrop(2);
    const waiting = b.action(3);
    const first = b.shutdown();
    expect(b.shutdown()).toBe(first);
    await expect(waiting).rejects.toBeInstanceOf(BroadcasterStoppedError);
  });

  it('stop() is idempotent, detaches the watcher and ends its iteration', async () => {
    const b = new Broadcaster<number>({ queueLength: 5, fullChannelBehavior: 'drop' });
    const w = b.watch();
    const other = b.watch();
    b.actionOrDrop(1);
    w.stop();
    w.stop();
    b.actionOrDrop(2);
    expect(await collect(w)).toEqual([]);
    await b.shutdown();
    expect(await collect(other)).toEqual([1, 2]);
  });

  it('breaking out of for-await stops the watcher', async () => {
    const b = new Broadcaster<number>({ queueLength: 5, fullChannelBehavior: 'drop' });
    const w = b.watch();
    b.actionOrDrop(1);
    b.actionOrDrop(2);
    for await (const e of w) {
      expect(e).toBe(1);
      break;
    }
    b.actionOrDrop(3);
    expect(w.pending).toBe(0);
    await b.shutdown();
  });

  it('events$ completes after shutdown with everything queued', async () => {
    const b = new Broadcaster<number>({ queueLength: 5, fullChannelBehavior: 'drop' });
    const w = b.watch();
    b.actionOrDrop(1);
    b.actionOrDrop(2);
    const seen: number[] = [];
    const done = new Promise<void>((resolve) => w.events$.subscribe({ next: (e) => seen.push(e), complete: resolve }));
    b.actionOrDrop(3);
    await b.shutdown();
    await done;
    expect(seen).toEqual([1, 2, 3]);
  });

  it('keeps order for events a consumer sends back into the broadcaster', async () => {
    const b = new Broadcaster<number>({ queueLength: 10, fullChannelBehavior: 'drop' });
    const echo = b.watch();
    const log = b.watch();
    echo.events$.subscribe((e) => {
      if (e < 3) b.actionOrDrop(e + 10);
    });
    b.actionOrDrop(1);
    b.actionOrDrop(2);
    await b.shutdown();
    expect(await collect(log)).toEqual([1, 11, 2, 12]);
  });
});
