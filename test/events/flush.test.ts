// flush({ timeoutMs }) on events.k8s.io/v1: waits for exactly the writes queued before the call, counts
// their outcomes, and stops at its deadline (manual time throughout, a slow sink where it matters).
import { describe, expect, it } from 'vitest';
import { FakeApiException } from '../support/sink.js';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import { silentLogger } from '../../src/shared/logger.js';
import { ScriptedEventsSink, statusError } from './support/events-sink.js';
import { manualSetup, pod } from './support/setup.js';

const tooMany = (retryAfter: string) => new FakeApiException(429, '{}', { 'retry-after': retryAfter });

/** Settles `promise` into a box the test can look at while it advances time. */
function watch<T>(promise: Promise<T>): { value: T | undefined } {
  const box: { value: T | undefined } = { value: undefined };
  void promise.then((v) => (box.value = v));
  return box;
}

describe('flush: what it waits for', () => {
  it('resolves at once with zeros when nothing is queued, leaving no sleep behind', async () => {
    const { broadcaster, recorder, time } = manualSetup();
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(0);
    expect(await broadcaster.flush()).toEqual({ completed: true, written: 0, failed: 0, dropped: 0, pending: 0 });
    expect(time.pendingSleeps).toBe(0);
  });

  it('waits for every create and series start queued before the call under a slow sink (1 s per write)', async () => {
    const { broadcaster, recorder, time, sink } = manualSetup({}, 1000);
    const emit = (name: string) => recorder.eventf(pod(name), undefined, 'Normal', 'Started', 'Start', 'x');
    emit('a'); // create
    emit('b'); // create
    emit('a'); // series start: one PATCH
    emit('a'); // counted in the cache: settled at once
    const flushed = watch(broadcaster.flush({ timeoutMs: 10_000 }));
    emit('c'); // after the call: neither waited for nor counted
    await time.advance(2_999);
    expect(flushed.value).toBeUndefined();
    await time.advance(1);
    expect(flushed.value).toEqual({ completed: true, written: 3, failed: 0, dropped: 0, pending: 0 });
    expect(sink.ops()).toEqual(['create', 'create', 'patch']);
    expect(broadcaster.stats()).toMatchObject({ accepted: 5, created: 2, patched: 1, pending: 1, series: { counted: 1 } });
    expect(time.pendingSleeps).toBe(0);
  });

  it('stops at its deadline and says exactly what is still pending; a later flush finishes the job', async () => {
    const { broadcaster, recorder, time, sink } = manualSetup({}, 1000);
    for (const name of ['a', 'b', 'c', 'd', 'e']) recorder.eventf(pod(name), undefined, 'Normal', 'Started', 'Start', 'x');
    const first = watch(broadcaster.flush({ timeoutMs: 2_500 }));
    await time.advance(2_500);
    // a and b written, c being written, d and e queued
    expect(first.value).toEqual({ completed: false, written: 2, failed: 0, dropped: 0, pending: 3 });
    expect(time.pendingSleeps).toBe(0);
    const second = watch(broadcaster.flush({ timeoutMs: 10_000 }));
    await time.advance(2_500);
    expect(second.value).toEqual({ completed: true, written: 3, failed: 0, dropped: 0, pending: 0 });
    expect(sink.stored.size).toBe(5); // nothing accepted was lost
  });

  it('waits through retries and counts rejections and exhausted retries as failed', async () => {
    const { broadcaster, recorder, time, sink, delays } = manualSetup();
    sink.failures.push(
      statusError(422, 'Invalid'), // a: rejected
      ...Array.from({ length: 12 }, () => new FakeApiException(500)), // b: out of tries
      new FakeApiException(503), // c: retried twice, then written
      new FakeApiException(503),
    );
    for (const name of ['a', 'b', 'c']) recorder.eventf(pod(name), undefined, 'Normal', 'Started', 'Start', 'x');
    const flushed = watch(broadcaster.flush({ timeoutMs: 10 * 60_000 }));
    await time.advance(43_999); // b sleeps 42.5 s in all, then c 1.5 s
    expect(flushed.value).toBeUndefined();
    await time.advance(1);
    expect(flushed.value).toEqual({ completed: true, written: 1, failed: 2, dropped: 0, pending: 0 });
    // the flush deadline, then b's eleven sleeps, then c's two
    expect(delays).toEqual([600_000, 500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000, 5_000, 5_000, 5_000, 5_000, 500, 1_000]);
    expect(broadcaster.stats()).toMatchObject({ created: 1, failed: 2, dropped: { rejected: 1, retriesExhausted: 1 } });
  });

  it('does not shorten a retry sleep: a Retry-After longer than the flush leaves the write pending', async () => {
    const { broadcaster, recorder, time, sink } = manualSetup();
    sink.failures.push(tooMany('30'));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    const flushed = watch(broadcaster.flush({ timeoutMs: 5_000 }));
    await time.advance(5_000);
    expect(flushed.value).toEqual({ completed: false, written: 0, failed: 0, dropped: 0, pending: 1 });
    await time.advance(25_000);
    expect(broadcaster.stats()).toMatchObject({ created: 1, retried: 1 });
    expect(time.delays).toEqual([5_000, 30_000]);
  });

  it('does not count what settled before the call: a write that landed, a drop because the queue was full', async () => {
    const { broadcaster, recorder, time } = manualSetup({ maxQueuedEvents: 1 }, 1000);
    for (const name of ['a', 'b', 'c']) recorder.eventf(pod(name), undefined, 'Normal', 'Started', 'Start', 'x'); // c: queue full
    await time.advance(1_000); // a written
    expect(broadcaster.stats()).toMatchObject({ created: 1, dropped: { queueFull: 1 } });
    const flushed = watch(broadcaster.flush());
    await time.advance(1_000);
    expect(flushed.value).toEqual({ completed: true, written: 1, failed: 0, dropped: 0, pending: 0 });
  });

  it('counts a series PATCH already queued (cache eviction), and one that finds its count written, as written', async () => {
    const { broadcaster, recorder, time, sink } = manualSetup({ cacheSize: 1 }, 1000);
    recorder.eventf(pod('a'), undefined, 'Normal', 'Started', 'Start', 'x'); // create a
    recorder.eventf(pod('a'), undefined, 'Normal', 'Started', 'Start', 'x'); // series start a (count 2)
    recorder.eventf(pod('b'), undefined, 'Normal', 'Started', 'Start', 'x'); // create b, pushes a out: final count of a queued
    const flushed = watch(broadcaster.flush());
    await time.advance(3_000);
    // The final count of a was written by its series start before its turn came: nothing left to send.
    expect(flushed.value).toEqual({ completed: true, written: 4, failed: 0, dropped: 0, pending: 0 });
    expect(sink.ops()).toEqual(['create', 'patch', 'create']);
    expect(broadcaster.stats().series).toMatchObject({ evicted: 1, flushed: 0 });
  });

  it('counts writes abandoned by a shutdown deadline as dropped, and completes', async () => {
    const { broadcaster, recorder, time } = manualSetup({}, 1000);
    for (const name of ['a', 'b', 'c']) recorder.eventf(pod(name), undefined, 'Normal', 'Started', 'Start', 'x');
    const flushed = watch(broadcaster.flush({ timeoutMs: 60_000 }));
    const shutdown = watch(broadcaster.shutdown({ timeoutMs: 1_500 }));
    await time.advance(1_500);
    expect(shutdown.value).toMatchObject({ completed: false, abandoned: 2 });
    expect(flushed.value).toEqual({ completed: true, written: 1, failed: 0, dropped: 2, pending: 0 });
    expect(time.pendingSleeps).toBe(0);
  });

  it('returns zeros when recording never started: events reach the watchers only', async () => {
    const other = new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), logger: silentLogger, ticker: () => () => undefined });
    other.newRecorder('ctrl', { reportingInstance: 'ctrl-0' }).eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
    expect(await other.flush()).toEqual({ completed: true, written: 0, failed: 0, dropped: 0, pending: 0 });
    await other.shutdown();
  });
});
