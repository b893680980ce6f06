// shutdown({ timeoutMs }) on events.k8s.io/v1: 'server-aware' keeps writing and retrying within the
// deadline with every sleep cut to fit it; 'client-go' keeps tools/events' rule; the deadline abandons
// what is left, counts it and leaves nothing running. Manual time throughout.
import { describe, expect, it } from 'vitest';
import type { EventsV1ShutdownResult } from '../../src/events/event-broadcaster.js';
import { FakeApiException } from '../support/sink.js';
import { manualSetup, pod } from './support/setup.js';

const transportError = () => Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' });

function watch(promise: Promise<EventsV1ShutdownResult>): { value: EventsV1ShutdownResult | undefined } {
  const box: { value: EventsV1ShutdownResult | undefined } = { value: undefined };
  void promise.then((v) => (box.value = v));
  return box;
}

describe("shutdown with retryPolicy 'server-aware' (default)", () => {
  it('keeps writing what is queued after shutdown begins (slow sink, 1 s per write)', async () => {
    const { broadcaster, recorder, time, sink } = manualSetup({}, 1000);
    for (const name of ['a', 'b', 'c']) recorder.eventf(pod(name), undefined, 'Normal', 'Started', 'Start', 'x');
    const result = watch(broadcaster.shutdown({ timeoutMs: 10_000 }));
    await time.advance(2_999);
    expect(result.value).toBeUndefined();
    await time.advance(1);
    expect(result.value).toMatchObject({ completed: true, abandoned: 0, stats: { created: 3, pending: 0 } });
    expect(sink.stored.size).toBe(3);
    expect(time.pendingSleeps).toBe(0);
  });

  it('continues a 503 retry within the deadline: the sleep in progress and the next ones fit it', async () => {
    const { broadcaster, recorder, time, sink, delays } = manualSetup();
    sink.failures.push(new FakeApiException(503), new FakeApiException(503));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(200); // first attempt failed; 300 ms left of its 500 ms sleep
    const result = watch(broadcaster.shutdown({ timeoutMs: 30_000 }));
    await time.advance(300);
    expect(sink.ops()).toEqual(['create', 'create']);
    await time.advance(1_000);
    expect(result.value).toMatchObject({ completed: true, abandoned: 0, stats: { created: 1, retried: 2, failed: 0, dropped: { shutdown: 0 } } });
    // 500 (before shutdown), the 30 s deadline, the 300 ms left of the first sleep, then 1 s (well within 29.5 s / 2)
    expect(delays).toEqual([500, 30_000, 300, 1_000]);
    expect(time.pendingSleeps).toBe(0);
  });

  it('cuts a Retry-After longer than the deadline to half the time left', async () => {
    const { broadcaster, recorder, time, sink, delays } = manualSetup();
    sink.failures.push(new FakeApiException(429, '{}', { 'retry-after': '20' }));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(2_000); // 18 s left of the 20 s sleep
    const result = watch(broadcaster.shutdown({ timeoutMs: 10_000 }));
    await time.advance(4_999);
    expect(sink.ops()).toEqual(['create']);
    await time.advance(1);
    expect(sink.ops()).toEqual(['create', 'create']);
    expect(result.value).toMatchObject({ completed: true, stats: { created: 1, retried: 1 } });
    expect(delays).toEqual([20_000, 10_000, 5_000]); // min(18 s left, 10 s / 2)
  });

  it('cuts a retry decided during shutdown as well: min(backoff, half the time left)', async () => {
    const { broadcaster, recorder, time, sink, delays } = manualSetup({ retry: { baseDelayMs: 8_000 } });
    sink.failures.push(new FakeApiException(503), new FakeApiException(503));
    recorder.eventf(pod('a'), undefined, 'Normal', 'Started', 'Start', 'x');
    recorder.eventf(pod('b'), undefined, 'Normal', 'Started', 'Start', 'x');
    const result = watch(broadcaster.shutdown({ timeoutMs: 6_000 }));
    await time.advance(6_000);
    // a: 503 at 0 → min(4 s, 3 s) = 3 s; 503 at 3 s → min(8 s, 1.5 s) = 1.5 s; written at 4.5 s; then b
    expect(delays).toEqual([6_000, 3_000, 1_500]);
    expect(result.value).toMatchObject({ completed: true, abandoned: 0, stats: { created: 2, retried: 2 } });
  });

  it('at the deadline abandons the write in flight and the queue, counts them and ignores a late answer', async () => {
    const { broadcaster, recorder, time, sink } = manualSetup({}, 1000);
    for (let i = 0; i < 12; i++) sink.failures.push(new FakeApiException(503));
    recorder.eventf(pod('a'), undefined, 'Normal', 'Started', 'Start', 'x');
    recorder.eventf(pod('b'), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(1_200); // a's first attempt failed at 1 s; 300 ms left of its 500 ms sleep
    const result = watch(broadcaster.shutdown({ timeoutMs: 3_000 })); // deadline at 4.2 s
    // attempt 2 at 1.5 s fails at 2.5 s → min(1 s, 1.7 s / 2) = 850 ms; attempt 3 at 3.35 s is in flight at 4.2 s
    await time.advance(3_000);
    expect(result.value).toMatchObject({ completed: false, abandoned: 2 });
    expect(result.value?.stats).toMatchObject({ created: 0, retried: 2, pending: 0, dropped: { shutdown: 2 } });
    expect(time.delays).toEqual([500, 3_000, 300, 850]);
    expect(time.pendingSleeps).toBe(0);
    expect(sink.signals.at(-1)?.aborted).toBe(true); // the sink was told to cancel the request
    sink.failures.length = 0;
    await time.advance(1_000); // the abandoned attempt answers now: ignored
    expect(broadcaster.stats()).toMatchObject({ created: 0, failed: 2, pending: 0 });
    expect(sink.ops()).toEqual(['create', 'create', 'create']);
  });

  it('writes the final series counts within the deadline, after the queue', async () => {
    const { broadcaster, recorder, time, sink } = manualSetup({}, 1000);
    for (let i = 0; i < 4; i++) recorder.eventf(pod('a'), undefined, 'Normal', 'Pulled', 'Pull', 'x');
    const result = watch(broadcaster.shutdown({ timeoutMs: 10_000 }));
    await time.advance(3_000);
    expect(sink.patches().map((p) => p.series.count)).toEqual([2, 4]);
    expect(result.value).toMatchObject({ completed: true, stats: { created: 1, patched: 2, series: { flushed: 1 } } });
  });

  it('leaves no timer behind and completes writes$ when the deadline passes', async () => {
    const { broadcaster, recorder, time, sink } = manualSetup();
    let completed = false;
    broadcaster.writes$.subscribe({ complete: () => (completed = true) });
    sink.failures.push(new FakeApiException(429, '{}', { 'retry-after': '60' }));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    const result = watch(broadcaster.shutdown({ timeoutMs: 0 }));
    await time.advance(0);
    expect(result.value).toMatchObject({ completed: false });
    expect(time.pendingSleeps).toBe(0);
    expect(time.activeTimers).toBe(0);
    expect(completed).toBe(true);
  });
});

describe("shutdown with retryPolicy 'client-go' (tools/events)", () => {
  it('ends a retry sleep in progress at once and does not retry: the event counts as shutdown', async () => {
    const { broadcaster, recorder, time, sink, delays } = manualSetup({ retryPolicy: 'client-go' });
    sink.failures.push(transportError());
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(1_000);
    const result = await broadcaster.shutdown({ timeoutMs: 30_000 });
    expect(sink.ops()).toEqual(['create']);
    expect(delays).toEqual([11_250, 30_000]);
    expect(result).toMatchObject({ completed: true, abandoned: 0, stats: { retried: 1, dropped: { shutdown: 1 } } });
    expect(time.pendingSleeps).toBe(0);
  });

  it('gives a write that fails during shutdown no retry', async () => {
    const { broadcaster, recorder, time, sink } = manualSetup({ retryPolicy: 'client-go' }, 1000);
    sink.failures.push(undefined, transportError());
    recorder.eventf(pod('a'), undefined, 'Normal', 'Started', 'Start', 'x');
    recorder.eventf(pod('b'), undefined, 'Normal', 'Started', 'Start', 'x');
    const result = watch(broadcaster.shutdown({ timeoutMs: 30_000 }));
    await time.advance(2_000);
    expect(sink.ops()).toEqual(['create', 'create']);
    expect(result.value).toMatchObject({ completed: true, stats: { created: 1, retried: 0, dropped: { shutdown: 1 } } });
  });
});
