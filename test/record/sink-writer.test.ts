import { describe, expect, it } from 'vitest';
import type { CoreV1Event } from '@kubernetes/client-node';
import type { EventSink } from '../../src/record/sink.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { silentLogger } from '../../src/shared/logger.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';
import { pod } from '../support/objects.js';
import { FakeApiException, ScriptedSink } from '../support/sink.js';
import { neverSleep, recordedSleep, settle } from '../support/sleep.js';


function setup(
  options: { random?: () => number; sleep?: ReturnType<typeof recordedSleep>['sleep']; retryPolicy?: 'client-go' | 'server-aware' } = {},
) {
  const clock = new ManualClock('2026-11-24T10:00:00Z');
  const slept = recordedSleep();
  const logger = capturingLogger();
  const broadcaster = new EventBroadcaster({
    clock,
    logger,
    sleep: options.sleep ?? slept.sleep,
    random: options.random ?? (() => 0.25),
    sleepDurationMs: 10_000,
    retryPolicy: options.retryPolicy ?? 'client-go',
  });
  const sink = new ScriptedSink();
  const handle = broadcaster.startRecordingToSink(sink, { name: 'api' });
  const recorder = broadcaster.newRecorder({ component: 'ctrl', host: 'node-1' });
  return { clock, broadcaster, sink, handle, recorder, delays: slept.delays, logger };
}

const transportError = () => Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' });

