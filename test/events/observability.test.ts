// Every events.k8s.io/v1 outcome on the diagnostics channels (api 'events.k8s.io/v1') and on writes$,
// counted exactly in one scenario that produces each cause, and matched against stats().
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS_CHANNELS } from '../../src/engine/diagnostics.js';
import type { WriteOutcome } from '../../src/engine/outcomes.js';
import type { EventsV1Event } from '../../src/events/types.js';
import { FakeApiException } from '../support/sink.js';
import { MINUTE } from './support/manual-time.js';
import { manualSetup, pod, setup } from './support/setup.js';
import { recordDiagnostics } from '../support/diagnostics.js';

const { seen, listen, count } = recordDiagnostics();
const transportError = () => Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' });
const nameOf = (e: EventsV1Event | undefined) => e?.regarding?.name;

/**
 * Produces every outcome of the path. Each sink call takes 1 s; the write queue holds 2.
 *  - x: invalid (empty reason)
 *  - a ×3: created, series start rejected (422), third counted; the 10:12 finish sweep patches count 3
 *  - b: 503 on all 12 tries (11 retries), retries exhausted
 *  - c: write queue full
 *  - d: a transport error, 1 retry, created
 *  - e ×2: created during shutdown; its series start is in flight at the deadline (abandoned) and the final
 *    count of e, queued behind it, too
 *  - f: after shutdown
 */
async function everyOutcome(writes: Array<WriteOutcome<EventsV1Event>>) {
  const rig = manualSetup({ maxQueuedEvents: 2 }, 1000);
  const { time, sink, broadcaster, recorder } = rig;
  let completed = false;
  broadcaster.writes$.subscribe({ next: (o) => void writes.push(o), complete: () => (completed = true) });
  const emit = (name: string, reason = 'Started') => recorder.eventf(pod(name), undefined, 'Normal', reason, 'Start', 'x');
  sink.failures.push(undefined, new FakeApiException(422), ...Array.from({ length: 12 }, () => new FakeApiException(503)));
  emit('x', '');
  emit('a');
  emit('a');
  emit('a');
  emit('b');
  emit('c');
  await time.advance(5 * MINUTE);
  sink.failures.push(transportError());
  emit('d');
  await time.advance(8 * MINUTE);
  emit('e');
  emit('e');
  const done = broadcaster.shutdown({ timeoutMs: 1500 });
  await time.advance(1500);
  const result = await done;
  emit('f');
  return { ...rig, result, completed };
}

describe('diagnostics channels on events.k8s.io/v1', () => {
  it('publishes every outcome with api events.k8s.io/v1 and its cause, matching stats() exactly', async () => {
    listen();
    const { broadcaster, result } = await everyOutcome([]);
    const stats = broadcaster.stats();
    expect(result).toMatchObject({ completed: false, abandoned: 2 });
    expect(stats).toMatchObject({
      accepted: 8,
      dropped: { invalid: 1, queueFull: 1, rejected: 1, retriesExhausted: 1, shutdown: 1, afterShutdown: 1 },
      created: 3,
      patched: 1,
      retried: 12,
      failed: 3,
      rejectedByStatus: { '422': 1 },
      pending: 0,
      series: { started: 2, counted: 1, finished: 1, flushed: 0, failedWrites: 1 },
    });
    expect(seen.every((s) => s.message.api === 'events.k8s.io/v1')).toBe(true);
    expect(count(DIAGNOSTICS_CHANNELS.accepted)).toBe(stats.accepted);
    expect(count(DIAGNOSTICS_CHANNELS.created)).toBe(stats.created);
    expect(count(DIAGNOSTICS_CHANNELS.patched)).toBe(stats.patched);
    expect(count(DIAGNOSTICS_CHANNELS.retried)).toBe(stats.retried);
    expect(count(DIAGNOSTICS_CHANNELS.aggregated)).toBe(0);
    for (const cause of Object.keys(stats.dropped) as Array<keyof typeof stats.dropped>) {
      expect([cause, count(DIAGNOSTICS_CHANNELS.dropped, cause)]).toEqual([cause, stats.dropped[cause]]);
    }
    expect(count(DIAGNOSTICS_CHANNELS.dropped)).toBe(6);

    const by = (channel: string, cause?: string) => seen.filter((s) => s.channel === channel && (cause === undefined || s.message.cause === cause)).map((s) => s.message);
    expect(by(DIAGNOSTICS_CHANNELS.dropped, 'invalid')).toEqual([{ api: 'events.k8s.io/v1', event: undefined, cause: 'invalid' }]);
    expect(by(DIAGNOSTICS_CHANNELS.dropped, 'rejected')).toMatchObject([{ sink: 'events.k8s.io/v1', status: 422 }]);
    expect(nameOf(by(DIAGNOSTICS_CHANNELS.dropped, 'rejected')[0]?.event as EventsV1Event)).toBe('a');
    expect(by(DIAGNOSTICS_CHANNELS.dropped, 'retriesExhausted')).toMatchObject([{ sink: 'events.k8s.io/v1', tries: 12, status: 503 }]);
    expect(by(DIAGNOSTICS_CHANNELS.dropped, 'queueFull').map((m) => nameOf(m.event as EventsV1Event))).toEqual(['c']);
    expect(by(DIAGNOSTICS_CHANNELS.dropped, 'shutdown').map((m) => nameOf(m.event as EventsV1Event))).toEqual(['e']);
    expect(by(DIAGNOSTICS_CHANNELS.dropped, 'afterShutdown').map((m) => nameOf(m.event as EventsV1Event))).toEqual(['f']);
    expect(by(DIAGNOSTICS_CHANNELS.retried).map((m) => [nameOf(m.event as EventsV1Event), m.tries, m.delayMs, m.status])).toEqual([
      ['b', 1, 500, 503],
      ['b', 2, 1_000, 503],
      ['b', 3, 2_000, 503],
      ['b', 4, 4_000, 503],
      ['b', 5, 5_000, 503],
      ...[6, 7, 8, 9, 10, 11].map((tries) => ['b', tries, 5_000, 503]),
      ['d', 1, 500, undefined],
    ]);
    // The finish PATCH shows the Event as the server holds it now: the first occurrence with its series.
    expect(by(DIAGNOSTICS_CHANNELS.patched)).toMatchObject([{ sink: 'events.k8s.io/v1', event: { regarding: { name: 'a' }, series: { count: 3 } } }]);
  });

  it('publishes nothing when nobody subscribes', async () => {
    const { broadcaster } = await everyOutcome([]);
    expect(broadcaster.stats().accepted).toBe(8);
    expect(seen).toEqual([]);
  });
});

