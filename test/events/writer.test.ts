// The write path: retries with jitter, final rejections, one-attempt series maintenance, bounded queues, shutdown, watchers.
import { describe, expect, it } from 'vitest';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import type { EventsV1Sink } from '../../src/events/sink.js';
import { realTicker, type Ticker } from '../../src/events/ticker.js';
import type { EventsV1Event } from '../../src/events/types.js';
import { silentLogger } from '../../src/shared/logger.js';
import { timerSleep } from '../../src/engine/sleep.js';
import { countingTimers } from '../support/counting-timers.js';
import { FakeApiException } from '../support/sink.js';
import { neverSleep, settle } from '../support/sleep.js';
import { statusError } from './support/events-sink.js';
import { MINUTE } from './support/manual-time.js';
import { capturingLogger, pod, setup } from './support/setup.js';

const transportError = () => Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' });

/** A sink whose calls never settle: a hung API server. */
class HangingSink implements EventsV1Sink {
  calls = 0;
  create(): Promise<EventsV1Event> {
    this.calls++;
    return new Promise(() => undefined);
  }
  update(): Promise<EventsV1Event> {
    return new Promise(() => undefined);
  }
  patch(): Promise<EventsV1Event> {
    this.calls++;
    return new Promise(() => undefined);
  }
}

describe("writing to the sink: retryPolicy 'client-go' (tools/events attemptRecording)", () => {
  it('retries transport errors 12 times, each delay d + random() × 0.25 × d (wait.Jitter(10 s, 0.25))', async () => {
    const randoms = [0, 0.2, 0.4, 0.6, 0.8];
    let i = 0;
    const { sink, recorder, time, broadcaster, delays, logger } = setup({ retryPolicy: 'client-go', random: () => randoms[i++ % randoms.length]! });
    for (let n = 0; n < 12; n++) sink.failures.push(transportError());
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(0);
    await settle(40);
    expect(sink.ops()).toEqual(Array(12).fill('create'));
    expect(delays).toEqual([10_000, 10_500, 11_000, 11_500, 12_000, 10_000, 10_500, 11_000, 11_500, 12_000, 10_000]);
    expect(broadcaster.stats()).toMatchObject({ retried: 11, created: 0, failed: 1, dropped: { retriesExhausted: 1 } });
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['Unable to write event (retry limit exceeded!)']);
    expect(logger.lines.filter((l) => l.level === 'warn')[0]).toMatchObject({
      message: 'Unable to write event (may retry after sleeping)',
      fields: { reason: 'Started', action: 'Start', tries: 1, delayMs: 10_000, error: 'fetch failed' },
    });
  });

  it('takes 2 tries when the second succeeds', async () => {
    const { sink, recorder, time, broadcaster, delays } = setup({ retryPolicy: 'client-go' });
    sink.failures.push(transportError());
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'create']);
    expect(delays).toEqual([11_250]);
    expect(broadcaster.stats()).toMatchObject({ created: 1, retried: 1, failed: 0 });
  });

  it.each([400, 403, 404, 422, 429, 500, 503])('treats HTTP %i on a create as final: 1 try, counted by status', async (code) => {
    const { sink, recorder, time, broadcaster, delays, logger } = setup({ retryPolicy: 'client-go' });
    sink.failures.push(new FakeApiException(code));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create']);
    expect(delays).toEqual([]);
    expect(broadcaster.stats()).toMatchObject({ failed: 1, dropped: { rejected: 1 }, rejectedByStatus: { [String(code)]: 1 } });
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['Server rejected event (will not retry!)']);
  });

  it('logs a rejection from a terminating namespace quietly (debug)', async () => {
    const { sink, recorder, time, logger } = setup({ retryPolicy: 'client-go' });
    const body = { kind: 'Status', code: 403, reason: 'Forbidden', details: { causes: [{ reason: 'NamespaceTerminating' }] } };
    sink.failures.push(new FakeApiException(403, JSON.stringify(body)));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(0);
    expect(logger.lines.map((l) => [l.level, l.message])).toEqual([['debug', 'Server rejected event (will not retry!)']]);
  });

  it('retries the series PATCH of a second occurrence on a transport error (PATCH again)', async () => {
    const { sink, recorder, time, broadcaster, delays } = setup({ retryPolicy: 'client-go' });
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(1000);
    sink.failures.push(transportError());
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'patch', 'patch']);
    expect(delays).toEqual([11_250]);
    expect(broadcaster.stats()).toMatchObject({ patched: 1, retried: 1 });
  });

  it('writes one job at a time, in order: a retrying create holds the next write back', async () => {
    const { sink, recorder, time } = setup({ retryPolicy: 'client-go' });
    sink.failures.push(transportError());
    recorder.eventf(pod('a'), undefined, 'Normal', 'Started', 'Start', 'x');
    recorder.eventf(pod('b'), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(0);
    expect(sink.calls.map((c) => (c.op === 'create' ? c.event.regarding?.name : c.op))).toEqual(['a', 'a', 'b']);
  });
});