describe('writing to the sink: retryPolicy client-go (recordToSink exactly)', () => {
  it('a status error is final: 1 try, counted as rejected with its status', async () => {
    const { broadcaster, sink, recorder, delays, logger } = setup();
    sink.failures.push(new FakeApiException(422));
    recorder.event(pod(), 'Normal', 'Started', 'started');
    await settle();
    expect(sink.ops()).toEqual(['create']);
    expect(delays).toEqual([]);
    const stats = broadcaster.stats();
    expect(stats.dropped.rejected).toBe(1);
    expect(stats.sinks[0]?.rejectedByStatus).toEqual({ '422': 1 });
    expect(stats.failed).toBe(1);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['Server rejected event (will not retry!)']);
  });

  it('anything without a numeric code is retried 12 times: first sleep random × 10 s, then 10 s', async () => {
    const { broadcaster, sink, recorder, delays } = setup({ random: () => 0.25 });
    for (let i = 0; i < 12; i++) sink.failures.push(transportError());
    recorder.event(pod(), 'Normal', 'Started', 'started');
    await settle(40);
    expect(sink.ops()).toEqual(Array<string>(12).fill('create'));
    expect(delays).toEqual([2_500, ...Array<number>(10).fill(10_000)]);
    const stats = broadcaster.stats();
    expect(stats.dropped.retriesExhausted).toBe(1);
    expect(stats.retried).toBe(11);
    expect(stats.created).toBe(0);
  });

  it('takes 2 tries when the second succeeds', async () => {
    const { broadcaster, sink, recorder, delays } = setup();
    sink.failures.push(transportError());
    recorder.event(pod(), 'Normal', 'Started', 'started');
    await settle();
    expect(sink.ops()).toEqual(['create', 'create']);
    expect(delays).toEqual([2_500]);
    expect(broadcaster.stats().created).toBe(1);
    expect(broadcaster.stats().failed).toBe(0);
  });

  it('a sink that throws instead of rejecting is retried like a transport error', async () => {
    const { broadcaster, sink, recorder, delays } = setup();
    const create = sink.create.bind(sink);
    let calls = 0;
    sink.create = (event) => {
      if (++calls === 1) throw new TypeError('sink bug');
      return create(event);
    };
    recorder.event(pod(), 'Normal', 'Started', 'started');
    await settle();
    expect(calls).toBe(2);
    expect(delays).toEqual([2_500]);
    expect(broadcaster.stats()).toMatchObject({ created: 1, retried: 1, failed: 0 });
  });

  it('a patch answered 404 becomes a create with the cached name and the accumulated count', async () => {
    const { broadcaster, sink, recorder, clock } = setup();
    recorder.event(pod(), 'Normal', 'Started', 'started');
    await settle();
    const first = sink.calls[0]!.event.metadata.name!;
    clock.advanceSeconds(1);
    recorder.event(pod(), 'Normal', 'Started', 'started');
    await settle();
    sink.stored.clear(); // deleted server-side (e.g. the 1 h TTL)
    clock.advanceSeconds(1);
    recorder.event(pod(), 'Normal', 'Started', 'started');
    await settle();
    expect(sink.ops()).toEqual(['create', 'patch', 'patch', 'create']);
    const recreated = sink.calls[3]!.event;
    expect(recreated.metadata.name).toBe(first);
    expect(recreated.count).toBe(3);
    expect(recreated.metadata.resourceVersion).toBeUndefined();
    expect(recreated.firstTimestamp?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(broadcaster.stats()).toMatchObject({ created: 2, patched: 1, failed: 0 });
  });

  it('sends exactly { count, lastTimestamp, message } as the patch body', async () => {
    const { sink, recorder, clock } = setup();
    recorder.event(pod(), 'Warning', 'BackOff', 'Back-off restarting');
    await settle();
    clock.advance(65_400);
    recorder.event(pod(), 'Warning', 'BackOff', 'Back-off restarting');
    await settle();
    const call = sink.calls[1]!;
    expect(call.op).toBe('patch');
    if (call.op === 'patch') expect(JSON.stringify(call.patch)).toBe('{"count":2,"lastTimestamp":"2026-11-24T10:01:05Z","message":"Back-off restarting"}');
  });

  it('a non-404 patch error is classified like any other: retried patch, no create fallback', async () => {
    const { sink, recorder } = setup();
    recorder.event(pod(), 'Normal', 'Started', 'x');
    await settle();
    sink.failures.push(transportError());
    recorder.event(pod(), 'Normal', 'Started', 'x');
    await settle();
    expect(sink.ops()).toEqual(['create', 'patch', 'patch']);
  });

  it('does not retry after shutdown: a sleeping retry ends at once and is counted', async () => {
    const { broadcaster, sink, recorder } = setup({ sleep: neverSleep });
    sink.failures.push(transportError());
    recorder.event(pod(), 'Normal', 'Started', 'x');
    await settle();
    expect(sink.ops()).toEqual(['create']);
    const result = await broadcaster.shutdown({ timeoutMs: 1000 });
    expect(sink.ops()).toEqual(['create']);
    expect(result.completed).toBe(true);
    expect(result.stats.dropped.shutdown).toBe(1);
  });

  it('logs 409 AlreadyExists and namespace-terminating rejections quietly (debug), and counts them', async () => {
    const { broadcaster, sink, recorder, logger } = setup();
    sink.failures.push(
      new FakeApiException(409, JSON.stringify({ kind: 'Status', reason: 'AlreadyExists', code: 409 })),
      new FakeApiException(
        403,
        JSON.stringify({ kind: 'Status', reason: 'Forbidden', code: 403, details: { causes: [{ reason: 'NamespaceTerminating' }] } }),
      ),
    );
    recorder.event(pod('a'), 'Normal', 'Started', 'x');
    recorder.event(pod('b'), 'Normal', 'Started', 'x');
    await settle();
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(logger.lines.filter((l) => l.message === 'Server rejected event (will not retry!)').map((l) => l.level)).toEqual(['debug', 'debug']);
    expect(broadcaster.stats().sinks[0]?.rejectedByStatus).toEqual({ '403': 1, '409': 1 });
  });

  it.each([1, 4])('a plain-JS sink resolving with nothing counts as written; the repeat patches the name it sent (sinkConcurrency %i)', async (sinkConcurrency) => {
    const calls: Array<{ op: string; name: string | undefined; count: number | undefined }> = [];
    const sink = {
      create: (event: CoreV1Event) => (calls.push({ op: 'create', name: event.metadata.name, count: event.count }), Promise.resolve(undefined)),
      patch: (event: CoreV1Event) => (calls.push({ op: 'patch', name: event.metadata.name, count: event.count }), Promise.resolve(undefined)),
      update: () => Promise.resolve(undefined),
    } as unknown as EventSink;
    const clock = new ManualClock('2026-11-24T10:00:00Z');
    const broadcaster = new EventBroadcaster({ clock, logger: silentLogger, sleep: neverSleep, sinkConcurrency });
    broadcaster.startRecordingToSink(sink);
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    recorder.event(pod('web'), 'Normal', 'Started', 'started');
    await settle();
    recorder.event(pod('web'), 'Normal', 'Started', 'started');
    const flushed = await broadcaster.flush({ timeoutMs: 1000 });
    expect(calls).toEqual([
      { op: 'create', name: 'web.18eaf2d571194000', count: 1 },
      { op: 'patch', name: 'web.18eaf2d571194000', count: 2 },
    ]);
    expect(flushed).toEqual({ completed: true, written: 1, failed: 0, dropped: 0, pending: 0 });
    expect(broadcaster.stats()).toMatchObject({ created: 1, patched: 1, failed: 0 });
  });

  it('writes one event at a time, in arrival order', async () => {
    const { sink, recorder } = setup();
    let inFlight = 0;
    let maxInFlight = 0;
    const create = sink.create.bind(sink);
    sink.create = async (e) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return create(e);
    };
    for (let i = 0; i < 5; i++) recorder.event(pod(`p${i}`), 'Normal', 'Started', 'x');
    await settle(20);
    expect(maxInFlight).toBe(1);
    expect(sink.calls.map((c) => c.event.involvedObject.name)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
  });
});

