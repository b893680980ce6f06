// Options passed as `undefined` (e.g. straight from process.env) mean "the default", exactly as if omitted:
// nothing spreads an undefined over a default. The type side is test/package/consumer/options-undefined.ts.
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { silentLogger } from '../../src/shared/logger.js';
import { realSleep } from '../../src/engine/sleep.js';
import { pod } from '../support/objects.js';
import { SlowSink } from '../support/sink.js';
import { neverSleep } from '../support/sleep.js';

describe('options given as undefined', () => {
  it('EventBroadcaster: every option undefined behaves as the defaults (source without host, sink-1, 25-event spam burst)', async () => {
    const broadcaster = new EventBroadcaster({
      sleepDurationMs: undefined,
      correlatorOptions: { lruCacheSize: undefined, burstSize: undefined, qps: undefined, maxEvents: undefined, spamFilter: undefined, aggregation: undefined, clock: undefined },
      maxQueuedEvents: undefined,
      signal: undefined,
      logger: silentLogger,
      random: undefined,
      clock: undefined,
      sleep: undefined,
      retryPolicy: undefined,
      retry: undefined,
      sinkConcurrency: undefined,
      writeQps: undefined,
      writeBurst: undefined,
    });
    const sink = new SlowSink({ sleep: realSleep, now: () => 0, latency: () => 0 });
    broadcaster.startRecordingToSink(sink, { name: undefined });
    const recorder = broadcaster.newRecorder({ component: 'ctrl', host: undefined });
    // 30 distinct events about one object: the default spam filter (burst 25) lets 25 through.
    for (let i = 0; i < 30; i++) recorder.event(pod(), 'Normal', `Reason${i}`, `message ${i}`);
    expect(await broadcaster.flush({ timeoutMs: undefined })).toEqual({ completed: true, written: 25, failed: 0, dropped: 5, pending: 0 });
    const first = sink.calls[0]!.event;
    expect({ source: first.source, reportingComponent: first.reportingComponent, reportingInstance: first.reportingInstance }).toEqual({
      source: { component: 'ctrl' },
      reportingComponent: 'ctrl',
      reportingInstance: '',
    });
    const result = await broadcaster.shutdown({ timeoutMs: undefined });
    expect(result.stats.sinks.map((s) => s.name)).toEqual(['sink-1']);
    expect(result.stats.spamFiltered).toBe(5);
  });

  it('EventsV1Broadcaster: reportingInstance undefined falls back to <controller>-<hostname>', async () => {
    const created: string[] = [];
    const broadcaster = new EventsV1Broadcaster({
      sink: { create: async (e) => (created.push(e.reportingInstance ?? '?'), e), update: async (e) => e, patch: async (e) => e },
      logger: silentLogger,
      sleep: neverSleep,
      series: undefined,
      cacheSize: undefined,
      maxQueuedEvents: undefined,
      ticker: undefined,
    });
    broadcaster.startRecording();
    const recorder = broadcaster.newRecorder('example.com/ctrl', { reportingInstance: undefined });
    expect(recorder.reportingInstance).toBe(`example.com/ctrl-${hostname()}`);
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    expect((await broadcaster.flush({ timeoutMs: undefined })).completed).toBe(true);
    expect(created).toEqual([`example.com/ctrl-${hostname()}`]);
    await broadcaster.shutdown({ timeoutMs: undefined });
  });
});
