// Retries on the events.k8s.io/v1 path: the shared RetryPolicy ('server-aware' by default), exact delays
// on manual time, and 'client-go' keeping tools/events' rule.
import { describe, expect, it } from 'vitest';
import { FakeApiException } from '../support/sink.js';
import { statusError } from './support/events-sink.js';
import { MINUTE } from './support/manual-time.js';
import { manualSetup, pod } from './support/setup.js';

const transportError = () => Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' });
const tooMany = (retryAfter?: string) => new FakeApiException(429, '{}', retryAfter === undefined ? {} : { 'retry-after': retryAfter });

describe("retryPolicy 'server-aware' (default) on events.k8s.io/v1", () => {
  it('retries 500, 502, 503, 504 and transport errors with capped exponential backoff and full jitter', async () => {
    const { sink, recorder, time, broadcaster, delays } = manualSetup();
    sink.failures.push(
      new FakeApiException(503),
      new FakeApiException(500),
      new FakeApiException(502),
      new FakeApiException(504),
      transportError(),
      transportError(),
      transportError(),
    );
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(0);
    expect(delays).toEqual([500]); // random 0.5 × the first 1 s ceiling
    await time.advance(499);
    expect(sink.ops()).toEqual(['create']);
    await time.advance(1);
    expect(sink.ops()).toEqual(['create', 'create']);
    await time.advance(60_000);
    // ceilings 1, 2, 4, 8, 10, 10, 10 s (doubling, capped at sleepDurationMs 10 s); random 0.5 takes half
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(sink.ops()).toEqual(Array<string>(8).fill('create'));
    expect(broadcaster.stats()).toMatchObject({ created: 1, retried: 7, failed: 0, pending: 0 });
  });

  it("honours Retry-After on 429 exactly ('7' → 7 000 ms), caps it at 60 s, and backs off without it", async () => {
    const { sink, recorder, time, delays, broadcaster } = manualSetup();
    sink.failures.push(tooMany('7'), tooMany('3600'), tooMany(), tooMany('soon'));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(6_999);
    expect(sink.ops()).toEqual(['create']);
    await time.advance(1);
    expect(sink.ops()).toEqual(['create', 'create']);
    await time.advance(60_000 + 2_000 + 4_000);
    expect(delays).toEqual([7_000, 60_000, 2_000, 4_000]); // an unreadable Retry-After falls back to the backoff
    expect(sink.ops()).toHaveLength(5);
    expect(broadcaster.stats()).toMatchObject({ created: 1, retried: 4 });
  });

  it('takes the backoff tuning from `retry`', async () => {
    const { sink, recorder, time, delays } = manualSetup({ retry: { baseDelayMs: 200, maxDelayMs: 500 } });
    for (let i = 0; i < 4; i++) sink.failures.push(new FakeApiException(503));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(10_000);
    expect(delays).toEqual([100, 200, 250, 250]);
  });

  it.each([400, 403, 404, 409, 422])('keeps HTTP %i on a create final: 1 try, counted by status', async (code) => {
    const { sink, recorder, time, broadcaster, delays } = manualSetup();
    sink.failures.push(new FakeApiException(code));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(60_000);
    expect(sink.ops()).toEqual(['create']);
    expect(delays).toEqual([]);
    expect(broadcaster.stats()).toMatchObject({ failed: 1, dropped: { rejected: 1 }, rejectedByStatus: { [String(code)]: 1 } });
  });

  it('spends at most 12 tries on an occurrence', async () => {
    const { sink, recorder, time, broadcaster, delays, logger } = manualSetup();
    for (let i = 0; i < 20; i++) sink.failures.push(new FakeApiException(503));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(10 * MINUTE);
    expect(sink.ops()).toHaveLength(12);
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000, 5_000, 5_000, 5_000, 5_000]);
    expect(broadcaster.stats()).toMatchObject({ retried: 11, failed: 1, dropped: { retriesExhausted: 1 } });
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['Unable to write event (retry limit exceeded!)']);
  });

  it('retries the series PATCH of a second occurrence on a 503', async () => {
    const { sink, recorder, time, broadcaster, delays } = manualSetup();
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(1000);
    sink.failures.push(new FakeApiException(503));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(500);
    expect(sink.ops()).toEqual(['create', 'patch', 'patch']);
    expect(delays).toEqual([500]);
    expect(broadcaster.stats()).toMatchObject({ patched: 1, retried: 1, series: { started: 1 } });
  });

  it('retries the final count of a series (shutdown flush) on a 503; a heartbeat keeps its single attempt', async () => {
    const { sink, recorder, time, broadcaster, delays } = manualSetup();
    for (let i = 0; i < 3; i++) {
      recorder.eventf(pod(), undefined, 'Normal', 'Pulled', 'Pull', 'x');
      await time.advance(1000);
    }
    sink.failures.push(new FakeApiException(503));
    const done = broadcaster.shutdown({ timeoutMs: 10_000 });
    await time.advance(500);
    const result = await done;
    expect(sink.patches()).toEqual([
      { series: { count: 2, lastObservedTime: '2026-11-24T10:00:01.000000Z' } },
      { series: { count: 3, lastObservedTime: '2026-11-24T10:00:02.000000Z' } },
      { series: { count: 3, lastObservedTime: '2026-11-24T10:00:02.000000Z' } },
    ]);
    expect(delays).toEqual([10_000, 500]); // the shutdown deadline, then the retry (within half the time left)
    expect(result).toMatchObject({ completed: true, abandoned: 0, stats: { retried: 1, series: { flushed: 1, failedWrites: 0 } } });
  });

  it('leaves a series live when its finish PATCH fails with a retryable status (503), for the next sweep', async () => {
    const { sink, recorder, time, broadcaster } = manualSetup();
    recorder.eventf(pod(), undefined, 'Normal', 'Pulled', 'Pull', 'x');
    await time.advance(1000);
    recorder.eventf(pod(), undefined, 'Normal', 'Pulled', 'Pull', 'x');
    await time.advance(0);
    sink.failures.push(new FakeApiException(503));
    await time.advance(12 * MINUTE);
    expect(broadcaster.stats()).toMatchObject({ retried: 0, series: { finished: 0, failedWrites: 1, cached: 1 } });
    await time.advance(6 * MINUTE);
    expect(broadcaster.stats().series).toMatchObject({ finished: 1, cached: 0 });
  });
});