describe('series maintenance writes: one attempt, no retry loop (as client-go)', () => {
  it('keeps a series whose final PATCH failed with a transport error, and finishes it at the next sweep', async () => {
    const { sink, recorder, time, broadcaster, delays } = setup();
    recorder.eventf(pod(), undefined, 'Normal', 'Pulled', 'Pull', 'x');
    await time.advance(1000);
    recorder.eventf(pod(), undefined, 'Normal', 'Pulled', 'Pull', 'x');
    await time.advance(0);
    sink.failures.push(transportError());
    await time.advance(12 * MINUTE); // 10:12 sweep: final PATCH fails
    expect(sink.ops()).toEqual(['create', 'patch', 'patch']);
    expect(delays).toEqual([]);
    expect(broadcaster.stats().series).toMatchObject({ finished: 0, failedWrites: 1, cached: 1 });
    await time.advance(6 * MINUTE); // 10:18 sweep: again, succeeds, evicted
    expect(sink.ops()).toEqual(['create', 'patch', 'patch', 'patch']);
    expect(broadcaster.stats().series).toMatchObject({ finished: 1, failedWrites: 1, cached: 0 });
  });

  it('evicts a series whose final PATCH was rejected (not worth retrying)', async () => {
    const { sink, recorder, time, broadcaster } = setup();
    recorder.eventf(pod(), undefined, 'Normal', 'Pulled', 'Pull', 'x');
    await time.advance(1000);
    recorder.eventf(pod(), undefined, 'Normal', 'Pulled', 'Pull', 'x');
    await time.advance(0);
    sink.failures.push(statusError(403, 'Forbidden'));
    await time.advance(12 * MINUTE);
    expect(broadcaster.stats()).toMatchObject({ rejectedByStatus: { '403': 1 }, series: { finished: 0, failedWrites: 1, cached: 0 } });
    expect(broadcaster.stats().failed).toBe(0);
  });

  it('does not retry a failed heartbeat; the next heartbeat writes again', async () => {
    const { sink, recorder, time, broadcaster, delays } = setup();
    const emit = () => recorder.eventf(pod(), undefined, 'Normal', 'Probe', 'Check', 'x');
    emit();
    for (let m = 0; m < 60; m += 5) {
      await time.advance(5 * MINUTE); // occurrences every 5 min keep it alive through the sweeps
      emit();
      if (m === 20) sink.failures.push(new FakeApiException(500));
    }
    expect(sink.ops()).toEqual(['create', 'patch', 'patch', 'patch']); // start, heartbeat@30 (500), heartbeat@60
    expect(delays).toEqual([]);
    expect(broadcaster.stats().series).toMatchObject({ heartbeats: 1, failedWrites: 1 });
  });
});

