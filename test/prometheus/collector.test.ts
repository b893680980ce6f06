// kube-record/prometheus: the metrics text a scrape sees, with exact values for both APIs.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { EventsV1BroadcasterStats } from '../../src/events/stats.js';
import { registerEventMetrics } from '../../src/prometheus/index.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { silentLogger } from '../../src/shared/logger.js';
import { RequestConstructionError } from '../../src/engine/request-construction.js';
import { pod } from '../support/objects.js';
import { FakeApiException, ScriptedSink } from '../support/sink.js';
import { virtualTime } from '../support/virtual-time.js';

const eventsV1Stats: EventsV1BroadcasterStats = {
  accepted: 9,
  dropped: { queueFull: 0, afterShutdown: 0, invalid: 1, rejected: 1, retriesExhausted: 0, requestInvalid: 0, shutdown: 0 },
  invalid: { ReasonTooLong: 1 },
  notesTruncated: 0,
  created: 3,
  patched: 2,
  failed: 1,
  retried: 4,
  rejectedByStatus: { '403': 1 },
  pending: 2,
  series: { started: 1, counted: 3, heartbeats: 1, finished: 0, flushed: 0, failedWrites: 0, evicted: 0, cached: 2 },
};

/** The sample lines of one metric, without HELP/TYPE. */
function samples(text: string, metric: string): string[] {
  return text.split('\n').filter((l) => l.startsWith(`${metric}{`));
}

describe('registerEventMetrics', () => {
  it('counts a request that could not be built under cause="requestInvalid"', async () => {
    const registry = new Registry();
    const vt = virtualTime();
    const broadcaster = new EventBroadcaster({ logger: silentLogger, clock: vt.clock, sleep: vt.sleep, random: () => 0 });
    const sink = new ScriptedSink();
    sink.failures.push(new RequestConstructionError('cannot build'));
    broadcaster.startRecordingToSink(sink);
    broadcaster.newRecorder({ component: 'ctrl' }).event(pod('a'), 'Normal', 'Started', 'x');
    expect(await broadcaster.flush()).toMatchObject({ completed: true, written: 0, failed: 1 });
    registerEventMetrics([broadcaster], { registry });
    const text = await registry.metrics();
    expect(samples(text, 'kube_record_events_dropped_total').filter((l) => !l.endsWith(' 0'))).toEqual([
      'kube_record_events_dropped_total{api="core/v1",cause="requestInvalid"} 1',
    ]);
    expect(samples(text, 'kube_record_event_write_retries_total')).toEqual(['kube_record_event_write_retries_total{api="core/v1"} 0']);
  });

  it('exposes both APIs with conventional names and labels', async () => {
    const registry = new Registry();
    const vt = virtualTime();
    const broadcaster = new EventBroadcaster({ logger: silentLogger, clock: vt.clock, sleep: vt.sleep, random: () => 0 });
    const sink = new ScriptedSink();
    sink.failures.push(undefined, undefined, new FakeApiException(409), new FakeApiException(503));
    broadcaster.startRecordingToSink(sink);
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    recorder.event(pod('a'), 'Normal', 'Started', 'x');
    recorder.event(pod('a'), 'Normal', 'Started', 'x');
    recorder.event(pod('b'), 'Normal', 'Started', 'x');
    recorder.event(pod('c'), 'Normal', 'Started', 'x');
    expect(await broadcaster.flush()).toMatchObject({ completed: true, written: 3, failed: 1 });
    registerEventMetrics([broadcaster, { stats: () => eventsV1Stats }], { registry });
    const text = await registry.metrics();
    expect(samples(text, 'kube_record_events_accepted_total')).toEqual([
      'kube_record_events_accepted_total{api="core/v1"} 4',
      'kube_record_events_accepted_total{api="events.k8s.io/v1"} 9',
    ]);
    expect(samples(text, 'kube_record_events_written_total')).toEqual([
      'kube_record_events_written_total{api="core/v1",operation="create"} 2',
      'kube_record_events_written_total{api="core/v1",operation="patch"} 1',
      'kube_record_events_written_total{api="events.k8s.io/v1",operation="create"} 3',
      'kube_record_events_written_total{api="events.k8s.io/v1",operation="patch"} 2',
    ]);
    expect(samples(text, 'kube_record_events_dropped_total').filter((l) => !l.endsWith(' 0'))).toEqual([
      'kube_record_events_dropped_total{api="core/v1",cause="rejected"} 1',
      'kube_record_events_dropped_total{api="events.k8s.io/v1",cause="invalid"} 1',
      'kube_record_events_dropped_total{api="events.k8s.io/v1",cause="rejected"} 1',
    ]);
    expect(samples(text, 'kube_record_events_rejected_total')).toEqual([
      'kube_record_events_rejected_total{api="core/v1",status="409"} 1',
      'kube_record_events_rejected_total{api="events.k8s.io/v1",status="403"} 1',
    ]);
    expect(samples(text, 'kube_record_event_write_retries_total')).toEqual([
      'kube_record_event_write_retries_total{api="core/v1"} 1',
      'kube_record_event_write_retries_total{api="events.k8s.io/v1"} 4',
    ]);
    expect(samples(text, 'kube_record_event_series_total')).toEqual([
      'kube_record_event_series_total{api="events.k8s.io/v1",action="started"} 1',
      'kube_record_event_series_total{api="events.k8s.io/v1",action="counted"} 3',
      'kube_record_event_series_total{api="events.k8s.io/v1",action="heartbeat"} 1',
      'kube_record_event_series_total{api="events.k8s.io/v1",action="finished"} 0',
      'kube_record_event_series_total{api="events.k8s.io/v1",action="flushed"} 0',
    ]);
    expect(samples(text, 'kube_record_events_pending')).toEqual([
      'kube_record_events_pending{api="core/v1"} 0',
      'kube_record_events_pending{api="events.k8s.io/v1"} 2',
    ]);
    expect(text).toContain('# TYPE kube_record_events_pending gauge');
    expect(text).toContain('# TYPE kube_record_events_accepted_total counter');
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('reads fresh values at every scrape, and unregisters', async () => {
    const registry = new Registry();
    let accepted = 1;
    const metrics = registerEventMetrics({ stats: () => ({ ...eventsV1Stats, accepted }) }, { registry, prefix: 'ctrl_' });
    expect(samples(await registry.metrics(), 'ctrl_events_accepted_total')).toEqual(['ctrl_events_accepted_total{api="events.k8s.io/v1"} 1']);
    accepted = 5;
    expect(samples(await registry.metrics(), 'ctrl_events_accepted_total')).toEqual(['ctrl_events_accepted_total{api="events.k8s.io/v1"} 5']);
    metrics.unregister();
    metrics.unregister();
    expect(await registry.metrics()).toBe('\n');
  });

  it('throws prom-client’s error when the names are taken in that registry', () => {
    const registry = new Registry();
    registerEventMetrics({ stats: () => eventsV1Stats }, { registry });
    expect(() => registerEventMetrics({ stats: () => eventsV1Stats }, { registry })).toThrow(/already been registered/);
  });
});
