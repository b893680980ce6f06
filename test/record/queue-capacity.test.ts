// EventBroadcaster's per-consumer queues keep exactly `maxQueuedEvents` events (client-go's watcher
// channel of maxQueuedEvents): the one event a sink or handler is busy with is the only extra.
import type { CoreV1Event } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import type { EventSink } from '../../src/record/sink.js';
import { capturingLogger } from '../support/logger.js';
import { pod } from '../support/objects.js';
import { neverSleep, recordedSleep } from '../support/sleep.js';

/** A sink whose every call waits until the test lets it go. */
class HeldSink implements EventSink {
  readonly created: string[] = [];
  #release: Array<() => void> = [];
  create(event: CoreV1Event): Promise<CoreV1Event> {
    this.created.push(event.involvedObject.name ?? '');
    return new Promise((resolve) => this.#release.push(() => resolve(event)));
  }
  update(event: CoreV1Event): Promise<CoreV1Event> {
    return Promise.resolve(event);
  }
  patch(event: CoreV1Event): Promise<CoreV1Event> {
    return Promise.resolve(event);
  }
  releaseAll(): void {
    const r = this.#release;
    this.#release = [];
    for (const f of r) f();
  }
}

describe('EventBroadcaster queue capacity', () => {
  it('maxQueuedEvents 3: a busy sink holds 1 in flight + 3 queued; the 5th and 6th are queueFull drops', async () => {
    const sink = new HeldSink();
    const b = new EventBroadcaster({ maxQueuedEvents: 3, logger: capturingLogger(), sleep: neverSleep });
    b.startRecordingToSink(sink, { name: 'held' });
    const recorder = b.newRecorder({ component: 'test' });
    for (let i = 1; i <= 6; i++) recorder.event(pod(`p${i}`, 'default', `uid-${i}`), 'Normal', 'Tick', 'tick');
    const s = b.stats();
    expect(sink.created).toEqual(['p1']);
    expect(s.sinks[0]!.pending).toBe(4);
    expect(s.dropped.queueFull).toBe(2);
    sink.releaseAll();
    const flushed = b.flush({ timeoutMs: 1_000 });
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setImmediate(r));
      sink.releaseAll();
    }
    expect((await flushed).completed).toBe(true);
    expect(sink.created).toEqual(['p1', 'p2', 'p3', 'p4']);
    await b.shutdown({ timeoutMs: 1_000 });
  });

  it('default 1000: a sink that never answers holds 1 + 1000 events; the next 2 are dropped', async () => {
    const sink = new HeldSink();
    const b = new EventBroadcaster({ logger: capturingLogger(), sleep: recordedSleep().sleep });
    b.startRecordingToSink(sink);
    const recorder = b.newRecorder({ component: 'test' });
    for (let i = 1; i <= 1003; i++) recorder.event(pod(`p${i}`, 'default', `uid-${i}`), 'Normal', 'Tick', 'tick');
    const s = b.stats();
    expect([sink.created.length, s.sinks[0]!.pending, s.dropped.queueFull]).toEqual([1, 1001, 2]);
    const { completed, abandoned } = await b.shutdown({ timeoutMs: 0 });
    expect([completed, abandoned]).toEqual([false, 1001]);
  });

  it('an event watcher that has not returned yet holds 1 + maxQueuedEvents', async () => {
    const b = new EventBroadcaster({ maxQueuedEvents: 2, logger: capturingLogger(), sleep: neverSleep });
    const seen: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    b.startEventWatcher(async (e) => {
      seen.push(e.involvedObject.name ?? '');
      if (seen.length === 1) await held;
    });
    const recorder = b.newRecorder({ component: 'test' });
    for (let i = 1; i <= 5; i++) recorder.event(pod(`p${i}`, 'default', `uid-${i}`), 'Normal', 'Tick', 'tick');
    expect(seen).toEqual(['p1']);
    release();
    await b.shutdown({ timeoutMs: 1_000 });
    expect(seen).toEqual(['p1', 'p2', 'p3']);
  });
});
