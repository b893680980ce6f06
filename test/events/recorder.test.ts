// EventsV1Recorder: how events are built and which inputs are dropped (with their codes) or truncated before sending.
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import type { EventsV1Event } from '../../src/events/types.js';
import type { EventSubject, EventType } from '../../src/shared/types.js';
import { ScriptedEventsSink } from './support/events-sink.js';
import { ManualTime } from './support/manual-time.js';
import { capturingLogger, node, pod } from './support/setup.js';

function rig(reportingController = 'example.com/ctrl', reportingInstance: string | null = 'ctrl-0') {
  const time = new ManualTime('2026-11-24T10:00:00.123Z');
  const logger = capturingLogger();
  const broadcaster = new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), clock: time.clock, ticker: time.ticker, logger });
  const events: EventsV1Event[] = [];
  broadcaster.startEventWatcher((e) => void events.push(e));
  const recorder = broadcaster.newRecorder(reportingController, reportingInstance === null ? {} : { reportingInstance });
  return { time, logger, broadcaster, events, recorder };
}

const hex = (iso: string) => (BigInt(Date.parse(iso)) * 1_000_000n).toString(16);

describe('EventsV1Recorder: building events (client-go tools/events makeEvent)', () => {
  it('builds the event: name, namespace, eventTime, reporter, regarding, related, no deprecated fields', () => {
    const { events, recorder } = rig();
    recorder.eventf(pod('web-0', 'prod'), node('node-1'), 'Normal', 'Scheduled', 'Binding', 'assigned %s to %s', 'prod/web-0', 'node-1');
    expect(events).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(events[0]))).toEqual({
      metadata: { name: `web-0.${hex('2026-11-24T10:00:00.123Z')}`, namespace: 'prod' },
      eventTime: '2026-11-24T10:00:00.123000Z',
      reportingController: 'example.com/ctrl',
      reportingInstance: 'ctrl-0',
      action: 'Binding',
      reason: 'Scheduled',
      regarding: { kind: 'Pod', apiVersion: 'v1', name: 'web-0', namespace: 'prod', uid: 'uid-web-0', resourceVersion: '1' },
      related: { kind: 'Node', apiVersion: 'v1', name: 'node-1', uid: 'uid-node-1', resourceVersion: '7' },
      note: 'assigned prod/web-0 to node-1',
      type: 'Normal',
    });
    expect(Object.keys(events[0]!).filter((k) => k.startsWith('deprecated') || k === 'series')).toEqual([]);
  });

  it('defaults reportingInstance to <controller>-<hostname>', () => {
    const { recorder } = rig('my-operator', null);
    expect(recorder.reportingController).toBe('my-operator');
    expect(recorder.reportingInstance).toBe(`my-operator-${hostname()}`);
    expect(recorder.api).toBe('events.k8s.io/v1');
  });

  it('accepts related as undefined or null (no related field)', () => {
    const { events, recorder } = rig();
    recorder.eventf(pod(), undefined, 'Normal', 'Synced', 'Sync', 'a');
    recorder.eventf(pod(), null, 'Normal', 'Synced', 'Sync', 'b');
    expect(events.map((e) => 'related' in e)).toEqual([false, false]);
  });

  it('drops a related object that cannot be referenced, and keeps the event (client-go logs it at V(9))', () => {
    const { events, recorder, logger, broadcaster } = rig();
    recorder.eventf(pod(), { metadata: { name: 'no-kind' } }, 'Normal', 'Synced', 'Sync', 'x');
    expect(events).toHaveLength(1);
    expect(events[0]).not.toHaveProperty('related');
    expect(logger.lines.map((l) => [l.level, l.message])).toEqual([['debug', 'Could not construct reference to related object, recording the event without it']]);
    expect(broadcaster.stats().dropped.invalid).toBe(0);
  });

  it('puts cluster-scoped regarding objects in the default namespace', () => {
    const { events, recorder } = rig();
    recorder.eventf(node('node-1'), undefined, 'Warning', 'NodeNotReady', 'Check', 'not ready');
    expect(events[0]?.metadata?.namespace).toBe('default');
    expect(events[0]?.regarding).not.toHaveProperty('namespace');
  });

  it('gives every event a unique name, even within one millisecond', () => {
    const { events, recorder } = rig();
    for (let i = 0; i < 3; i++) recorder.eventf(pod(), undefined, 'Normal', 'Synced', 'Sync', 'x');
    const base = BigInt(Date.parse('2026-11-24T10:00:00.123Z')) * 1_000_000n;
    expect(events.map((e) => e.metadata?.name)).toEqual([0n, 1n, 2n].map((n) => `web-0.${(base + n).toString(16)}`));
  });

  it('falls back to a UUID when <name>.<hex> is not a DNS subdomain', () => {
    const { events, recorder } = rig();
    recorder.eventf({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'Upper_Case', namespace: 'prod' } }, undefined, 'Normal', 'Synced', 'Sync', 'x');
    expect(events[0]?.metadata?.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('annotatedEventf puts a copy of the annotations on the metadata', () => {
    const { events, recorder } = rig();
    const annotations = { 'example.com/trace': 'abc' };
    recorder.annotatedEventf(pod(), undefined, annotations, 'Normal', 'Synced', 'Sync', 'n=%d', 3);
    annotations['example.com/trace'] = 'changed';
    expect(events[0]?.metadata?.annotations).toEqual({ 'example.com/trace': 'abc' });
    expect(events[0]?.note).toBe('n=3');
  });

  it('withLogger reports drops to the other logger and keeps the identity', () => {
    const { recorder, logger, broadcaster } = rig();
    const other = capturingLogger();
    const scoped = recorder.withLogger(other);
    expect([scoped.reportingController, scoped.reportingInstance]).toEqual(['example.com/ctrl', 'ctrl-0']);
    scoped.eventf(pod(), undefined, 'Bogus' as EventType, 'Synced', 'Sync', 'x');
    expect(other.lines.map((l) => l.message)).toEqual(['Unsupported event type, will not report event']);
    expect(logger.lines).toEqual([]);
    expect(broadcaster.stats().invalid).toEqual({ UnsupportedType: 1 });
  });
});

