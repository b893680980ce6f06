// flush({timeoutMs}) and shutdown({timeoutMs}) of the core/v1 broadcaster: exact results under a slow
// sink, a failing one and a deadline that is hit; retries that go on during shutdown, cut to fit.
import { describe, expect, it } from 'vitest';
import type { CoreV1Event } from '@kubernetes/client-node';
import { EventBroadcaster, type EventBroadcasterOptions } from '../../src/record/event-broadcaster.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { WriteOutcome } from '../../src/engine/outcomes.js';
import { realSleep, timerSleep } from '../../src/engine/sleep.js';
import { countingTimers } from '../support/counting-timers.js';
import { settle } from '../support/sleep.js';
import { capturingLogger } from '../support/logger.js';
import { pod } from '../support/objects.js';
import { FakeApiException, SlowSink } from '../support/sink.js';
import { virtualTime } from '../support/virtual-time.js';

function setup(latencyMs: number, options: EventBroadcasterOptions = {}) {
  const vt = virtualTime();
  const sink = new SlowSink({ sleep: vt.sleep, now: () => vt.elapsed(), latency: () => latencyMs });
  const broadcaster = new EventBroadcaster({ logger: silentLogger, clock: vt.clock, sleep: vt.sleep, random: () => 0.5, ...options });
  broadcaster.startRecordingToSink(sink, { name: 'api' });
  const outcomes: Array<WriteOutcome<CoreV1Event>> = [];
  broadcaster.writes$.subscribe((o) => outcomes.push(o));
  const recorder = broadcaster.newRecorder({ component: 'ctrl' });
  const record = (n: number, from = 0) => {
    for (let i = from; i < from + n; i++) recorder.event(pod(`p${i}`, 'default', `u${i}`), 'Normal', 'Started', 'x');
  };
  const summary = () => outcomes.map((o) => [o.kind, o.event.involvedObject.name, o.cause ?? o.delayMs ?? o.status ?? null]);
  return { vt, sink, broadcaster, record, outcomes, summary };
}