describe('bounded queues', () => {
  it('drops writes when the write queue is full (maxQueuedEvents), counted as queueFull', async () => {
    const sink = new HangingSink();
    const logger = capturingLogger();
    const broadcaster = new EventsV1Broadcaster({ sink, logger, maxQueuedEvents: 2, ticker: () => () => undefined });
    broadcaster.startRecording();
    const recorder = broadcaster.newRecorder('ctrl', { reportingInstance: 'ctrl-0' });
    for (let i = 0; i < 5; i++) recorder.eventf(pod(`p${i}`), undefined, 'Normal', 'Started', 'Start', 'x');
    await settle();
    expect(sink.calls).toBe(1);
    expect(broadcaster.stats()).toMatchObject({ accepted: 5, pending: 3, dropped: { queueFull: 2 } });
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual(['sink queue full, dropped event']);
    const result = await broadcaster.shutdown({ timeoutMs: 1 });
    expect(result).toMatchObject({ completed: false, abandoned: 3 });
    expect(result.stats.dropped).toMatchObject({ queueFull: 2, shutdown: 3 }); // the hung write too
    expect(result.stats.pending).toBe(0);
  });
});

describe('shutdown', () => {
  it("'client-go': cuts a retry sleep short, no retry after shutdown, the event counted as shutdown", async () => {
    const { sink, recorder, broadcaster, logger } = setup({ sleep: neverSleep, retryPolicy: 'client-go' });
    sink.failures.push(transportError());
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await settle();
    const result = await broadcaster.shutdown();
    expect(sink.ops()).toEqual(['create']);
    expect(result).toMatchObject({ completed: true, abandoned: 0, stats: { failed: 1, dropped: { shutdown: 1 } } });
    expect(logger.lines.at(-1)?.message).toBe('Unable to write event (broadcaster is shut down)');
  });

  it("'client-go': gives each queued write one attempt after shutdown", async () => {
    const { sink, recorder, broadcaster } = setup({ retryPolicy: 'client-go' });
    sink.failures.push(transportError(), transportError());
    recorder.eventf(pod('a'), undefined, 'Normal', 'Started', 'Start', 'x');
    recorder.eventf(pod('b'), undefined, 'Normal', 'Started', 'Start', 'x');
    const result = await broadcaster.shutdown();
    expect(sink.ops()).toEqual(['create', 'create']);
    expect(result.stats).toMatchObject({ created: 0, dropped: { shutdown: 2 } });
  });

  it('abandons what is left at the deadline and reports it, the write in flight included', async () => {
    const sink = new HangingSink();
    const broadcaster = new EventsV1Broadcaster({ sink, logger: silentLogger, ticker: () => () => undefined });
    broadcaster.startRecording();
    const recorder = broadcaster.newRecorder('ctrl', { reportingInstance: 'ctrl-0' });
    recorder.eventf(pod('a'), undefined, 'Normal', 'Started', 'Start', 'x');
    recorder.eventf(pod('b'), undefined, 'Normal', 'Started', 'Start', 'x');
    const result = await broadcaster.shutdown({ timeoutMs: 5 });
    expect(result).toMatchObject({ completed: false, abandoned: 2, stats: { pending: 0, dropped: { shutdown: 2 } } });
  });

  it('is idempotent and aborting the signal shuts down too', async () => {
    const controller = new AbortController();
    const broadcaster = new EventsV1Broadcaster({ sink: new HangingSink(), logger: silentLogger, signal: controller.signal, ticker: () => () => undefined });
    controller.abort();
    const first = await broadcaster.shutdown();
    expect(await broadcaster.shutdown()).toBe(first);
    expect(first.completed).toBe(true);
  });

  it("'client-go': leaves no timer behind with the real ticker and the real sleep (even with a retry sleeping)", async () => {
    // The real ticker's intervals are unref'd (not listed as active resources): count them through a wrapper.
    let intervals = 0;
    const ticker: Ticker = (periodMs, onTick) => {
      intervals++;
      const stop = realTicker(periodMs, onTick);
      return () => {
        intervals--;
        stop();
      };
    };
    // Real timers too, counted at the sleep seam: only the broadcaster's own timers are looked at.
    const t = countingTimers();
    let failures = 1;
    const sink: EventsV1Sink = {
      create: async (e) => {
        if (failures-- > 0) throw transportError();
        return e;
      },
      update: async (e) => e,
      patch: async (e) => e,
    };
    const broadcaster = new EventsV1Broadcaster({ sink, logger: silentLogger, ticker, sleep: timerSleep(t.timers), retryPolicy: 'client-go' });
    broadcaster.startRecording();
    broadcaster.newRecorder('ctrl').eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await settle();
    expect(intervals).toBe(2); // heartbeat, finish
    expect(t.live()).toBe(1); // the 10-12.5 s retry sleep
    expect(t.scheduled[0]).toBeGreaterThanOrEqual(10_000);
    expect(t.scheduled[0]).toBeLessThanOrEqual(12_500);
    await broadcaster.shutdown();
    expect(intervals).toBe(0);
    expect(t.live()).toBe(0);
    expect(t.fired() + t.cleared()).toBe(t.scheduled.length);
  });
});

