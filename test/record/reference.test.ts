// getReference and what the recorders of both APIs do with each kind of reference: an explicit
// V1ObjectReference is taken as given (client-go's GetReference), refused only where the API server would refuse.
import { describe, expect, it } from 'vitest';
import type { CoreV1Event } from '@kubernetes/client-node';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import type { EventsV1Event } from '../../src/events/types.js';
import type { InvalidEventError } from '../../src/shared/errors.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { getReference } from '../../src/shared/reference.js';
import type { EventSubject } from '../../src/shared/types.js';
import { ScriptedEventsSink } from '../events/support/events-sink.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function thrown(f: () => unknown): { name: string; code: string; message: string } | undefined {
  try {
    f();
    return undefined;
  } catch (err) {
    const e = err as InvalidEventError;
    return { name: e.name, code: e.code, message: e.message };
  }
}

describe('getReference: an explicit V1ObjectReference is taken as given', () => {
  it('returns {} for {} (client-go accepts an empty ObjectReference; so does the API server)', () => {
    expect(getReference({})).toEqual({});
  });

  it('keeps a reference without apiVersion, without kind or without name as it is', () => {
    expect(getReference({ kind: 'Pod', name: 'web-0', namespace: 'prod' })).toEqual({ kind: 'Pod', name: 'web-0', namespace: 'prod' });
    expect(getReference({ apiVersion: 'v1', name: 'web-0' })).toEqual({ apiVersion: 'v1', name: 'web-0' });
    expect(getReference({ apiVersion: 'v1', kind: 'Pod', namespace: 'prod' })).toEqual({ apiVersion: 'v1', kind: 'Pod', namespace: 'prod' });
  });

  it('copies the seven fields only, leaves empty ones out, ignores any other field', () => {
    const ref = { kind: 'Pod', namespace: 'prod', name: 'web-0', uid: 'u1', apiVersion: 'v1', resourceVersion: '7', fieldPath: 'spec.containers{web}', extra: 1 };
    const out = getReference(ref);
    expect(out).toEqual({ kind: 'Pod', namespace: 'prod', name: 'web-0', uid: 'u1', apiVersion: 'v1', resourceVersion: '7', fieldPath: 'spec.containers{web}' });
    expect(out).not.toBe(ref);
    expect(getReference({ kind: 'Node', name: 'n1', namespace: '', uid: null })).toEqual({ kind: 'Node', name: 'n1' });
  });

  it('refuses a field that is not a string, and a namespace that is not a DNS-1123 label (the server would reject both)', () => {
    expect(thrown(() => getReference({ kind: 'Pod', name: 42 }))).toEqual({
      name: 'InvalidEventError',
      code: 'InvalidReference',
      message: 'reference field name is a number: every field of a V1ObjectReference is a string',
    });
    expect(thrown(() => getReference({ kind: 'Pod', name: 'x', namespace: 'Prod_1' }))).toEqual({
      name: 'InvalidEventError',
      code: 'InvalidReference',
      message: 'reference namespace "Prod_1" is not a namespace name (a DNS-1123 label): the API server would reject the event',
    });
    expect(thrown(() => getReference({ kind: 'Pod', name: 'x', namespace: 'a'.repeat(64) }))?.code).toBe('InvalidReference');
    expect(getReference({ kind: 'Pod', name: 'x', namespace: 'a'.repeat(63) }).namespace).toBe('a'.repeat(63));
  });

  it('still needs apiVersion, kind and metadata.name on a Kubernetes object (no scheme to look them up)', () => {
    expect(thrown(() => getReference({ metadata: { name: 'web-0' } }))?.code).toBe('MissingTypeMeta');
    expect(thrown(() => getReference({ apiVersion: 'v1', metadata: { name: 'web-0' } }))?.code).toBe('MissingTypeMeta');
    expect(thrown(() => getReference({ apiVersion: 'v1', kind: 'Pod', metadata: {} }))?.code).toBe('MissingName');
    expect(thrown(() => getReference({ apiVersion: 'v1', kind: 'Pod', metadata: null }))?.code).toBe('InvalidObject');
    expect(thrown(() => getReference(null))).toEqual({
      name: 'InvalidEventError',
      code: 'InvalidObject',
      message: "can't reference a null object: pass a Kubernetes object or a V1ObjectReference",
    });
    expect(thrown(() => getReference([]))?.message).toBe("can't reference an array: pass a Kubernetes object or a V1ObjectReference");
  });

  // client-go tools/reference ref_test.go TestGetReferenceRefVersion: the apiVersion is the object's
  // group/version (client-go takes it from the scheme; here it is on the object); selfLink plays no part.
  for (const [label, apiVersion] of [
    ['v1 GV', 'v1'],
    ['foo.group/v3 GV', 'foo.group/v3'],
  ] as const) {
    it(`ref_test TestGetReferenceRefVersion: ${label}`, () => {
      const ref = getReference({ apiVersion, kind: 'TestRuntimeObj', metadata: { name: 'o', selfLink: '/bad-selflink/unused' } });
      expect(ref).toEqual({ apiVersion, kind: 'TestRuntimeObj', name: 'o' });
    });
  }
});

