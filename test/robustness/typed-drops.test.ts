// Every event the recorders cannot build is a typed drop: counted under a real code in stats and logged
// with it, on both APIs — throwing getters and Proxy traps included — and annotations are checked at annotatedEventf.
import { describe, expect, it } from 'vitest';
import type { CoreV1Event } from '@kubernetes/client-node';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import type { EventsV1Event } from '../../src/events/types.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { ScriptedEventsSink } from '../events/support/events-sink.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'prod' } };

function coreRig() {
  const logger = capturingLogger();
  const broadcaster = new EventBroadcaster({ clock: new ManualClock(), logger });
  const events: CoreV1Event[] = [];
  broadcaster.startEventWatcher((e) => void events.push(e));
  return { logger, broadcaster, events, recorder: broadcaster.newRecorder({ component: 'ctrl' }) };
}

function eventsRig() {
  const logger = capturingLogger();
  const broadcaster = new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), clock: new ManualClock(), logger });
  const events: EventsV1Event[] = [];
  broadcaster.startEventWatcher((e) => void events.push(e));
  return { logger, broadcaster, events, recorder: broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' }) };
}

const boom = (): never => {
  throw new Error('boom');
};

function throwingTrap(trap: 'get' | 'has' | 'ownKeys' | 'getOwnPropertyDescriptor'): object {
  return new Proxy({ ...pod }, { [trap]: boom });
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({ ...pod }, {});
  revoke();
  return proxy;
}

// [label, regarding, code or undefined when the event is recorded]
const regardingCases: Array<[string, () => unknown, string | undefined]> = [
  ['an object whose metadata getter throws', () => ({ apiVersion: 'v1', kind: 'Pod', get metadata() { return boom(); } }), 'UnreadableObject'],
  ['an object whose metadata.name getter throws', () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { get name() { return boom(); } } }), 'UnreadableObject'],
  ['a Proxy whose get trap throws', () => throwingTrap('get'), 'UnreadableObject'],
  ['a revoked Proxy', revoked, 'UnreadableObject'],
  // getReference reads properties only: traps it never runs cannot fail the event.
  ['a Proxy whose has trap throws', () => throwingTrap('has'), undefined],
  ['a Proxy whose ownKeys trap throws', () => throwingTrap('ownKeys'), undefined],
  ['a Proxy whose getOwnPropertyDescriptor trap throws', () => throwingTrap('getOwnPropertyDescriptor'), undefined],
];

