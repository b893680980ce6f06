import { describe, expect, it } from 'vitest';
import type { CoreV1Event } from '@kubernetes/client-node';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';
import { pod } from '../support/objects.js';


function setup() {
  const clock = new ManualClock('2026-11-24T10:00:00.123Z');
  const logger = capturingLogger();
  const broadcaster = new EventBroadcaster({ clock, logger });
  const events: CoreV1Event[] = [];
  broadcaster.startEventWatcher((e) => void events.push(e));
  const recorder = broadcaster.newRecorder({ component: 'my-operator', host: 'node-1' });
  return { clock, logger, broadcaster, events, recorder };
}

const msHex = (iso: string) => (BigInt(Date.parse(iso)) * 1_000_000n).toString(16);

describe('EventRecorder: building events (client-go makeEvent)', () => {
  it('builds the event exactly as client-go does', () => {
    const { events, recorder } = setup();
    recorder.eventf(pod('web-0', 'prod', 'uid-1'), 'Warning', 'FailedSync', 'sync %s: %v', 'prod/web-0', new Error('boom'));
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toEqual({
      metadata: { name: `web-0.${msHex('2026-11-24T10:00:00.123Z')}`, namespace: 'prod' },
      involvedObject: { kind: 'Pod', apiVersion: 'v1', name: 'web-0', namespace: 'prod', uid: 'uid-1', resourceVersion: '1' },
      reason: 'FailedSync',
      message: 'sync prod/web-0: boom',
      firstTimestamp: new Date('2026-11-24T10:00:00.123Z'),
      lastTimestamp: new Date('2026-11-24T10:00:00.123Z'),
      count: 1,
      type: 'Warning',
      source: { component: 'my-operator', host: 'node-1' },
      reportingComponent: 'my-operator',
      reportingInstance: 'node-1',
    });
    expect(e.metadata.name).toBe('web-0.18eaf2d5786e14c0');
  });

  it('takes event() messages verbatim (no format interpretation)', () => {
    const { events, recorder } = setup();
    recorder.event(pod(), 'Normal', 'Started', '100% done %s');
    expect(events[0]?.message).toBe('100% done %s');
  });

  it('puts annotatedEventf annotations on the metadata (a copy)', () => {
    const { events, recorder } = setup();
    const annotations = { 'example.com/trace': 'abc' };
    recorder.annotatedEventf(pod(), annotations, 'Normal', 'Synced', 'n=%d', 3);
    annotations['example.com/trace'] = 'changed';
    expect(events[0]?.metadata.annotations).toEqual({ 'example.com/trace': 'abc' });
    expect(events[0]?.message).toBe('n=3');
  });

  it('uses the default namespace for cluster-scoped objects and keeps involvedObject.namespace empty', () => {
    const { events, recorder } = setup();
    recorder.event({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', uid: 'n1' } }, 'Normal', 'Ready', 'ok');
    expect(events[0]?.metadata.namespace).toBe('default');
    expect(events[0]?.involvedObject.namespace).toBeUndefined();
  });

  it('accepts an ObjectReference, which is how a fieldPath is given', () => {
    const { events, recorder } = setup();
    recorder.event(
      { kind: 'Pod', apiVersion: 'v1', name: 'web-0', namespace: 'prod', uid: 'u1', fieldPath: 'spec.containers{web}' },
      'Normal',
      'Pulled',
      'ok',
    );
    expect(events[0]?.involvedObject).toEqual({ kind: 'Pod', apiVersion: 'v1', name: 'web-0', namespace: 'prod', uid: 'u1', fieldPath: 'spec.containers{web}' });
  });

  it('gives thousands of events on one object in the same millisecond unique names', () => {
    const { events, recorder } = setup();
    for (let i = 0; i < 5000; i++) recorder.event(pod(), 'Normal', 'Started', `m${i}`);
    const names = new Set(events.map((e) => e.metadata.name));
    expect(names.size).toBe(5000);
    expect(events[1]?.metadata.name).toBe(`web-0.${(BigInt(Date.parse('2026-11-24T10:00:00.123Z')) * 1_000_000n + 1n).toString(16)}`);
  });

  it('falls back to a UUID when <name>.<hex> is not a DNS subdomain', () => {
    const { events, recorder } = setup();
    recorder.event({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'Bad_Name', namespace: 'default' } }, 'Normal', 'X', 'y');
    recorder.event({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a'.repeat(240), namespace: 'default' } }, 'Normal', 'X', 'y');
    for (const e of events) expect(e.metadata.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('EventRecorder: bad input is logged and counted, never thrown', () => {
  const cases: Array<[string, () => unknown, string, RegExp]> = [
    ['null', () => null, 'Could not construct reference, will not report event', /can't reference a null object/],
    ['a string', () => 'web-0', 'Could not construct reference, will not report event', /value of type string/],
    [
      'an object from a list response (no apiVersion/kind)',
      () => ({ metadata: { name: 'web-0', namespace: 'prod' } }),
      'Could not construct reference, will not report event',
      /object "prod\/web-0" has no apiVersion and kind: objects read from list responses .* set them with withTypeMeta \(withTypeMeta\(list\) for a whole list response, withTypeMeta\(pod, 'v1', 'Pod'\) for one object\)/,
    ],
    ['an object without a name', () => ({ apiVersion: 'v1', kind: 'Pod', metadata: {} }), 'Could not construct reference, will not report event', /has no metadata.name/],
  ];
  for (const [label, input, message, error] of cases) {
    it(`drops ${label}`, () => {
      const { events, recorder, logger, broadcaster } = setup();
      expect(() => recorder.event(input() as never, 'Normal', 'X', 'y')).not.toThrow();
      expect(events).toEqual([]);
      expect(broadcaster.stats().dropped.invalid).toBe(1);
      expect(logger.lines).toHaveLength(1);
      expect(logger.lines[0]?.message).toBe(message);
      expect(String(logger.lines[0]?.fields?.['error'])).toMatch(error);
    });
  }

  it('drops an unsupported type after the reference check', () => {
    const { events, recorder, logger, broadcaster } = setup();
    recorder.eventf(pod(), 'Critical' as never, 'X', 'y');
    expect(events).toEqual([]);
    expect(broadcaster.stats().dropped.invalid).toBe(1);
    expect(logger.lines[0]?.message).toBe('Unsupported event type');
    expect(logger.lines[0]?.fields?.['code']).toBe('UnsupportedType');
  });

  it('counts every drop but logs a burst of them once per window', () => {
    const { recorder, logger, broadcaster, clock } = setup();
    for (let i = 0; i < 50; i++) recorder.event(null as never, 'Normal', 'X', 'y');
    expect(broadcaster.stats().dropped.invalid).toBe(50);
    expect(logger.lines).toHaveLength(1);
    clock.advanceSeconds(10);
    recorder.event(null as never, 'Normal', 'X', 'y');
    expect(logger.lines).toHaveLength(2);
    expect(logger.lines[1]?.fields?.['alsoDroppedSinceLastReport']).toBe(49);
  });

  it('drops and counts events recorded after shutdown', async () => {
    const { recorder, broadcaster, logger } = setup();
    await broadcaster.shutdown();
    recorder.event(pod(), 'Normal', 'X', 'y');
    expect(broadcaster.stats().dropped.afterShutdown).toBe(1);
    expect(logger.lines.at(-1)?.message).toBe('Unable to record event (will not retry!): broadcaster is shut down');
  });

  it('withLogger reports drops to the other logger', () => {
    const { recorder, logger } = setup();
    const other = capturingLogger();
    recorder.withLogger(other).event(null as never, 'Normal', 'X', 'y');
    expect(logger.lines).toEqual([]);
    expect(other.lines).toHaveLength(1);
  });
});

describe('EventBroadcaster: logging consumers', () => {
  it('startLogging prints client-go\'s line', async () => {
    const clock = new ManualClock();
    const broadcaster = new EventBroadcaster({ clock });
    const lines: string[] = [];
    broadcaster.startLogging((l) => lines.push(l));
    broadcaster.newRecorder({ component: 'c' }).event(pod('web-0', 'prod', 'u1'), 'Normal', 'Started', 'Started container');
    await broadcaster.shutdown();
    expect(lines).toEqual([
      `Event(v1.ObjectReference{Kind:"Pod", Namespace:"prod", Name:"web-0", UID:"u1", APIVersion:"v1", ResourceVersion:"1", FieldPath:""}): type: 'Normal' reason: 'Started' Started container`,
    ]);
  });

  it('startStructuredLogging logs "Event occurred" with client-go\'s keys', async () => {
    const logger = capturingLogger();
    const broadcaster = new EventBroadcaster({ clock: new ManualClock() });
    broadcaster.startStructuredLogging(logger);
    broadcaster.newRecorder({ component: 'c' }).event(pod('web-0', 'prod', 'u1'), 'Warning', 'BackOff', 'restarting');
    await broadcaster.shutdown();
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message: 'Event occurred',
        fields: { object: 'prod/web-0', fieldPath: '', kind: 'Pod', apiVersion: 'v1', type: 'Warning', reason: 'BackOff', message: 'restarting' },
      },
    ]);
  });
});