function coreRig() {
  const logger = capturingLogger();
  const broadcaster = new EventBroadcaster({ clock: new ManualClock('2026-11-24T10:00:00.123Z'), logger });
  const events: CoreV1Event[] = [];
  broadcaster.startEventWatcher((e) => void events.push(e));
  return { logger, broadcaster, events, recorder: broadcaster.newRecorder({ component: 'ctrl' }) };
}

function eventsRig() {
  const logger = capturingLogger();
  const broadcaster = new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), clock: new ManualClock('2026-11-24T10:00:00.123Z'), logger });
  const events: EventsV1Event[] = [];
  broadcaster.startEventWatcher((e) => void events.push(e));
  return { logger, broadcaster, events, recorder: broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' }) };
}

describe('both recorders record an explicit reference as given', () => {
  /** The last column: the event name's prefix, or 'uuid' when the name is a UUID. */
  const cases: Array<[string, EventSubject, Record<string, string>, string, string]> = [
    ['{}', {}, {}, 'default', 'uuid'],
    ['a reference without apiVersion', { kind: 'Pod', name: 'web-0', namespace: 'prod' }, { kind: 'Pod', name: 'web-0', namespace: 'prod' }, 'prod', 'web-0.'],
    ['a reference without kind', { apiVersion: 'v1', name: 'web-0', namespace: 'prod' }, { apiVersion: 'v1', name: 'web-0', namespace: 'prod' }, 'prod', 'web-0.'],
    ['a reference without name', { apiVersion: 'v1', kind: 'Pod', namespace: 'prod' }, { apiVersion: 'v1', kind: 'Pod', namespace: 'prod' }, 'prod', 'uuid'],
    ['a namespaced reference', { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'prod', uid: 'u1' }, { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'prod', uid: 'u1' }, 'prod', 'web-0.'],
    ['a cluster-scoped reference', { apiVersion: 'v1', kind: 'Node', name: 'node-1' }, { apiVersion: 'v1', kind: 'Node', name: 'node-1' }, 'default', 'node-1.'],
  ];
  for (const [label, subject, ref, namespace, name] of cases) {
    it(`core/v1: ${label} → involvedObject as given, event in ${namespace}`, () => {
      const { events, recorder, broadcaster, logger } = coreRig();
      recorder.event(subject, 'Normal', 'Pulled', 'ok');
      expect(events).toHaveLength(1);
      expect(events[0]?.involvedObject).toEqual(ref);
      expect(events[0]?.metadata.namespace).toBe(namespace);
      if (name === 'uuid') expect(events[0]?.metadata.name).toMatch(UUID);
      else expect(events[0]?.metadata.name).toBe(`${name}18eaf2d5786e14c0`);
      expect(broadcaster.stats().dropped.invalid).toBe(0);
      expect(logger.lines).toEqual([]);
    });
    it(`events.k8s.io/v1: ${label} → regarding as given, event in ${namespace}`, () => {
      const { events, recorder, broadcaster } = eventsRig();
      recorder.eventf(subject, undefined, 'Normal', 'Pulled', 'Pull', 'ok');
      expect(events).toHaveLength(1);
      expect(events[0]?.regarding).toEqual(ref);
      expect(events[0]?.metadata?.namespace).toBe(namespace);
      if (name === 'uuid') expect(events[0]?.metadata?.name).toMatch(UUID);
      else expect(events[0]?.metadata?.name).toBe(`${name}18eaf2d5786e14c0`);
      expect(broadcaster.stats().dropped.invalid).toBe(0);
    });
  }

  it('drops a reference the server would refuse, with code InvalidReference, on both APIs', () => {
    const core = coreRig();
    core.recorder.event({ kind: 'Pod', name: 'x', namespace: 'Not Valid' }, 'Normal', 'R', 'm');
    expect(core.broadcaster.stats().dropped.invalid).toBe(1);
    expect(core.logger.lines.map((l) => [l.message, l.fields?.['code']])).toEqual([['Could not construct reference, will not report event', 'InvalidReference']]);
    const v1 = eventsRig();
    v1.recorder.eventf({ kind: 'Pod', name: 7 } as never, undefined, 'Normal', 'R', 'A', 'm');
    expect(v1.broadcaster.stats().invalid).toEqual({ InvalidReference: 1 });
  });
});