describe('typed drops: an unreadable regarding object', () => {
  for (const [label, regarding, code] of regardingCases) {
    it(`core/v1: ${label} → ${code ?? 'recorded'}`, () => {
      const { recorder, broadcaster, events, logger } = coreRig();
      expect(() => recorder.eventf(regarding() as never, 'Normal', 'Synced', 'n=%d', 1)).not.toThrow();
      if (code === undefined) {
        expect(events.map((e) => e.involvedObject)).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'prod' }]);
        expect(broadcaster.stats().dropped.invalid).toBe(0);
        return;
      }
      expect(events).toEqual([]);
      expect(broadcaster.stats().dropped.invalid).toBe(1);
      expect(logger.lines).toEqual([
        {
          level: 'warn',
          message: 'Could not construct reference, will not report event',
          fields: {
            code,
            error: label === 'a revoked Proxy' ? (expect.stringMatching(/^can't read the object the event is about: .*revoked/) as string) : "can't read the object the event is about: boom",
            reason: 'Synced',
            type: 'Normal',
            cause: 'invalid',
          },
        },
      ]);
    });
    it(`events.k8s.io/v1: ${label} → ${code ?? 'recorded'}`, () => {
      const { recorder, broadcaster, events } = eventsRig();
      expect(() => recorder.eventf(regarding() as never, undefined, 'Normal', 'Synced', 'Sync', 'n=%d', 1)).not.toThrow();
      if (code === undefined) {
        expect(events.map((e) => e.regarding)).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'prod' }]);
        expect(broadcaster.stats().invalid).toEqual({});
        return;
      }
      expect(events).toEqual([]);
      expect(broadcaster.stats().dropped.invalid).toBe(1);
      expect(broadcaster.stats().invalid).toEqual({ [code]: 1 });
    });
  }

  it('no drop is ever counted under "undefined": ten bad inputs give ten coded drops', () => {
    const { recorder, broadcaster } = eventsRig();
    for (const [, regarding, code] of regardingCases) if (code) recorder.eventf(regarding() as never, undefined, 'Normal', 'R', 'A', 'x');
    recorder.eventf(null as never, undefined, 'Normal', 'R', 'A', 'x');
    recorder.eventf(pod, undefined, 'Critical' as never, 'R', 'A', 'x');
    recorder.eventf(pod, undefined, 'Normal', '', 'A', 'x');
    recorder.annotatedEventf(pod, undefined, { a: 1 } as never, 'Normal', 'R', 'A', 'x');
    expect(broadcaster.stats().invalid).toEqual({ UnreadableObject: 4, InvalidObject: 1, UnsupportedType: 1, MissingReason: 1, InvalidAnnotations: 1 });
    expect(broadcaster.stats().dropped.invalid).toBe(8);
  });

  it('core/v1: a reason or format that is not a string is dropped with InvalidReason / InvalidMessage', () => {
    const { recorder, broadcaster, logger } = coreRig();
    recorder.eventf(pod, 'Normal', 42 as never, 'x');
    recorder.event(pod, 'Normal', 'R', { toString: boom } as never);
    expect(broadcaster.stats().dropped.invalid).toBe(2);
    expect(logger.lines[0]?.fields).toEqual({
      code: 'InvalidReason',
      error: 'reason is a number: it must be a string',
      object: 'web-0',
      reason: 42,
      cause: 'invalid',
    });
  });

  it('events.k8s.io/v1: a note whose toString throws is recorded as %!(BADFORMAT), as sprintf formats it', () => {
    const { recorder, events } = eventsRig();
    recorder.eventf(pod, undefined, 'Normal', 'R', 'A', { toString: boom } as never);
    expect(events.map((e) => e.note)).toEqual(['%!(BADFORMAT)']);
  });
});

const cyclic: Record<string, unknown> = {};
cyclic['self'] = cyclic;

// [label, annotations, error message]
const annotationCases: Array<[string, () => unknown, string]> = [
  ['a number value', () => ({ 'example.com/n': 1 }), 'annotation "example.com/n" is a number: annotation values are strings'],
  ['a BigInt value', () => ({ 'example.com/n': 10n }), 'annotation "example.com/n" is a bigint: annotation values are strings'],
  ['an object value', () => ({ 'example.com/o': { a: 'b' } }), 'annotation "example.com/o" is an object: annotation values are strings'],
  ['a cyclic object value', () => ({ 'example.com/c': cyclic }), 'annotation "example.com/c" is an object: annotation values are strings'],
  ['a null value', () => ({ 'example.com/z': null }), 'annotation "example.com/z" is null: annotation values are strings'],
  ['a Symbol value', () => ({ 'example.com/s': Symbol('s') }), 'annotation "example.com/s" is a symbol: annotation values are strings'],
  ['a Symbol key', () => ({ [Symbol('k')]: 'v' }), 'annotation key Symbol(k) is a symbol: annotation keys and values are strings'],
  ['an array', () => ['a'], 'annotations are an array: pass an object of string keys and string values'],
  ['a Map', () => new Map([['a', 'b']]), 'annotations are a Map: pass an object of string keys and string values'],
  ['a string', () => 'a=b', 'annotations are a string: pass an object of string keys and string values'],
  ['a throwing getter', () => ({ get a() { return boom(); } }), "can't read the annotations: boom"],
  ['a Proxy whose ownKeys trap throws', () => new Proxy({ a: 'b' }, { ownKeys: boom }), "can't read the annotations: boom"],
  ['a Proxy whose getOwnPropertyDescriptor trap throws', () => new Proxy({ a: 'b' }, { getOwnPropertyDescriptor: boom }), "can't read the annotations: boom"],
];

