// eventf's cost is bounded: core/v1 messages are cut at MESSAGE_LENGTH_LIMIT (1024 bytes, ' ...' at the end)
// and formatting stops once that much text exists, whatever the operands; events.k8s.io notes likewise.
import { describe, expect, it } from 'vitest';
import type { CoreV1Event } from '@kubernetes/client-node';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import type { EventsV1Event } from '../../src/events/types.js';
import { sprintf } from '../../src/format/sprintf.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { formatMessage } from '../../src/record/format-message.js';
import { MESSAGE_LENGTH_LIMIT, MESSAGE_TRUNCATION_SUFFIX, truncateText } from '../../src/shared/message-limit.js';
import { ScriptedEventsSink } from '../events/support/events-sink.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';
import { pod } from '../support/objects.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const TEN_MB = 10 * 1024 * 1024;

function coreRig() {
  const broadcaster = new EventBroadcaster({ clock: new ManualClock(), logger: capturingLogger() });
  const events: CoreV1Event[] = [];
  broadcaster.startEventWatcher((e) => void events.push(e));
  return { events, recorder: broadcaster.newRecorder({ component: 'ctrl' }) };
}

describe('MESSAGE_LENGTH_LIMIT: core/v1 messages are cut at 1024 bytes', () => {
  it('is 1024 bytes with a " ..." suffix (the API server\'s NoteLengthLimit, kube-scheduler\'s suffix)', () => {
    expect(MESSAGE_LENGTH_LIMIT).toBe(1024);
    expect(MESSAGE_TRUNCATION_SUFFIX).toBe(' ...');
  });

  it('eventf with a 10 MB message records its first 1020 bytes and " ..." (1024 in all)', () => {
    const { events, recorder } = coreRig();
    recorder.eventf(pod(), 'Normal', 'Big', 'x'.repeat(TEN_MB));
    expect(events[0]?.message).toBe(`${'x'.repeat(1020)} ...`);
    expect(events[0]?.message?.length).toBe(1024);
  });

  it('event (verbatim message) is cut the same way', () => {
    const { events, recorder } = coreRig();
    recorder.event(pod(), 'Normal', 'Big', `${'y'.repeat(2000)}%s`);
    expect(events[0]?.message).toBe(`${'y'.repeat(1020)} ...`);
  });

  it('keeps a message of exactly 1024 bytes, cuts one of 1025', () => {
    const { events, recorder } = coreRig();
    recorder.event(pod(), 'Normal', 'R', 'z'.repeat(1024));
    recorder.event(pod(), 'Normal', 'R', 'z'.repeat(1025));
    expect(events.map((e) => e.message?.length)).toEqual([1024, 1024]);
    expect(events[1]?.message?.endsWith('z ...')).toBe(true);
  });

  it('counts UTF-8 bytes and never cuts a character in half', () => {
    const { events, recorder } = coreRig();
    recorder.eventf(pod(), 'Normal', 'R', '%s', 'é'.repeat(600)); // 1200 bytes
    recorder.eventf(pod(), 'Normal', 'R', '%s', '😀'.repeat(300)); // 1200 bytes, surrogate pairs
    recorder.eventf(pod(), 'Normal', 'R', '%s', `a${'€'.repeat(400)}`); // 1201 bytes: 3-byte characters
    expect(events[0]?.message).toBe(`${'é'.repeat(510)} ...`);
    expect(bytes(events[0]?.message ?? '')).toBe(1024);
    expect(events[1]?.message).toBe(`${'😀'.repeat(255)} ...`);
    expect(bytes(events[1]?.message ?? '')).toBe(1024);
    expect(events[2]?.message).toBe(`a${'€'.repeat(339)} ...`);
    expect(bytes(events[2]?.message ?? '')).toBe(1022);
  });
});

