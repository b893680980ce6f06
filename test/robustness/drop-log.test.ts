// Every drop reaches the log: the first of each cause in full, then one summary at most every 10 s, and
// whatever is still being summed when shutdown ends. Server rejections are summarised like every other
// cause, and their line keeps the event's own reason (the server's goes under serverReason).
import { describe, expect, it } from 'vitest';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';
import { ScriptedSink } from '../support/sink.js';
import { recordedSleep, settle } from '../support/sleep.js';
import { ScriptedEventsSink, statusError } from '../events/support/events-sink.js';

const podNamed = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'prod' } });

function coreRig() {
  const clock = new ManualClock('2026-11-24T10:00:00Z');
  const logger = capturingLogger();
  const broadcaster = new EventBroadcaster({ clock, logger, sleep: recordedSleep().sleep });
  const sink = new ScriptedSink();
  broadcaster.startRecordingToSink(sink, { name: 'api' });
  return { clock, logger, broadcaster, sink, recorder: broadcaster.newRecorder({ component: 'ctrl' }) };
}

function eventsRig() {
  const clock = new ManualClock('2026-11-24T10:00:00Z');
  const logger = capturingLogger();
  const sink = new ScriptedEventsSink();
  const broadcaster = new EventsV1Broadcaster({ sink, clock, logger, sleep: recordedSleep().sleep });
  broadcaster.startRecording();
  return { clock, logger, broadcaster, sink, recorder: broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' }) };
}

const summary = (cause: string, n: number, level = 'warn') => ({
  level,
  message: 'Events dropped since the last report',
  fields: { cause, alsoDroppedSinceLastReport: n },
});

describe('drop summaries are written at shutdown at the latest', () => {
  it('core/v1: five invalid eventf calls, quiet, shutdown → the first line, then the summary of the other four', async () => {
    const { recorder, broadcaster, logger } = coreRig();
    for (let i = 0; i < 5; i++) recorder.eventf(null as never, 'Normal', 'Synced', 'n=%d', i);
    expect(logger.lines).toHaveLength(1);
    await broadcaster.shutdown({ timeoutMs: 1000 });
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'Could not construct reference, will not report event',
        fields: { code: 'InvalidObject', error: "can't reference a null object: pass a Kubernetes object or a V1ObjectReference", reason: 'Synced', type: 'Normal', cause: 'invalid' },
      },
      summary('invalid', 4),
    ]);
    expect(broadcaster.stats().dropped.invalid).toBe(5);
  });

  it('events.k8s.io/v1: the same five drops → the first line, then the summary of the other four', async () => {
    const { recorder, broadcaster, logger } = eventsRig();
    for (let i = 0; i < 5; i++) recorder.eventf(null as never, undefined, 'Normal', 'Synced', 'Sync', 'n=%d', i);
    await broadcaster.shutdown({ timeoutMs: 1000 });
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'Could not construct reference, will not report event',
        fields: { code: 'InvalidObject', error: "can't reference a null object: pass a Kubernetes object or a V1ObjectReference", reason: 'Synced', type: 'Normal', cause: 'invalid' },
      },
      summary('invalid', 4),
    ]);
  });

  it('the summary goes to the logger of the recorder (withLogger) whose drop was summed last', async () => {
    const { recorder, broadcaster, logger } = coreRig();
    const own = capturingLogger();
    recorder.event(null as never, 'Normal', 'R', 'm');
    recorder.withLogger(own).event(null as never, 'Normal', 'R', 'm');
    await broadcaster.shutdown({ timeoutMs: 1000 });
    expect(logger.lines.map((l) => l.message)).toEqual(['Could not construct reference, will not report event']);
    expect(own.lines).toEqual([summary('invalid', 1)]);
  });

  it('writes nothing more when every drop was already logged', async () => {
    const { recorder, broadcaster, logger } = coreRig();
    recorder.event(null as never, 'Normal', 'R', 'm');
    await broadcaster.shutdown({ timeoutMs: 1000 });
    expect(logger.lines).toHaveLength(1);
  });
});

