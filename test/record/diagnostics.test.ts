import type { CoreV1Event } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS_CHANNELS } from '../../src/engine/diagnostics.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { silentLogger } from '../../src/shared/logger.js';
import { ManualClock } from '../support/clock.js';
import { pod } from '../support/objects.js';
import { FakeApiException, ScriptedSink } from '../support/sink.js';
import { recordedSleep, settle } from '../support/sleep.js';
import { virtualTime } from '../support/virtual-time.js';
import { recordDiagnostics } from '../support/diagnostics.js';

const { seen, listen, count } = recordDiagnostics();

describe('diagnostics channels', () => {
  it('publishes every outcome with its cause, matching stats()', async () => {
    listen();
    const broadcaster = new EventBroadcaster({ clock: new ManualClock(), logger: silentLogger, sleep: recordedSleep().sleep, random: () => 0 });
    const sink = new ScriptedSink();
    broadcaster.startRecordingToSink(sink, { name: 'api' });
    const recorder = broadcaster.newRecorder({ component: 'c' });

    recorder.event(null as never, 'Normal', 'X', 'y'); // invalid
    sink.failures.push(new TypeError('fetch failed'));
    recorder.event(pod('retried'), 'Normal', 'X', 'y'); // retried once, then created
    await settle();
    sink.failures.push(new FakeApiException(422));
    recorder.event(pod('rejected'), 'Normal', 'X', 'y'); // 422
    await settle();
    for (let i = 0; i < 27; i++) recorder.event(pod('hot'), 'Normal', 'Hot', 'same'); // 1 create, 24 patches, 2 spam-filtered
    for (let i = 1; i <= 10; i++) recorder.eventf(pod('agg'), 'Warning', 'Mount', 'volume %d', i); // 10th aggregated
    await broadcaster.shutdown();
    recorder.event(pod(), 'Normal', 'Late', 'y'); // after shutdown

    const stats = broadcaster.stats();
    expect(count(DIAGNOSTICS_CHANNELS.accepted)).toBe(stats.accepted);
    expect(stats.accepted).toBe(39);
    expect(count(DIAGNOSTICS_CHANNELS.created)).toBe(stats.created);
    expect(stats.created).toBe(12);
    expect(count(DIAGNOSTICS_CHANNELS.patched)).toBe(24);
    expect(count(DIAGNOSTICS_CHANNELS.aggregated)).toBe(1);
    expect(count(DIAGNOSTICS_CHANNELS.retried)).toBe(1);
    expect(count(DIAGNOSTICS_CHANNELS.dropped, 'invalid')).toBe(1);
    expect(count(DIAGNOSTICS_CHANNELS.dropped, 'rejected')).toBe(1);
    expect(count(DIAGNOSTICS_CHANNELS.dropped, 'spamFiltered')).toBe(2);
    expect(count(DIAGNOSTICS_CHANNELS.dropped, 'afterShutdown')).toBe(1);
    expect(count(DIAGNOSTICS_CHANNELS.dropped)).toBe(5);

    const rejected = seen.find((s) => s.message.cause === 'rejected')!.message;
    expect(rejected).toMatchObject({ sink: 'api', status: 422, cause: 'rejected' });
    expect((rejected.event as CoreV1Event | undefined)?.involvedObject.name).toBe('rejected');
    const retried = seen.find((s) => s.channel === DIAGNOSTICS_CHANNELS.retried)!.message;
    expect(retried).toMatchObject({ sink: 'api', tries: 1 });
    expect((retried.event as CoreV1Event | undefined)?.involvedObject.name).toBe('retried');
  });

  it('publishes a queue-full drop with the sink name', async () => {
    listen();
    const broadcaster = new EventBroadcaster({ maxQueuedEvents: 1, logger: silentLogger, sleep: recordedSleep().sleep });
    const sink = new ScriptedSink();
    sink.create = () => new Promise(() => undefined);
    broadcaster.startRecordingToSink(sink, { name: 'slow' });
    const recorder = broadcaster.newRecorder({ component: 'c' });
    for (let i = 0; i < 4; i++) recorder.event(pod(`p${i}`), 'Normal', 'X', 'y');
    expect(seen.filter((s) => s.message.cause === 'queueFull').map((s) => [s.message.sink, (s.message.event as CoreV1Event | undefined)?.involvedObject.name])).toEqual([
      ['slow', 'p2'],
      ['slow', 'p3'],
    ]);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('publishes nothing and builds no message when nobody subscribes', async () => {
    const broadcaster = new EventBroadcaster({ logger: silentLogger });
    broadcaster.startRecordingToSink(new ScriptedSink());
    broadcaster.newRecorder({ component: 'c' }).event(pod(), 'Normal', 'X', 'y');
    await broadcaster.shutdown();
    expect(seen).toEqual([]);
  });

  it('publishes retries exhausted and shutdown abandonment with their causes, matching stats()', async () => {
    listen();
    const vt = virtualTime();
    const broadcaster = new EventBroadcaster({ clock: vt.clock, logger: silentLogger, sleep: vt.sleep, random: () => 0 });
    const sink = new ScriptedSink();
    const create = sink.create.bind(sink);
    // 'exhausted' fails all 12 tries with 503; 'stuck' never gets an answer.
    sink.create = (event) =>
      event.involvedObject.name === 'exhausted' ? Promise.reject(new FakeApiException(503)) : event.involvedObject.name === 'stuck' ? new Promise(() => undefined) : create(event);
    broadcaster.startRecordingToSink(sink, { name: 'api' });
    const recorder = broadcaster.newRecorder({ component: 'c' });
    recorder.event(pod('exhausted'), 'Normal', 'X', 'y');
    recorder.event(pod('stuck'), 'Normal', 'X', 'y');
    recorder.event(pod('queued'), 'Normal', 'X', 'y');
    const flushed = await broadcaster.flush({ timeoutMs: 1000 });
    expect(flushed).toEqual({ completed: false, written: 0, failed: 1, dropped: 0, pending: 2 });
    const result = await broadcaster.shutdown({ timeoutMs: 500 });
    expect(result).toMatchObject({ completed: false, abandoned: 2 });
    expect(count(DIAGNOSTICS_CHANNELS.retried)).toBe(11);
    expect(count(DIAGNOSTICS_CHANNELS.dropped, 'retriesExhausted')).toBe(1);
    expect(count(DIAGNOSTICS_CHANNELS.dropped, 'shutdown')).toBe(2);
    expect(count(DIAGNOSTICS_CHANNELS.accepted)).toBe(3);
    const exhausted = seen.find((s) => s.message.cause === 'retriesExhausted')!.message;
    expect(exhausted).toMatchObject({ sink: 'api', tries: 12, status: 503 });
    expect(result.stats).toMatchObject({ retried: 11, failed: 3, dropped: expect.objectContaining({ retriesExhausted: 1, shutdown: 2 }) as unknown });
  });
});