describe('formatting stops at the limit: what is kept is exactly sprintf\'s', () => {
  const big = 'x'.repeat(TEN_MB);
  const array = Array.from({ length: 1_000_000 }, (_, i) => i);
  const cases: Array<[string, string, unknown[], string]> = [
    ['%s of a 10 MB string', 'got %s', [big], `got ${'x'.repeat(1016)} ...`],
    ['%q of a 10 MB string', '%q', [big], `"${'x'.repeat(1019)} ...`],
    ['%x of a 10 MB string', '%x', [big], `${'78'.repeat(510)} ...`],
    ['%v of a million-element array', '%v', [array], `${sprintf('%v', array.slice(0, 400)).slice(0, 1020)} ...`],
    ['%d of a million-element array', '%d', [array], `${sprintf('%d', array.slice(0, 400)).slice(0, 1020)} ...`],
    ['%#v of a million-element array', '%#v', [array], `${sprintf('%#v', array.slice(0, 400)).slice(0, 1020)} ...`],
    ['%v of a million-entry Map', '%v', [new Map(array.map((i) => [i, i]))], `${sprintf('%v', new Map(array.slice(0, 400).map((i) => [i, i]))).slice(0, 1020)} ...`],
    ['%v of a million-element Set', '%v', [new Set(array)], `${sprintf('%v', new Set(array.slice(0, 400))).slice(0, 1020)} ...`],
    ['%1000000d', '%1000000d', [7], `${' '.repeat(1020)} ...`],
    ['%-1000000s', '%-1000000s', ['a'], `a${' '.repeat(1019)} ...`],
    ['%010000d', '%010000d', [7], `${'0'.repeat(1020)} ...`],
    ['%1000000000d (Go: width overflow)', '%1000000000d', [7], sprintf('%1000000000d', 7)],
    ['a 10 MB format with a verb at the end', `${'f'.repeat(TEN_MB)}%d`, [1], `${'f'.repeat(1020)} ...`],
    ['many operands after the limit: no EXTRA report', '%s', ['x'.repeat(2000), 1, 2, 3], `${'x'.repeat(1020)} ...`],
  ];
  for (const [label, format, args, expected] of cases) {
    it(label, () => {
      expect(formatMessage(format, args)).toBe(expected);
    });
  }

  it('equals truncateText(sprintf(...)) for operands of ordinary size', () => {
    const operands: unknown[] = [{ b: 2, a: [1, 2, 3] }, new Map([['k', new Set([1])]]), 'é'.repeat(700), new Error('boom'), 1.5, 10n];
    for (const verb of ['%v', '%+v', '%#v', '%s', '%q', '%x', '%T', '%d']) {
      const format = `${verb} ${verb} ${verb} ${verb} ${verb} ${verb}`;
      expect(formatMessage(format, operands)).toBe(truncateText(sprintf(format, ...operands)));
    }
  });
});

describe('events.k8s.io/v1 notes: the same bound', () => {
  it('a 10 MB note and a 10 MB %s operand are cut to 1024 bytes, each counted in notesTruncated', () => {
    const broadcaster = new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), clock: new ManualClock(), logger: capturingLogger() });
    const events: EventsV1Event[] = [];
    broadcaster.startEventWatcher((e) => void events.push(e));
    const recorder = broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' });
    recorder.eventf(pod(), undefined, 'Normal', 'R', 'A', 'n'.repeat(TEN_MB));
    recorder.eventf(pod(), undefined, 'Normal', 'R', 'A', 'note: %s', 'n'.repeat(TEN_MB));
    expect(events.map((e) => e.note)).toEqual([`${'n'.repeat(1020)} ...`, `note: ${'n'.repeat(1014)} ...`]);
    expect(broadcaster.stats().notesTruncated).toBe(2);
  });

  it('a 10 MB reason is dropped as ReasonTooLong without measuring all of it', () => {
    const broadcaster = new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), clock: new ManualClock(), logger: capturingLogger() });
    broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' }).eventf(pod(), undefined, 'Normal', 'R'.repeat(TEN_MB), 'A', 'x');
    expect(broadcaster.stats().invalid).toEqual({ ReasonTooLong: 1 });
  });
});

describe('huge precisions are capped without changing what shows', () => {
  for (const [format, arg] of [
    ['%.1000000f', 1.5],
    ['%.1000000f', 2 ** -1074],
    ['%.1000000e', 0.1],
    ['%.1000000d', 7],
    ['%.1000000s', 'é'.repeat(5000)],
    ['%.1000000x', 'x'.repeat(5000)],
  ] as const) {
    it(`${format} of ${typeof arg === 'string' ? `a ${arg.length}-character string` : arg}`, () => {
      expect(formatMessage(format, [arg])).toBe(truncateText(sprintf(format, arg)));
    });
  }
});