describe('server rejections are summarised like every other drop, keeping the event reason', () => {
  it('core/v1: 50 events answered 403 → one error line with reason and serverReason, then the summary of 49 at shutdown', async () => {
    const { recorder, broadcaster, logger, sink } = coreRig();
    for (let i = 0; i < 50; i++) sink.failures.push(statusError(403, 'Forbidden'));
    for (let i = 0; i < 50; i++) recorder.event(podNamed(`web-${i}`), 'Warning', 'FailedSync', 'sync failed');
    await settle(20);
    await broadcaster.shutdown({ timeoutMs: 1000 });
    expect(broadcaster.stats().dropped.rejected).toBe(50);
    expect(logger.lines).toEqual([
      {
        level: 'error',
        message: 'Server rejected event (will not retry!)',
        fields: {
          event: expect.stringMatching(/^web-0\./) as string,
          namespace: 'prod',
          object: 'prod/web-0',
          kind: 'Pod',
          type: 'Warning',
          reason: 'FailedSync',
          count: 1,
          status: 403,
          serverReason: 'Forbidden',
          error: 'HTTP-Code: 403',
          cause: 'rejected',
        },
      },
      summary('rejected', 49, 'error'),
    ]);
  });

  it('core/v1: a rejection after the 10 s window is logged in full with the count summed since', async () => {
    const { recorder, broadcaster, logger, sink, clock } = coreRig();
    for (let i = 0; i < 4; i++) sink.failures.push(statusError(403, 'Forbidden'));
    for (let i = 0; i < 3; i++) recorder.event(podNamed(`web-${i}`), 'Warning', 'FailedSync', 'x');
    await settle(20);
    clock.advanceSeconds(10);
    recorder.event(podNamed('web-9'), 'Warning', 'FailedSync', 'x');
    await settle(20);
    await broadcaster.shutdown({ timeoutMs: 1000 });
    expect(logger.lines.map((l) => [l.message, l.fields?.['object'], l.fields?.['alsoDroppedSinceLastReport']])).toEqual([
      ['Server rejected event (will not retry!)', 'prod/web-0', undefined],
      ['Server rejected event (will not retry!)', 'prod/web-9', 2],
    ]);
  });

  it('events.k8s.io/v1: 50 events answered 403 → one error line with reason and serverReason, then the summary of 49', async () => {
    const { recorder, broadcaster, logger, sink } = eventsRig();
    for (let i = 0; i < 50; i++) sink.failures.push(statusError(403, 'Forbidden'));
    for (let i = 0; i < 50; i++) recorder.eventf(podNamed(`web-${i}`), undefined, 'Warning', 'FailedSync', 'Sync', 'sync failed');
    await settle(20);
    await broadcaster.shutdown({ timeoutMs: 1000 });
    expect(broadcaster.stats().dropped.rejected).toBe(50);
    expect(logger.lines).toEqual([
      {
        level: 'error',
        message: 'Server rejected event (will not retry!)',
        fields: {
          event: expect.stringMatching(/^web-0\./) as string,
          namespace: 'prod',
          object: 'prod/web-0',
          kind: 'Pod',
          type: 'Warning',
          reason: 'FailedSync',
          action: 'Sync',
          status: 403,
          serverReason: 'Forbidden',
          error: 'HTTP-Code: 403',
          cause: 'rejected',
        },
      },
      summary('rejected', 49, 'error'),
    ]);
  });

  it('AlreadyExists stays a quiet debug line per event, outside the summaries (client-go)', async () => {
    const { recorder, broadcaster, logger, sink } = eventsRig();
    for (let i = 0; i < 3; i++) sink.failures.push(statusError(409, 'AlreadyExists'));
    for (let i = 0; i < 3; i++) recorder.eventf(podNamed(`web-${i}`), undefined, 'Normal', 'R', 'A', 'x');
    await settle(20);
    await broadcaster.shutdown({ timeoutMs: 1000 });
    expect(logger.lines.map((l) => [l.level, l.message, l.fields?.['serverReason']])).toEqual([
      ['debug', 'Server rejected event (will not retry!)', 'AlreadyExists'],
      ['debug', 'Server rejected event (will not retry!)', 'AlreadyExists'],
      ['debug', 'Server rejected event (will not retry!)', 'AlreadyExists'],
    ]);
  });
});
