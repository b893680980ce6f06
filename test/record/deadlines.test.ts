// Deadlines and delays handed to timers (issue 13 item 6): Infinity is no deadline, anything above the
// 32-bit timer limit is armed in steps of at most 2^31 − 1 ms, NaN / negative / non-numbers get a typed
// error. Timers are injected: the tests read what would have been armed, never wait on real time.
import { describe, expect, it } from 'vitest';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import { EventsV1EventSink } from '../../src/events/events-v1-sink.js';
import { timerTicker } from '../../src/events/ticker.js';
import { CoreV1EventSink } from '../../src/record/core-v1-sink.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { timerSleep, type TimerFunctions } from '../../src/engine/sleep.js';
import { InvalidDurationError, MAX_TIMER_DELAY_MS } from '../../src/engine/timer-delay.js';
import { ScriptedEventsSink } from '../events/support/events-sink.js';
import { apiServers } from '../support/api-servers.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';
import { ScriptedSink } from '../support/sink.js';

/** Timers that fire only when the test says so; remembers every delay armed and which are still pending. */
function fakeTimers() {
  const armed: number[] = [];
  const pending = new Map<number, () => void>();
  let next = 1;
  const timers: TimerFunctions = {
    setTimeout: (callback, ms) => {
      armed.push(ms);
      const id = next++;
      pending.set(id, callback);
      return id;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number);
    },
  };
  /** Fires the oldest pending timer. */
  const fire = (): void => {
    const [id, callback] = pending.entries().next().value as [number, () => void];
    pending.delete(id);
    callback();
  };
  return { timers, armed, pending, fire };
}