describe('flush', () => {
  it('waits for the events accepted before the call, not for later ones', async () => {
    const { vt, broadcaster, record } = setup(100);
    record(5);
    const flushed = broadcaster.flush({ timeoutMs: 60_000 });
    record(3, 5);
    expect(await flushed).toEqual({ completed: true, written: 5, failed: 0, dropped: 0, pending: 0 });
    expect(vt.elapsed()).toBe(500);
    expect(await broadcaster.flush()).toEqual({ completed: true, written: 3, failed: 0, dropped: 0, pending: 0 });
    expect(vt.elapsed()).toBe(800);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('returns at its deadline with what is still pending, and loses nothing', async () => {
    const { vt, broadcaster, record } = setup(1000);
    record(5);
    expect(await broadcaster.flush({ timeoutMs: 2500 })).toEqual({ completed: false, written: 2, failed: 0, dropped: 0, pending: 3 });
    expect(vt.elapsed()).toBe(2500);
    expect(await broadcaster.flush({ timeoutMs: 10_000 })).toEqual({ completed: true, written: 3, failed: 0, dropped: 0, pending: 0 });
    expect(broadcaster.stats()).toMatchObject({ accepted: 5, created: 5, failed: 0 });
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('counts definitive failures and spam-filtered events', async () => {
    const { sink, broadcaster, outcomes } = setup(10, { correlatorOptions: { burstSize: 3, qps: 1e-9 } });
    sink.failures.push(undefined, new FakeApiException(422));
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    // One object: its spam bucket holds 3 events, the 4th and 5th are filtered.
    for (const reason of ['R0', 'R1', 'R2', 'R3', 'R4']) recorder.event(pod(), 'Normal', reason, 'x');
    expect(await broadcaster.flush()).toEqual({ completed: true, written: 2, failed: 1, dropped: 2, pending: 0 });
    expect(outcomes.map((o) => [o.kind, o.event.reason, o.cause ?? null, o.status ?? null])).toEqual([
      ['created', 'R0', null, null],
      ['failed', 'R1', 'rejected', 422],
      ['created', 'R2', null, null],
      ['dropped', 'R3', 'spamFiltered', null],
      ['dropped', 'R4', 'spamFiltered', null],
    ]);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('resolves at once when nothing is pending, without a timer', async () => {
    const { vt, broadcaster } = setup(10);
    expect(await broadcaster.flush({ timeoutMs: 5000 })).toEqual({ completed: true, written: 0, failed: 0, dropped: 0, pending: 0 });
    expect(vt.elapsed()).toBe(0);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });
});

describe('shutdown with a deadline', () => {
  it('keeps retrying a 503 after shutdown began, with the backoff delays', async () => {
    const { vt, sink, broadcaster, record, summary } = setup(0);
    sink.failures.push(new FakeApiException(503), new FakeApiException(503));
    record(1);
    const result = await broadcaster.shutdown({ timeoutMs: 10_000 });
    expect(result).toMatchObject({ completed: true, abandoned: 0 });
    expect(result.stats).toMatchObject({ created: 1, retried: 2, failed: 0 });
    // random 0.5: half of 1 s, then half of 2 s; both fit the deadline uncut.
    expect(summary()).toEqual([
      ['retried', 'p0', 500],
      ['retried', 'p0', 1000],
      ['created', 'p0', null],
    ]);
    expect(vt.elapsed()).toBe(1500);
  });

  it('cuts a Retry-After longer than the deadline to half the time left', async () => {
    const { vt, sink, broadcaster, record, outcomes } = setup(0);
    const tooBusy = () => new FakeApiException(429, undefined, { 'retry-after': '50' });
    sink.failures.push(tooBusy(), tooBusy());
    record(1);
    const result = await broadcaster.shutdown({ timeoutMs: 10_000 });
    expect(result).toMatchObject({ completed: true, abandoned: 0 });
    expect(outcomes.map((o) => [o.kind, o.delayMs ?? null, o.status ?? null])).toEqual([
      ['retried', 50_000, 429],
      ['retried', 50_000, 429],
      ['created', null, null],
    ]);
    // 5 s (half of 10 s left), then 2.5 s (half of the 5 s left).
    expect(vt.elapsed()).toBe(7500);
  });

  it('cuts a retry sleep already running when shutdown begins', async () => {
    const { vt, sink, broadcaster, record } = setup(0);
    sink.failures.push(new FakeApiException(429, undefined, { 'retry-after': '40' }));
    record(1);
    await broadcaster.flush({ timeoutMs: 4000 });
    expect(vt.elapsed()).toBe(4000);
    // 36 s of the Retry-After are left; the deadline allows half of 6 s.
    const result = await broadcaster.shutdown({ timeoutMs: 6000 });
    expect(result).toMatchObject({ completed: true, abandoned: 0 });
    expect(result.stats.created).toBe(1);
    expect(vt.elapsed()).toBe(7000);
  });

  it('abandons what is queued and in flight at the deadline, counts each once, and completes writes$', async () => {
    const { vt, sink, broadcaster, record, summary } = setup(0);
    sink.create = () => new Promise(() => undefined);
    let completed = false;
    broadcaster.writes$.subscribe({ complete: () => (completed = true) });
    record(3);
    const result = await broadcaster.shutdown({ timeoutMs: 1000 });
    expect(result.completed).toBe(false);
    expect(result.abandoned).toBe(3);
    expect(result.stats.dropped.shutdown).toBe(3);
    expect(result.stats.sinks[0]?.pending).toBe(0);
    expect(summary()).toEqual([
      ['dropped', 'p1', 'shutdown'],
      ['dropped', 'p2', 'shutdown'],
      ['dropped', 'p0', 'shutdown'],
    ]);
    expect(completed).toBe(true);
    expect(vt.elapsed()).toBe(1000);
  });

  it("with retryPolicy 'client-go' does not retry after shutdown", async () => {
    const logger = capturingLogger();
    const { sink, broadcaster, record, summary } = setup(0, { retryPolicy: 'client-go', logger });
    sink.failures.push(new Error('connection reset'));
    record(1);
    const result = await broadcaster.shutdown({ timeoutMs: 10_000 });
    expect(result).toMatchObject({ completed: true, abandoned: 0 });
    expect(result.stats.dropped.shutdown).toBe(1);
    expect(summary()).toEqual([['dropped', 'p0', 'shutdown']]);
    expect(logger.lines.map((l) => l.message)).toContain('Unable to write event: broadcaster is shut down');
  });

  it('leaves no timer behind with real timers when the deadline is hit', async () => {
    // Real timers, counted at the library's sleep seam: only what the broadcaster scheduled is looked at.
    const t = countingTimers();
    const broadcaster = new EventBroadcaster({ logger: silentLogger, sleep: timerSleep(t.timers), random: () => 0.5 });
    const sink = new SlowSink({ sleep: realSleep, now: () => 0, latency: () => 0 });
    // A 503 before shutdown (its backoff sleep is running when shutdown begins, and is cut to fit the
    // deadline), then a server that never answers: the deadline ends it.
    sink.failures.push(new FakeApiException(503));
    const create = sink.create.bind(sink);
    sink.create = (event) => (sink.calls.length === 0 ? create(event) : new Promise(() => undefined));
    broadcaster.startRecordingToSink(sink);
    broadcaster.newRecorder({ component: 'ctrl' }).event(pod(), 'Normal', 'Started', 'x');
    while (t.scheduled.length === 0) await settle(1);
    const backoff = t.scheduled[0]!;
    expect(backoff).toBeGreaterThan(30);

    const result = await broadcaster.shutdown({ timeoutMs: 30 });
    expect(result.completed).toBe(false);
    expect(result.abandoned).toBe(1);
    expect(t.scheduled[1]).toBe(30); // the shutdown deadline; then the backoff again, cut to fit it
    expect(t.scheduled.slice(2).every((ms) => ms <= 30)).toBe(true);
    expect(t.live()).toBe(0);
    expect(t.cleared()).toBeGreaterThanOrEqual(1); // the first backoff, cut short when shutdown began
    expect(t.fired() + t.cleared()).toBe(t.scheduled.length);
  });

  it('clears its deadline timer when everything is written before the deadline (real timers)', async () => {
    const t = countingTimers();
    const broadcaster = new EventBroadcaster({ logger: silentLogger, sleep: timerSleep(t.timers), random: () => 0.5 });
    const sink = new SlowSink({ sleep: realSleep, now: () => 0, latency: () => 0 });
    broadcaster.startRecordingToSink(sink);
    broadcaster.newRecorder({ component: 'ctrl' }).event(pod(), 'Normal', 'Started', 'x');
    expect(await broadcaster.flush({ timeoutMs: 60_000 })).toEqual({ completed: true, written: 1, failed: 0, dropped: 0, pending: 0 });
    const result = await broadcaster.shutdown({ timeoutMs: 60_000 });
    expect({ completed: result.completed, abandoned: result.abandoned }).toEqual({ completed: true, abandoned: 0 });
    expect(t.scheduled).toEqual([60_000, 60_000]);
    expect({ live: t.live(), fired: t.fired(), cleared: t.cleared() }).toEqual({ live: 0, fired: 0, cleared: 2 });
  });
});

describe('write rate limit', () => {
  it('spaces API calls at writeQps after the burst, retries included', async () => {
    const { sink, broadcaster, record } = setup(0, { writeQps: 10, writeBurst: 2 });
    sink.failures.push(undefined, undefined, new FakeApiException(503));
    record(5);
    await broadcaster.flush();
    // 2 at once (burst), then one per 100 ms; the retry after the 503 (500 ms backoff) pays its token.
    expect(sink.startedAt).toEqual([0, 0, 100, 600, 600, 700]);
    expect(sink.ops()).toEqual(['create', 'create', 'create', 'create', 'create', 'create']);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });
});
