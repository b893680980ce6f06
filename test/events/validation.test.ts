// Server limits, MicroTime formatting and the series key as pure functions.
import { describe, expect, it } from 'vitest';
import { formatMicroTime, toMicroTime } from '../../src/events/micro-time.js';
import { seriesKey } from '../../src/events/series-key.js';
import type { EventsV1Event } from '../../src/events/types.js';
import { byteLength, isQualifiedName, truncateNote } from '../../src/events/validation.js';

describe('server limits', () => {
  it('measures lengths in UTF-8 bytes, as the server (Go len)', () => {
    expect([byteLength('abc'), byteLength('é'), byteLength('€'), byteLength('😀')]).toEqual([3, 2, 3, 4]);
  });

  it('truncates notes as kube-scheduler: 1020 bytes + " ..."', () => {
    expect(truncateNote('a'.repeat(1025))).toBe(`${'a'.repeat(1020)} ...`);
    expect(truncateNote('a'.repeat(1024))).toBe('a'.repeat(1024));
    expect(truncateNote(`${'a'.repeat(1019)}😀tail`)).toBe(`${'a'.repeat(1019)} ...`); // the emoji would cross 1020 bytes
  });

  it.each([
    ['my-operator', true],
    ['example.com/my-operator', true],
    ['My.Operator_1', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['', false],
    ['/name', false],
    ['Example.com/name', false],
    ['a/b/c', false],
    ['name-', false],
  ])('isQualifiedName(%j) is %s', (value, ok) => {
    expect(isQualifiedName(value)).toBe(ok);
  });
});

describe('MicroTime', () => {
  it('formats 6 fractional digits, from a Date or a V1MicroTime', () => {
    const d = new Date('2026-11-24T10:00:00.123Z');
    expect(formatMicroTime(d)).toBe('2026-11-24T10:00:00.123000Z');
    expect(formatMicroTime(toMicroTime(d))).toBe('2026-11-24T10:00:00.123000Z');
    expect(JSON.stringify({ t: toMicroTime(d) })).toBe('{"t":"2026-11-24T10:00:00.123000Z"}');
  });
});

describe('seriesKey', () => {
  const base: EventsV1Event = {
    eventTime: toMicroTime(new Date(0)),
    type: 'Normal',
    action: 'A',
    reason: 'R',
    reportingController: 'c',
    reportingInstance: 'i',
    regarding: { kind: 'Pod', namespace: 'n', name: 'p', uid: 'u', apiVersion: 'v1', resourceVersion: '1' },
    note: 'x',
  };
  const key = (e: Partial<EventsV1Event>, includeResourceVersion = false) => seriesKey({ ...base, ...e }, { includeResourceVersion });

  it('ignores note, annotations, name and eventTime', () => {
    expect(key({ note: 'y', metadata: { name: 'other', annotations: { a: 'b' } }, eventTime: toMicroTime(new Date(5)) })).toBe(key({}));
  });

  it('ignores resourceVersion unless asked to include it', () => {
    const moved = { regarding: { ...base.regarding, resourceVersion: '2' } };
    expect(key(moved)).toBe(key({}));
    expect(key(moved, true)).not.toBe(key({}, true));
  });

  it('cannot be fooled by adjacent fields that concatenate alike (unlike core/v1 keys)', () => {
    expect(key({ action: 'AB', reason: 'C' })).not.toBe(key({ action: 'A', reason: 'BC' }));
  });

  it('includes fieldPath and related', () => {
    expect(key({ regarding: { ...base.regarding, fieldPath: 'spec.containers{web}' } })).not.toBe(key({}));
    expect(key({ related: { kind: 'Node', name: 'n1', apiVersion: 'v1' } })).not.toBe(key({}));
  });
});
