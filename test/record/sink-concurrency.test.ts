// sinkConcurrency: parallel writes across events, strict order within one event (create, then patches
// with growing counts), checked as a property over randomised workloads and latencies.
import { describe, expect, it } from 'vitest';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { silentLogger } from '../../src/shared/logger.js';
import { pod } from '../support/objects.js';
import { seededRandom } from '../support/random.js';
import { SlowSink } from '../support/sink.js';
import { virtualTime } from '../support/virtual-time.js';

function run(seed: number, concurrency: number) {
  const random = seededRandom(seed);
  const vt = virtualTime();
  const sink = new SlowSink({ sleep: vt.sleep, now: () => vt.elapsed(), latency: () => 1 + Math.floor(random() * 50) });
  const broadcaster = new EventBroadcaster({
    logger: silentLogger,
    clock: vt.clock,
    sleep: vt.sleep,
    sinkConcurrency: concurrency,
    correlatorOptions: { burstSize: 1_000_000 },
  });
  broadcaster.startRecordingToSink(sink, { name: 'api' });
  const recorder = broadcaster.newRecorder({ component: 'ctrl' });
  const objects = Array.from({ length: 6 }, (_, i) => pod(`web-${i}`, 'default', `uid-${i}`));
  for (let i = 0; i < 300; i++) {
    const obj = objects[Math.floor(random() * objects.length)]!;
    recorder.event(obj, 'Normal', random() < 0.5 ? 'Pulled' : 'Started', 'same message');
  }
  return { sink, broadcaster, vt };
}

describe('sinkConcurrency', () => {
  it.each([11, 22, 33, 44, 55])('keeps create before patches with increasing counts per event (seed %i)', async (seed) => {
    const { sink, broadcaster } = run(seed, 8);
    const result = await broadcaster.flush({ timeoutMs: 600_000 });
    expect(result).toEqual({ completed: true, written: 300, failed: 0, dropped: 0, pending: 0 });
    const perEvent = new Map<string, Array<{ op: string; count: number }>>();
    for (const call of sink.calls) {
      const name = call.event.metadata.name!;
      const count = call.op === 'patch' ? call.patch.count : (call.event.count ?? 0);
      perEvent.set(name, [...(perEvent.get(name) ?? []), { op: call.op, count }]);
    }
    // 6 objects × 2 reasons: 12 events, each created once then patched for every repeat.
    expect(perEvent.size).toBe(12);
    let total = 0;
    for (const calls of perEvent.values()) {
      expect(calls[0]).toEqual({ op: 'create', count: 1 });
      expect(calls.slice(1).every((c) => c.op === 'patch')).toBe(true);
      expect(calls.map((c) => c.count)).toEqual(calls.map((_, i) => i + 1));
      total += calls.length;
    }
    expect(total).toBe(300);
    expect(sink.maxInFlight).toBe(8);
    const stats = broadcaster.stats();
    expect([stats.created, stats.patched, stats.failed]).toEqual([12, 288, 0]);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('runs one write at a time by default (client-go order)', async () => {
    const { sink, broadcaster } = run(7, 1);
    await broadcaster.flush();
    expect(sink.maxInFlight).toBe(1);
    expect(sink.calls).toHaveLength(300);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('writes different events in parallel: 8 slow creates take one latency, not eight', async () => {
    const vt = virtualTime();
    const sink = new SlowSink({ sleep: vt.sleep, now: () => vt.elapsed(), latency: () => 100 });
    const broadcaster = new EventBroadcaster({ logger: silentLogger, clock: vt.clock, sleep: vt.sleep, sinkConcurrency: 8 });
    broadcaster.startRecordingToSink(sink);
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    for (let i = 0; i < 16; i++) recorder.event(pod(`p${i}`, 'default', `u${i}`), 'Normal', 'Started', 'x');
    await broadcaster.flush();
    expect(sink.startedAt).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 100, 100, 100, 100, 100, 100, 100, 100]);
    expect(vt.elapsed()).toBe(200);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it.each([
    [{ sinkConcurrency: 0 }, 'sinkConcurrency must be a whole number ≥ 1, got 0'],
    [{ sinkConcurrency: 2.5 }, 'sinkConcurrency must be a whole number ≥ 1, got 2.5'],
    [{ writeQps: 0 }, 'writeQps must be a finite number > 0, got 0'],
    [{ writeQps: Number.NaN }, 'writeQps must be a finite number > 0, got NaN'],
    [{ writeQps: 5, writeBurst: 0 }, 'writeBurst must be a whole number ≥ 1, got 0'],
    [{ writeBurst: 3 }, 'writeBurst needs writeQps'],
  ])('rejects unusable write options %o with a RangeError', (options, message) => {
    expect(() => new EventBroadcaster({ logger: silentLogger, ...options })).toThrow(new RangeError(message));
  });
});