describe('writing to the sink: retryPolicy server-aware (default)', () => {
  it('retries 500, 502, 503, 504 and transport errors with capped exponential backoff and full jitter', async () => {
    const { broadcaster, sink, recorder, delays } = setup({ retryPolicy: 'server-aware', random: () => 0.5 });
    sink.failures.push(
      new FakeApiException(500),
      new FakeApiException(502),
      new FakeApiException(503),
      new FakeApiException(504),
      transportError(),
      transportError(),
      transportError(),
    );
    recorder.event(pod(), 'Normal', 'Started', 'x');
    await settle(30);
    expect(sink.ops()).toEqual(Array<string>(8).fill('create'));
    // ceiling 1 s doubling per failure, capped at sleepDurationMs (10 s); random 0.5 takes half of it
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(broadcaster.stats()).toMatchObject({ created: 1, retried: 7, failed: 0 });
  });

  it('honours Retry-After on 429 (capped at 60 s), and backs off without it', async () => {
    const { sink, recorder, delays } = setup({ retryPolicy: 'server-aware', random: () => 0.5 });
    sink.failures.push(
      new FakeApiException(429, '{}', { 'retry-after': '7' }),
      new FakeApiException(429, '{}', { 'retry-after': '3600' }),
      new FakeApiException(429),
    );
    recorder.event(pod(), 'Normal', 'Started', 'x');
    await settle(20);
    expect(delays).toEqual([7_000, 60_000, 2_000]);
    expect(sink.ops()).toEqual(['create', 'create', 'create', 'create']);
  });

  it('keeps every other status final', async () => {
    const { broadcaster, sink, recorder, delays } = setup({ retryPolicy: 'server-aware' });
    sink.failures.push(new FakeApiException(403), new FakeApiException(409), new FakeApiException(400));
    for (const name of ['a', 'b', 'c']) recorder.event(pod(name), 'Normal', 'Started', 'x');
    await settle(10);
    expect(sink.ops()).toEqual(['create', 'create', 'create']);
    expect(delays).toEqual([]);
    expect(broadcaster.stats().sinks[0]?.rejectedByStatus).toEqual({ '400': 1, '403': 1, '409': 1 });
  });

  it('stops after 12 tries', async () => {
    const { broadcaster, sink, recorder } = setup({ retryPolicy: 'server-aware' });
    for (let i = 0; i < 20; i++) sink.failures.push(new FakeApiException(503));
    recorder.event(pod(), 'Normal', 'Started', 'x');
    await settle(40);
    expect(sink.ops()).toHaveLength(12);
    expect(broadcaster.stats().dropped.retriesExhausted).toBe(1);
  });
});