describe("retryPolicy 'client-go' on events.k8s.io/v1 (tools/events exactly)", () => {
  it('jitters every delay by 25 % (wait.Jitter(sleepDurationMs, 0.25)) and keeps every status final', async () => {
    const randoms = [0, 1, 0.5];
    let i = 0;
    const { sink, recorder, time, delays, broadcaster } = manualSetup({ retryPolicy: 'client-go', sleepDurationMs: 4_000, random: () => randoms[i++]! });
    sink.failures.push(transportError(), transportError(), transportError(), new FakeApiException(503));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(MINUTE);
    expect(delays).toEqual([4_000, 5_000, 4_500]);
    expect(sink.ops()).toEqual(['create', 'create', 'create', 'create']);
    expect(broadcaster.stats()).toMatchObject({ retried: 3, failed: 1, dropped: { rejected: 1 }, rejectedByStatus: { '503': 1 } });
  });

  it('ignores Retry-After: a 429 is final', async () => {
    const { sink, recorder, time, delays, broadcaster } = manualSetup({ retryPolicy: 'client-go' });
    sink.failures.push(tooMany('7'));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(MINUTE);
    expect(delays).toEqual([]);
    expect(broadcaster.stats()).toMatchObject({ dropped: { rejected: 1 }, rejectedByStatus: { '429': 1 } });
  });

  it('evicts a series whose finish PATCH answered a 503 (final), as tools/events', async () => {
    const { sink, recorder, time, broadcaster } = manualSetup({ retryPolicy: 'client-go' });
    recorder.eventf(pod(), undefined, 'Normal', 'Pulled', 'Pull', 'x');
    await time.advance(1000);
    recorder.eventf(pod(), undefined, 'Normal', 'Pulled', 'Pull', 'x');
    await time.advance(0);
    sink.failures.push(statusError(503, 'ServiceUnavailable'));
    await time.advance(12 * MINUTE);
    expect(broadcaster.stats().series).toMatchObject({ finished: 0, failedWrites: 1, cached: 0 });
  });

  it('writes the final count of a series with one attempt at shutdown', async () => {
    const { sink, recorder, time, broadcaster, delays } = manualSetup({ retryPolicy: 'client-go' });
    for (let i = 0; i < 3; i++) {
      recorder.eventf(pod(), undefined, 'Normal', 'Pulled', 'Pull', 'x');
      await time.advance(1000);
    }
    sink.failures.push(transportError());
    const result = await broadcaster.shutdown({ timeoutMs: 10_000 });
    expect(sink.ops()).toEqual(['create', 'patch', 'patch']);
    expect(delays).toEqual([10_000]);
    expect(result).toMatchObject({ completed: true, stats: { retried: 0, series: { flushed: 0, failedWrites: 1 } } });
  });
});