describe('annotations are checked at annotatedEventf: string keys and string values, else an InvalidAnnotations drop', () => {
  for (const [label, annotations, error] of annotationCases) {
    it(`core/v1: ${label}`, () => {
      const { recorder, broadcaster, events, logger } = coreRig();
      recorder.annotatedEventf(pod, annotations() as never, 'Normal', 'Synced', 'ok');
      expect(events).toEqual([]);
      expect(broadcaster.stats().dropped.invalid).toBe(1);
      expect(logger.lines).toEqual([
        { level: 'warn', message: 'Invalid annotations, will not report event', fields: { code: 'InvalidAnnotations', error, object: 'web-0', reason: 'Synced', cause: 'invalid' } },
      ]);
    });
    it(`events.k8s.io/v1: ${label}`, () => {
      const { recorder, broadcaster, events } = eventsRig();
      recorder.annotatedEventf(pod, undefined, annotations() as never, 'Normal', 'Synced', 'Sync', 'ok');
      expect(events).toEqual([]);
      expect(broadcaster.stats().invalid).toEqual({ InvalidAnnotations: 1 });
    });
  }

  it('records string annotations (a copy), and none for undefined or null', () => {
    const { recorder, events, broadcaster } = coreRig();
    const a = { 'example.com/a': 'x', __proto__: 'p' } as unknown as Record<string, string>;
    recorder.annotatedEventf(pod, a, 'Normal', 'R', 'm');
    recorder.annotatedEventf(pod, undefined as never, 'Normal', 'R', 'm');
    recorder.annotatedEventf(pod, null as never, 'Normal', 'R', 'm');
    expect(events.map((e) => e.metadata.annotations)).toEqual([{ 'example.com/a': 'x' }, undefined, undefined]);
    expect(broadcaster.stats().dropped.invalid).toBe(0);
  });

  it("keeps an own '__proto__' annotation as an annotation", () => {
    const { recorder, events } = coreRig();
    recorder.annotatedEventf(pod, JSON.parse('{"__proto__":"x"}') as Record<string, string>, 'Normal', 'R', 'm');
    expect(JSON.stringify(events[0]?.metadata.annotations)).toBe('{"__proto__":"x"}');
  });

  it('refuses annotations larger than the API server allows (256 KiB)', () => {
    const { recorder, broadcaster } = eventsRig();
    recorder.annotatedEventf(pod, undefined, { a: 'x'.repeat(256 * 1024) }, 'Normal', 'R', 'A', 'm');
    recorder.annotatedEventf(pod, undefined, { a: 'x'.repeat(256 * 1024 - 1) }, 'Normal', 'R', 'A', 'm');
    expect(broadcaster.stats().invalid).toEqual({ InvalidAnnotations: 1 });
    expect(broadcaster.stats().accepted).toBe(1);
  });

  it('counts the size in UTF-8 bytes, as the API server does', () => {
    const { recorder, broadcaster } = eventsRig();
    // 'é' is 2 bytes: 1 + 2 × 131 072 bytes is over the limit, 1 + 2 × 131 071 within it.
    recorder.annotatedEventf(pod, undefined, { a: 'é'.repeat(128 * 1024) }, 'Normal', 'R', 'A', 'm');
    recorder.annotatedEventf(pod, undefined, { a: 'é'.repeat(128 * 1024 - 1) }, 'Normal', 'R', 'A', 'm');
    expect(broadcaster.stats().invalid).toEqual({ InvalidAnnotations: 1 });
    expect(broadcaster.stats().accepted).toBe(1);
  });

  it('ignores non-enumerable keys, symbols included, as JSON would', () => {
    const { recorder, events } = coreRig();
    const a: Record<string, string> = { 'example.com/a': 'x' };
    Object.defineProperty(a, 'hidden', { value: 1, enumerable: false });
    Object.defineProperty(a, Symbol('hidden'), { value: 'v', enumerable: false });
    recorder.annotatedEventf(pod, a, 'Normal', 'R', 'm');
    expect(events.map((e) => e.metadata.annotations)).toEqual([{ 'example.com/a': 'x' }]);
  });
});