describe('EventBroadcaster: stats and drops', () => {
  it('counts a sink queue overflow per event and keeps the other watchers fed', async () => {
    const broadcaster = new EventBroadcaster({ maxQueuedEvents: 3, logger: silentLogger, sleep: recordedSleep().sleep, clock: new ManualClock() });
    const sink = new ScriptedSink();
    sink.create = () => new Promise(() => undefined); // a server that never answers
    broadcaster.startRecordingToSink(sink);
    const seen: string[] = [];
    broadcaster.startEventWatcher((e) => void seen.push(e.metadata.name!));
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    for (let i = 0; i < 10; i++) recorder.event(pod(`p${i}`), 'Normal', 'Started', 'x');
    expect(seen).toHaveLength(10);
    const stats = broadcaster.stats();
    expect(stats.accepted).toBe(10);
    // 1 in flight + 3 queued; 6 dropped for the sink.
    expect(stats.dropped.queueFull).toBe(6);
    expect(stats.sinks[0]?.pending).toBe(4);
    const result = await broadcaster.shutdown({ timeoutMs: 0 });
    expect(result.completed).toBe(false);
    expect(result.abandoned).toBe(4);
    // The 3 queued and the 1 whose create never answered: every abandoned event is counted once.
    expect(result.stats.dropped.shutdown).toBe(4);
    expect(result.stats.sinks[0]?.pending).toBe(0);
  });

  it('counts events of a second sink separately (each sink has its own correlator)', async () => {
    const broadcaster = new EventBroadcaster({ logger: silentLogger, clock: new ManualClock() });
    const a = new ScriptedSink();
    const b = new ScriptedSink();
    broadcaster.startRecordingToSink(a, { name: 'a' });
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    recorder.event(pod(), 'Normal', 'Started', 'x');
    await settle();
    broadcaster.startRecordingToSink(b, { name: 'b' });
    recorder.event(pod(), 'Normal', 'Started', 'x');
    await settle();
    expect(a.ops()).toEqual(['create', 'patch']);
    expect(b.ops()).toEqual(['create']);
    expect(broadcaster.stats().sinks.map((s) => [s.name, s.created, s.patched])).toEqual([
      ['a', 1, 1],
      ['b', 1, 0],
    ]);
    await broadcaster.shutdown();
  });

  it('shutdown writes what is still queued (one try each) before resolving', async () => {
    const broadcaster = new EventBroadcaster({ logger: silentLogger, clock: new ManualClock() });
    const sink = new ScriptedSink();
    broadcaster.startRecordingToSink(sink);
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    for (let i = 0; i < 5; i++) recorder.event(pod(`p${i}`), 'Normal', 'Started', 'x');
    const result = await broadcaster.shutdown();
    expect(result).toMatchObject({ completed: true, abandoned: 0 });
    expect(sink.ops()).toEqual(['create', 'create', 'create', 'create', 'create']);
    expect(result.stats.created).toBe(5);
  });

  it('the spam filter drops are counted per sink', async () => {
    const broadcaster = new EventBroadcaster({ logger: silentLogger, clock: new ManualClock() });
    const sink = new ScriptedSink();
    broadcaster.startRecordingToSink(sink);
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    for (let i = 0; i < 30; i++) recorder.event(pod(), 'Normal', 'Started', 'x');
    await broadcaster.shutdown();
    const stats = broadcaster.stats();
    expect(stats.spamFiltered).toBe(5);
    expect(stats.created + stats.patched).toBe(25);
    expect(sink.stored.get(`default/${sink.calls[0]!.event.metadata.name}`)?.count).toBe(25);
  });

  it('aborting the signal shuts the broadcaster down', async () => {
    const controller = new AbortController();
    const broadcaster = new EventBroadcaster({ signal: controller.signal, logger: silentLogger });
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    controller.abort();
    await broadcaster.shutdown();
    recorder.event(pod(), 'Normal', 'Started', 'x');
    expect(broadcaster.stats().dropped.afterShutdown).toBe(1);
  });

  it('start* after shutdown returns an inert handle and logs', async () => {
    const logger = capturingLogger();
    const broadcaster = new EventBroadcaster({ logger });
    await broadcaster.shutdown();
    const handle = broadcaster.startRecordingToSink(new ScriptedSink());
    handle.stop();
    expect(handle.stats().received).toBe(0);
    expect(logger.lines.map((l) => l.message)).toEqual(['Unable to start event watcher: broadcaster is shut down']);
  });

  it('a throwing watcher handler is logged and does not stop the next events', async () => {
    const logger = capturingLogger();
    const broadcaster = new EventBroadcaster({ logger });
    const seen: string[] = [];
    broadcaster.startEventWatcher((e) => {
      if (e.reason === 'Bad') throw new Error('handler bug');
      seen.push(e.reason!);
    });
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    recorder.event(pod(), 'Normal', 'Bad', 'x');
    recorder.event(pod(), 'Normal', 'Good', 'x');
    await broadcaster.shutdown();
    expect(seen).toEqual(['Good']);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => [l.message, l.fields?.['error']])).toEqual([['Event handler failed', 'handler bug']]);
  });
});