describe('startRecording', () => {
  it('throws AlreadyRecordingError on a second call', () => {
    const { broadcaster } = setup();
    expect(() => broadcaster.startRecording()).toThrow(expect.objectContaining({ code: 'AlreadyRecording' }));
  });

  it('does nothing (logged) after shutdown', async () => {
    const logger = capturingLogger();
    const broadcaster = new EventsV1Broadcaster({ sink: new HangingSink(), logger, ticker: () => () => undefined });
    await broadcaster.shutdown();
    expect(() => broadcaster.startRecording()).not.toThrow();
    expect(logger.lines.map((l) => l.message)).toEqual(['Unable to start event watcher: broadcaster is shut down']);
  });
});

describe('watchers and logging', () => {
  it('fans every event out to watchers and structured logging, alongside the sink', async () => {
    const { recorder, broadcaster, sink, time } = setup();
    const seen: string[] = [];
    broadcaster.startEventWatcher((e) => void seen.push(e.reason ?? ''));
    const log = capturingLogger();
    broadcaster.startStructuredLogging(log);
    recorder.eventf(pod(), undefined, 'Warning', 'Failed', 'Sync', 'boom %d', 1);
    await time.advance(0);
    expect(seen).toEqual(['Failed']);
    expect(sink.ops()).toEqual(['create']);
    expect(log.lines).toEqual([
      {
        level: 'info',
        message: 'Event occurred',
        fields: { object: 'prod/web-0', kind: 'Pod', apiVersion: 'v1', type: 'Warning', reason: 'Failed', action: 'Sync', note: 'boom 1' },
      },
    ]);
  });

  it('logs a throwing handler and keeps delivering', async () => {
    const { recorder, broadcaster, logger, time } = setup();
    const seen: string[] = [];
    broadcaster.startEventWatcher((e) => {
      seen.push(e.note ?? '');
      throw new Error('handler bug');
    });
    recorder.eventf(pod(), undefined, 'Normal', 'A', 'A', 'one');
    recorder.eventf(pod(), undefined, 'Normal', 'A', 'A', 'two');
    await time.advance(0);
    expect(seen).toEqual(['one', 'two']);
    expect(logger.lines.filter((l) => l.message === 'Event handler failed')).toHaveLength(2);
  });

  it('stop() detaches a watcher', async () => {
    const { recorder, broadcaster, time } = setup();
    const seen: string[] = [];
    const handle = broadcaster.startEventWatcher((e) => void seen.push(e.note ?? ''));
    recorder.eventf(pod(), undefined, 'Normal', 'A', 'A', 'one');
    handle.stop();
    recorder.eventf(pod(), undefined, 'Normal', 'A', 'A', 'two');
    await time.advance(0);
    expect(seen).toEqual(['one']);
  });
});