describe('writes$ on events.k8s.io/v1', () => {
  it('emits every write outcome of the sink, series PATCHes included, and completes when shutdown ends', async () => {
    const writes: Array<WriteOutcome<EventsV1Event>> = [];
    const { completed } = await everyOutcome(writes);
    expect(completed).toBe(true);
    const summary = writes.filter((o) => o.kind !== 'retried').map((o) => [o.kind, nameOf(o.event), o.cause, o.status, o.event.series?.count]);
    expect(summary).toEqual([
      ['dropped', 'c', 'queueFull', undefined, undefined],
      ['created', 'a', undefined, undefined, undefined],
      ['failed', 'a', 'rejected', 422, 2],
      ['failed', 'b', 'retriesExhausted', 503, undefined],
      ['created', 'd', undefined, undefined, undefined],
      ['patched', 'a', undefined, undefined, 3], // the finish sweep
      ['created', 'e', undefined, undefined, undefined],
      ['dropped', 'e', 'shutdown', undefined, 2], // series start, in flight at the deadline
      ['dropped', 'e', 'shutdown', undefined, 2], // the final count, queued behind it
    ]);
    expect(writes.filter((o) => o.kind === 'retried')).toHaveLength(12);
    expect(writes.every((o) => o.sink === 'events.k8s.io/v1')).toBe(true);
    expect(writes.find((o) => o.kind === 'retried')).toMatchObject({ tries: 1, delayMs: 500, status: 503 });
  });

  it('emits series writes with the count they wrote: start, heartbeat, shutdown flush', async () => {
    const { recorder, broadcaster, time } = setup();
    const writes: Array<WriteOutcome<EventsV1Event>> = [];
    broadcaster.writes$.subscribe((o) => void writes.push(o));
    const emit = () => recorder.eventf(pod(), undefined, 'Normal', 'Probe', 'Check', 'x');
    for (let m = 0; m < 31; m += 5) {
      emit();
      await time.advance(5 * MINUTE);
    }
    emit();
    await broadcaster.shutdown();
    expect(writes.map((o) => [o.kind, o.event.series?.count])).toEqual([
      ['created', undefined],
      ['patched', 2],
      ['patched', 6], // heartbeat at 10:30, six occurrences by then
      ['patched', 8], // final count at shutdown
    ]);
  });

  it('stops emitting to a subscriber that unsubscribed', async () => {
    const { recorder, broadcaster, time } = setup();
    const writes: Array<WriteOutcome<EventsV1Event>> = [];
    const subscription = broadcaster.writes$.subscribe((o) => void writes.push(o));
    recorder.eventf(pod('a'), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(0);
    subscription.unsubscribe();
    recorder.eventf(pod('b'), undefined, 'Normal', 'Started', 'Start', 'x');
    await time.advance(0);
    expect(writes.map((o) => nameOf(o.event))).toEqual(['a']);
    expect(broadcaster.stats().created).toBe(2);
  });
});
