// Steering the dedupe identity: eventKeyWithout(...) leaves fields out of getEventKey.
import { describe, expect, it } from 'vitest';
import { EventCorrelator } from '../../src/record/correlator.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { EVENT_KEY_FIELDS, eventKeyWithout, getEventKey, type EventKeyField } from '../../src/record/keys.js';
import { silentLogger } from '../../src/shared/logger.js';
import { ManualClock } from '../support/clock.js';
import { makeTestEvent, pod } from '../support/objects.js';
import { ScriptedSink } from '../support/sink.js';
import { virtualTime } from '../support/virtual-time.js';

describe('eventKeyWithout', () => {
  it('with no field is getEventKey exactly', () => {
    const event = makeTestEvent({ involvedObject: { kind: 'Pod', namespace: 'ns', name: 'web-0', uid: 'u', apiVersion: 'v1', fieldPath: 'spec.containers{a}' } });
    expect(eventKeyWithout()(event)).toBe(getEventKey(event));
  });

  it('leaves out exactly the named fields', () => {
    const event = makeTestEvent();
    expect(eventKeyWithout('message')(event)).toBe('ctrlnode-1Poddefaultweb-0uid-1v1NormalStarted');
    expect(eventKeyWithout('message', 'source.host', 'involvedObject.uid')(event)).toBe('ctrlPoddefaultweb-0v1NormalStarted');
    expect(EVENT_KEY_FIELDS).toHaveLength(11);
  });

  it('rejects an unknown field with a TypeError naming it', () => {
    expect(() => eventKeyWithout('involvedObject.resourceVersion' as EventKeyField)).toThrow(
      new TypeError(`eventKeyWithout: unknown field "involvedObject.resourceVersion"; expected one of ${EVENT_KEY_FIELDS.join(', ')}`),
    );
  });
});

describe('CorrelatorOptions.eventKeyFunc', () => {
  it('by default a new message is a new Event; without the message it is a count patch carrying the latest message', () => {
    const clock = new ManualClock();
    const byDefault = new EventCorrelator({ clock });
    const withoutMessage = new EventCorrelator({ clock, eventKeyFunc: eventKeyWithout('message') });
    const first = makeTestEvent({ message: 'attempt 1' });
    const second = makeTestEvent({ metadata: { name: 'web-0.2', namespace: 'default' }, message: 'attempt 2' });
    byDefault.correlate(first);
    expect(byDefault.correlate(second).patch).toBeUndefined();
    withoutMessage.correlate(first);
    const repeat = withoutMessage.correlate(second);
    expect(repeat.event.metadata.name).toBe('web-0.1');
    expect(repeat.event.count).toBe(2);
    expect(repeat.patch).toEqual({ count: 2, lastTimestamp: '2026-11-24T10:00:00Z', message: 'attempt 2' });
  });

  it('end to end: five messages on one object make one Event with count 5', async () => {
    const vt = virtualTime();
    const sink = new ScriptedSink();
    const broadcaster = new EventBroadcaster({ logger: silentLogger, clock: vt.clock, sleep: vt.sleep, correlatorOptions: { eventKeyFunc: eventKeyWithout('message') } });
    broadcaster.startRecordingToSink(sink);
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    for (let i = 1; i <= 5; i++) recorder.eventf(pod(), 'Warning', 'BackOff', 'restart %d failed', i);
    expect(await broadcaster.flush()).toMatchObject({ completed: true, written: 5 });
    expect(sink.ops()).toEqual(['create', 'patch', 'patch', 'patch', 'patch']);
    expect([...sink.stored.values()].map((e) => [e.count, e.message])).toEqual([[5, 'restart 5 failed']]);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });
});