describe('EventsV1Recorder: server rules checked before sending (dropped as invalid, with a code)', () => {
  const long = (n: number) => 'A'.repeat(n);
  const cases: Array<[string, string, string, (r: ReturnType<typeof rig>['recorder']) => void]> = [
    ['a nil regarding object', 'InvalidObject', 'Could not construct reference, will not report event', (r) => r.eventf(null as unknown as EventSubject, undefined, 'Normal', 'R', 'A', 'x')],
    ['an object without apiVersion/kind', 'MissingTypeMeta', 'Could not construct reference, will not report event', (r) => r.eventf({ metadata: { name: 'x' } }, undefined, 'Normal', 'R', 'A', 'x')],
    ['an object without a name', 'MissingName', 'Could not construct reference, will not report event', (r) => r.eventf({ apiVersion: 'v1', kind: 'Pod', metadata: {} }, undefined, 'Normal', 'R', 'A', 'x')],
    ['an unsupported type', 'UnsupportedType', 'Unsupported event type, will not report event', (r) => r.eventf(pod(), undefined, 'Info' as EventType, 'R', 'A', 'x')],
    ['an empty reason', 'MissingReason', 'Invalid event, the API server would reject it: will not report event', (r) => r.eventf(pod(), undefined, 'Normal', '', 'A', 'x')],
    ['a reason of 129 bytes', 'ReasonTooLong', 'Invalid event, the API server would reject it: will not report event', (r) => r.eventf(pod(), undefined, 'Normal', long(129), 'A', 'x')],
    ['an empty action', 'MissingAction', 'Invalid event, the API server would reject it: will not report event', (r) => r.eventf(pod(), undefined, 'Normal', 'R', '', 'x')],
    ['an action of 129 bytes', 'ActionTooLong', 'Invalid event, the API server would reject it: will not report event', (r) => r.eventf(pod(), undefined, 'Normal', 'R', long(129), 'x')],
    ['an action of 65 two-byte characters (130 bytes)', 'ActionTooLong', 'Invalid event, the API server would reject it: will not report event', (r) => r.eventf(pod(), undefined, 'Normal', 'R', 'é'.repeat(65), 'x')],
  ];

  it.each(cases)('drops %s with code %s', (_what, code, message, emit) => {
    const { events, recorder, logger, broadcaster } = rig();
    expect(() => emit(recorder)).not.toThrow();
    expect(events).toEqual([]);
    const stats = broadcaster.stats();
    expect(stats.dropped.invalid).toBe(1);
    expect(stats.invalid).toEqual({ [code]: 1 });
    expect(stats.accepted).toBe(0);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({ level: 'warn', message, fields: { code, cause: 'invalid' } });
  });

  it('accepts reason and action of exactly 128 bytes', () => {
    const { events, recorder } = rig();
    recorder.eventf(pod(), undefined, 'Normal', long(128), long(128), 'x');
    expect(events).toHaveLength(1);
  });

  it('drops every event of a recorder whose reportingInstance is longer than 128 bytes (InvalidReportingInstance)', () => {
    const { events, recorder, broadcaster, logger } = rig('ctrl', 'i'.repeat(129));
    recorder.eventf(pod(), undefined, 'Normal', 'R', 'A', 'x');
    recorder.eventf(pod(), undefined, 'Normal', 'R', 'A', 'y');
    expect(events).toEqual([]);
    expect(broadcaster.stats().invalid).toEqual({ InvalidReportingInstance: 2 });
    expect(logger.lines[0]).toMatchObject({ level: 'warn', message: 'Invalid reporter, will not report event', fields: { code: 'InvalidReportingInstance' } });
  });

  it('accepts a reportingInstance of exactly 128 bytes', () => {
    const { events, recorder } = rig('ctrl', 'i'.repeat(128));
    recorder.eventf(pod(), undefined, 'Normal', 'R', 'A', 'x');
    expect(events).toHaveLength(1);
  });

  it.each(['', 'has space', 'a/b/c', '-leading', 'Example.com/ctrl'])('drops every event of a recorder whose reportingController %j is not a qualified name', (controller) => {
    const { events, recorder, broadcaster } = rig(controller, 'i-0');
    recorder.eventf(pod(), undefined, 'Normal', 'R', 'A', 'x');
    expect(events).toEqual([]);
    expect(broadcaster.stats().invalid).toEqual({ InvalidReportingController: 1 });
  });

  it('truncates a note longer than 1024 bytes to 1024, ending in " ..." (as the scheduler), and counts it', () => {
    const { events, recorder, broadcaster, logger } = rig();
    recorder.eventf(pod(), undefined, 'Warning', 'FailedScheduling', 'Scheduling', '%s', 'x'.repeat(2000));
    const note = events[0]?.note ?? '';
    expect(note).toHaveLength(1024);
    expect(note).toBe(`${'x'.repeat(1020)} ...`);
    expect(broadcaster.stats().notesTruncated).toBe(1);
    expect(broadcaster.stats().dropped.invalid).toBe(0);
    expect(logger.lines).toEqual([{ level: 'debug', message: 'Event note truncated to 1024 bytes', fields: { object: 'web-0', reason: 'FailedScheduling', limit: 1024 } }]);
  });

  it('keeps a note of exactly 1024 bytes', () => {
    const { events, recorder, broadcaster } = rig();
    recorder.eventf(pod(), undefined, 'Normal', 'R', 'A', 'y'.repeat(1024));
    expect(events[0]?.note).toBe('y'.repeat(1024));
    expect(broadcaster.stats().notesTruncated).toBe(0);
  });

  it('never cuts a multi-byte character when truncating (the note stays valid UTF-8, at most 1024 bytes)', () => {
    const { events, recorder } = rig();
    recorder.eventf(pod(), undefined, 'Normal', 'R', 'A', '€'.repeat(400)); // 1200 bytes
    const note = events[0]?.note ?? '';
    expect(note).toBe(`${'€'.repeat(340)} ...`);
    expect(Buffer.byteLength(note)).toBe(1024);
  });

  it('drops events recorded after shutdown (afterShutdown), without throwing', async () => {
    const { recorder, broadcaster, logger } = rig();
    await broadcaster.shutdown();
    expect(() => recorder.eventf(pod(), undefined, 'Normal', 'R', 'A', 'x')).not.toThrow();
    expect(broadcaster.stats().dropped.afterShutdown).toBe(1);
    expect(logger.lines.at(-1)).toMatchObject({ level: 'warn', message: 'Unable to record event (will not retry!): broadcaster is shut down' });
  });
});