const server = apiServers();
const objectNamed = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` } });

describe('timerSleep: waits longer than a timer takes', () => {
  it('2^31 ms is armed as 2^31 − 1 then 1 and resolves after both', async () => {
    const t = fakeTimers();
    let done = false;
    void timerSleep(t.timers)(2 ** 31, new AbortController().signal).then(() => (done = true));
    expect(t.armed).toEqual([MAX_TIMER_DELAY_MS]);
    t.fire();
    expect(t.armed).toEqual([MAX_TIMER_DELAY_MS, 1]);
    await Promise.resolve();
    expect(done).toBe(false);
    t.fire();
    await Promise.resolve();
    expect(done).toBe(true);
    expect(t.pending.size).toBe(0);
  });

  it('Infinity arms no timer and ends when the signal aborts', async () => {
    const t = fakeTimers();
    const abort = new AbortController();
    let done = false;
    void timerSleep(t.timers)(Number.POSITIVE_INFINITY, abort.signal).then(() => (done = true));
    await Promise.resolve();
    expect([t.armed, done]).toEqual([[], false]);
    abort.abort();
    await Promise.resolve();
    expect(done).toBe(true);
  });

  it('an abort clears the step still running; NaN and negative waits arm 0', async () => {
    const t = fakeTimers();
    const abort = new AbortController();
    const sleep = timerSleep(t.timers);
    const long = sleep(3 * 2 ** 31, abort.signal);
    abort.abort();
    await long;
    expect(t.pending.size).toBe(0);
    const quick = [sleep(Number.NaN, new AbortController().signal), sleep(-5, new AbortController().signal)];
    expect(t.armed).toEqual([MAX_TIMER_DELAY_MS, 0, 0]);
    t.fire();
    t.fire();
    await Promise.all(quick);
  });
});

describe('shutdown({ timeoutMs }) with three events behind a 150 ms server', () => {
  for (const timeoutMs of [Number.POSITIVE_INFINITY, 2 ** 31]) {
    it(`core/v1, timeoutMs ${timeoutMs}: completed, 3 written, no timer armed above 2^31 − 1, none left`, async () => {
      const api = await server();
      api.faults.latency(150, { path: /\/events$/ });
      const t = fakeTimers();
      const b = new EventBroadcaster({ sleep: timerSleep(t.timers), logger: capturingLogger() });
      b.startRecordingToSink(new CoreV1EventSink(api.kubeConfig));
      const recorder = b.newRecorder({ component: 'ctrl' });
      for (const name of ['a', 'b', 'c']) recorder.event(objectNamed(name), 'Normal', 'Started', 'x');
      const result = await b.shutdown({ timeoutMs });
      expect([result.completed, result.abandoned, result.stats.created]).toEqual([true, 0, 3]);
      expect(api.events({ namespace: 'default' })).toHaveLength(3);
      expect(t.armed.every((ms) => ms <= MAX_TIMER_DELAY_MS)).toBe(true);
      expect(t.armed[0]).toBe(timeoutMs === Number.POSITIVE_INFINITY ? 1_000 : MAX_TIMER_DELAY_MS); // Infinity arms none: the first is closeSinks' 1 s
      expect(t.pending.size).toBe(0);
    });

    it(`events.k8s.io/v1, timeoutMs ${timeoutMs}: completed, 3 written, no timer armed above 2^31 − 1, none left`, async () => {
      const api = await server();
      api.faults.latency(150, { path: /\/events$/ });
      const t = fakeTimers();
      const b = new EventsV1Broadcaster({ sink: new EventsV1EventSink(api.kubeConfig), sleep: timerSleep(t.timers), logger: capturingLogger(), ticker: () => () => undefined });
      b.startRecording();
      const recorder = b.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' });
      for (const name of ['a', 'b', 'c']) recorder.eventf(objectNamed(name), undefined, 'Normal', 'Started', 'Start', 'x');
      const result = await b.shutdown({ timeoutMs });
      expect([result.completed, result.abandoned, result.stats.created]).toEqual([true, 0, 3]);
      expect(api.eventsV1({ namespace: 'default' })).toHaveLength(3);
      expect(t.armed.every((ms) => ms <= MAX_TIMER_DELAY_MS)).toBe(true);
      expect(t.pending.size).toBe(0);
    });
  }

  it('flush({ timeoutMs: Infinity }) waits for the writes and leaves no timer', async () => {
    const api = await server();
    api.faults.latency(150, { path: /\/events$/ });
    const t = fakeTimers();
    const b = new EventBroadcaster({ sleep: timerSleep(t.timers), logger: capturingLogger() });
    b.startRecordingToSink(new CoreV1EventSink(api.kubeConfig));
    const recorder = b.newRecorder({ component: 'ctrl' });
    for (const name of ['a', 'b', 'c']) recorder.event(objectNamed(name), 'Normal', 'Started', 'x');
    expect(await b.flush({ timeoutMs: Number.POSITIVE_INFINITY })).toEqual({ completed: true, written: 3, failed: 0, dropped: 0, pending: 0 });
    expect([t.armed, t.pending.size]).toEqual([[], 0]);
    await b.shutdown({ timeoutMs: 0 });
  });
});

describe('timeoutMs that no deadline can use: a typed rejection, nothing shut down', () => {
  const bad: Array<[unknown, string]> = [
    [Number.NaN, 'NaN'],
    [-1, '-1'],
    ['10', '"10"'],
    [null, 'null'],
  ];
  it.each(bad)('timeoutMs %s rejects shutdown() and flush() with InvalidDurationError on both APIs', async (value, shown) => {
    const core = new EventBroadcaster({ logger: capturingLogger() });
    core.startRecordingToSink(new ScriptedSink());
    const v1 = new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), logger: capturingLogger(), ticker: () => () => undefined });
    const message = `timeoutMs must be a number of ms ≥ 0 (Infinity: no deadline), got ${shown}`;
    for (const b of [core, v1]) {
      for (const call of [() => b.shutdown({ timeoutMs: value as number }), () => b.flush({ timeoutMs: value as number })]) {
        const err: unknown = await call().then(
          () => 'resolved',
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(InvalidDurationError);
        expect(err).toMatchObject({ code: 'InvalidDuration', option: 'timeoutMs', message });
      }
    }
    // Nothing was shut down: a valid call still works, and gets the full result.
    core.newRecorder({ component: 'ctrl' }).event(objectNamed('a'), 'Normal', 'Started', 'x');
    const result = await core.shutdown({ timeoutMs: 0 });
    expect(result.stats.accepted).toBe(1);
    expect((await v1.shutdown({ timeoutMs: 0 })).completed).toBe(true);
  });
});

describe('rate limiter waits above the timer limit', () => {
  it('writeQps 1e-7 (one call per 10^10 ms): the second write waits in steps of 2^31 − 1', async () => {
    const t = fakeTimers();
    const sink = new ScriptedSink();
    // A manual clock: the token bucket must not see real time pass (it would shorten the wait by it).
    const b = new EventBroadcaster({ sleep: timerSleep(t.timers), clock: new ManualClock('2026-11-24T10:00:00Z'), logger: capturingLogger(), writeQps: 1e-7 });
    b.startRecordingToSink(sink);
    const recorder = b.newRecorder({ component: 'ctrl' });
    recorder.event(objectNamed('a'), 'Normal', 'Started', 'x');
    recorder.event(objectNamed('b'), 'Normal', 'Started', 'x');
    for (let i = 0; i < 10 && t.armed.length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(sink.ops()).toEqual(['create']);
    expect(t.armed).toEqual([MAX_TIMER_DELAY_MS]);
    for (let i = 0; i < 4; i++) t.fire();
    // 10^10 ms = 4 × (2^31 − 1) + 1 410 065 412
    expect(t.armed).toEqual([MAX_TIMER_DELAY_MS, MAX_TIMER_DELAY_MS, MAX_TIMER_DELAY_MS, MAX_TIMER_DELAY_MS, 1_410_065_412]);
    t.fire();
    for (let i = 0; i < 10 && sink.ops().length < 2; i++) await new Promise((r) => setImmediate(r));
    expect(sink.ops()).toEqual(['create', 'create']);
    await b.shutdown({ timeoutMs: 0 });
    expect(t.pending.size).toBe(0);
  });
});

describe('timerTicker: periods above the timer limit', () => {
  it('a 2^31 ms period ticks after 2^31 − 1 + 1 ms, then starts over; stop clears the timer', () => {
    const t = fakeTimers();
    let ticks = 0;
    const stop = timerTicker(t.timers)(2 ** 31, () => ticks++);
    expect(t.armed).toEqual([MAX_TIMER_DELAY_MS]);
    t.fire();
    expect([t.armed, ticks]).toEqual([[MAX_TIMER_DELAY_MS, 1], 0]);
    t.fire();
    expect([t.armed, ticks]).toEqual([[MAX_TIMER_DELAY_MS, 1, MAX_TIMER_DELAY_MS], 1]);
    stop();
    expect(t.pending.size).toBe(0);
  });

  it('the 30 min heartbeat period is one timer per tick', () => {
    const t = fakeTimers();
    let ticks = 0;
    const stop = timerTicker(t.timers)(30 * 60_000, () => ticks++);
    t.fire();
    t.fire();
    expect([t.armed, ticks]).toEqual([[1_800_000, 1_800_000, 1_800_000], 2]);
    stop();
    expect(t.pending.size).toBe(0);
  });
});
