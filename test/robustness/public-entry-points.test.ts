// Every public entry point, called with what a plain-JavaScript caller can pass (undefined, null, numbers,
// strings, Symbols, BigInts, objects whose getters throw, Proxies whose traps throw): each either throws its
// documented typed error (name + code) or records / drops the event (counted, logged) — never a TypeError
// from inside, never an unhandled rejection.
import { describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { createEventRecorder } from '../../src/unified/create-event-recorder.js';
import { CoreV1EventRecorderAdapter } from '../../src/unified/core-v1-adapter.js';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import { EventsV1EventSink } from '../../src/events/events-v1-sink.js';
import { sprintf } from '../../src/format/sprintf.js';
import { CoreV1EventSink } from '../../src/record/core-v1-sink.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { getReference } from '../../src/shared/reference.js';
import { FakeRecorder } from '../../src/testing/fake-recorder.js';
import { Broadcaster } from '../../src/watch/broadcaster.js';
import { ScriptedEventsSink } from '../events/support/events-sink.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';
import { ScriptedSink } from '../support/sink.js';

const boom = (): never => {
  throw new Error('boom');
};

/** What a plain-JavaScript caller can pass where a typed argument is expected. */
const BAD: ReadonlyArray<readonly [string, () => unknown]> = [
  ['undefined', () => undefined],
  ['null', () => null],
  ['a number', () => 42],
  ['NaN', () => Number.NaN],
  ['a string', () => 'x'],
  ['a Symbol', () => Symbol('s')],
  ['a BigInt', () => 10n],
  ['an array', () => []],
  ['a function', () => () => undefined],
  ['an object whose getters throw', () => ({ get component() { return boom(); }, get kind() { return boom(); }, get metadata() { return boom(); }, get reportingInstance() { return boom(); }, get timeoutMs() { return boom(); } })],
  ['a Proxy whose every trap throws', () => new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom })],
];

type Outcome = 'ok' | `${string}/${string}`;

/** How a call ended: 'ok', or the typed error's `name/code`. A TypeError without a code fails the test. */
async function outcome(call: () => unknown): Promise<Outcome> {
  try {
    const out = call();
    if (out instanceof Promise) await out;
    return 'ok';
  } catch (err) {
    const e = err as { name?: unknown; code?: unknown };
    return `${String(e.name)}/${String(e.code)}`;
  }
}

function coreRig() {
  const logger = capturingLogger();
  const broadcaster = new EventBroadcaster({ clock: new ManualClock(), logger });
  broadcaster.startEventWatcher(() => undefined);
  return { broadcaster, logger, recorder: broadcaster.newRecorder({ component: 'ctrl' }) };
}

function eventsRig() {
  const logger = capturingLogger();
  const broadcaster = new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), clock: new ManualClock(), logger });
  broadcaster.startEventWatcher(() => undefined);
  return { broadcaster, logger, recorder: broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' }) };
}

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'prod' } };
const ARG = 'ARG';

/** Recording calls: ARG marks the position each bad value goes to. Each call is one event: accepted or dropped. */
const coreCalls: ReadonlyArray<readonly [string, readonly unknown[]]> = [
  ['event(object)', ['event', ARG, 'Normal', 'R', 'm']],
  ['event(type)', ['event', pod, ARG, 'R', 'm']],
  ['event(reason)', ['event', pod, 'Normal', ARG, 'm']],
  ['event(message)', ['event', pod, 'Normal', 'R', ARG]],
  ['eventf(format)', ['eventf', pod, 'Normal', 'R', ARG]],
  ['eventf(arg)', ['eventf', pod, 'Normal', 'R', '%v %s %d %q %x %T', ARG, ARG, ARG, ARG, ARG, ARG]],
  ['annotatedEventf(annotations)', ['annotatedEventf', pod, ARG, 'Normal', 'R', 'm']],
];
const eventsCalls: ReadonlyArray<readonly [string, readonly unknown[]]> = [
  ['eventf(regarding)', ['eventf', ARG, undefined, 'Normal', 'R', 'A', 'n']],
  ['eventf(related)', ['eventf', pod, ARG, 'Normal', 'R', 'A', 'n']],
  ['eventf(type)', ['eventf', pod, undefined, ARG, 'R', 'A', 'n']],
  ['eventf(reason)', ['eventf', pod, undefined, 'Normal', ARG, 'A', 'n']],
  ['eventf(action)', ['eventf', pod, undefined, 'Normal', 'R', ARG, 'n']],
  ['eventf(note)', ['eventf', pod, undefined, 'Normal', 'R', 'A', ARG]],
  ['eventf(arg)', ['eventf', pod, undefined, 'Normal', 'R', 'A', '%v %s %d %q %x %T', ARG, ARG, ARG, ARG, ARG, ARG]],
  ['annotatedEventf(annotations)', ['annotatedEventf', pod, undefined, ARG, 'Normal', 'R', 'A', 'n']],
];

function invoke(target: object, call: readonly unknown[], bad: unknown): void {
  const [method, ...args] = call;
  (target as Record<string, (...a: unknown[]) => void>)[method as string]!(...args.map((a) => (a === ARG ? bad : a)));
}

describe('recording methods never throw: every call is accepted or counted as a drop', () => {
  for (const [label, bad] of BAD) {
    it(`core/v1 EventRecorder with ${label} in each position`, async () => {
      const { broadcaster, recorder } = coreRig();
      for (const [, call] of coreCalls) expect(await outcome(() => invoke(recorder, call, bad()))).toBe('ok');
      const s = broadcaster.stats();
      expect(s.accepted + s.dropped.invalid).toBe(coreCalls.length);
    });
    it(`events.k8s.io/v1 recorder with ${label} in each position`, async () => {
      const { broadcaster, recorder } = eventsRig();
      for (const [, call] of eventsCalls) expect(await outcome(() => invoke(recorder, call, bad()))).toBe('ok');
      const s = broadcaster.stats();
      expect(s.accepted + s.dropped.invalid).toBe(eventsCalls.length);
      expect(Object.keys(s.invalid)).not.toContain('undefined');
    });
    it(`CoreV1EventRecorderAdapter (createEventRecorder's core/v1 recorder) with ${label} in each position`, async () => {
      const { broadcaster, recorder } = coreRig();
      const adapter = new CoreV1EventRecorderAdapter(recorder, { component: 'ctrl' });
      for (const [, call] of eventsCalls) expect(await outcome(() => invoke(adapter, call, bad()))).toBe('ok');
      const s = broadcaster.stats();
      expect(s.accepted + s.dropped.invalid).toBe(eventsCalls.length);
    });
    it(`FakeRecorder with ${label} in each position: recorded or counted in dropped`, async () => {
      const fake = new FakeRecorder({ includeObject: true });
      for (const [, call] of coreCalls) expect(await outcome(() => invoke(fake, call, bad()))).toBe('ok');
      expect(fake.events.length + fake.dropped).toBe(coreCalls.length);
    });
  }
});

describe('identity and loggers from plain JavaScript never throw', () => {
  for (const [label, bad] of BAD) {
    it(`EventBroadcaster#newRecorder(${label}): every event dropped with InvalidSource`, async () => {
      const { broadcaster, logger } = coreRig();
      const recorder = broadcaster.newRecorder(bad() as never);
      expect(await outcome(() => recorder.event(pod, 'Normal', 'R', 'm'))).toBe('ok');
      expect(broadcaster.stats().dropped.invalid).toBe(1);
      expect(logger.lines.map((l) => l.fields?.['code'])).toEqual(['InvalidSource']);
    });
    it(`EventsV1Broadcaster#newRecorder(${label}): every event dropped with InvalidReportingController`, async () => {
      const { broadcaster } = eventsRig();
      let recorder: ReturnType<typeof broadcaster.newRecorder> | undefined;
      expect(await outcome(() => (recorder = broadcaster.newRecorder(bad() as never)))).toBe('ok');
      recorder?.eventf(pod, undefined, 'Normal', 'R', 'A', 'n');
      // 'x' is a valid controller name.
      expect(broadcaster.stats().invalid).toEqual(label === 'a string' ? {} : { InvalidReportingController: 1 });
    });
    it(`EventsV1Broadcaster#newRecorder('ctrl', ${label}): a bad instance drops with InvalidReportingInstance, or the default applies`, async () => {
      const { broadcaster } = eventsRig();
      let recorder: ReturnType<typeof broadcaster.newRecorder> | undefined;
      expect(await outcome(() => (recorder = broadcaster.newRecorder('ctrl', bad() as never)))).toBe('ok');
      recorder?.eventf(pod, undefined, 'Normal', 'R', 'A', 'n');
      const s = broadcaster.stats();
      expect(s.accepted + (s.invalid.InvalidReportingInstance ?? 0)).toBe(1);
    });
    it(`withLogger(${label}) on both recorders and startStructuredLogging(${label}) keep working`, async () => {
      const core = coreRig();
      const v1 = eventsRig();
      expect(await outcome(() => core.recorder.withLogger(bad() as never).event(null as never, 'Normal', 'R', 'm'))).toBe('ok');
      expect(await outcome(() => v1.recorder.withLogger(bad() as never).eventf(null as never, undefined, 'Normal', 'R', 'A', 'n'))).toBe('ok');
      expect(await outcome(() => core.broadcaster.startStructuredLogging(bad() as never))).toBe('ok');
      expect(await outcome(() => v1.broadcaster.startStructuredLogging(bad() as never))).toBe('ok');
      expect(core.broadcaster.stats().dropped.invalid).toBe(1);
      expect(v1.broadcaster.stats().dropped.invalid).toBe(1);
    });
  }

  it('a logger whose methods throw loses its lines only', () => {
    const { broadcaster, recorder } = coreRig();
    const throwing = { debug: boom, info: boom, warn: boom, error: boom };
    expect(() => recorder.withLogger(throwing).event(null as never, 'Normal', 'R', 'm')).not.toThrow();
    expect(broadcaster.stats().dropped.invalid).toBe(1);
  });
});

const INVALID = 'InvalidArgumentError/InvalidArgument';
const objectLike = (label: string) => label === 'undefined' || label === 'null' || label === 'an array';

describe('constructors, start* methods and options: a documented InvalidArgumentError, or the defaults', () => {
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'c', server: 'https://127.0.0.1:1' }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });

  for (const [label, bad] of BAD) {
    it(`new EventBroadcaster(${label})`, async () => {
      // undefined and null mean the defaults; an array is an object without options.
      expect(await outcome(() => new EventBroadcaster(bad() as never).shutdown({ timeoutMs: 0 }))).toBe(objectLike(label) ? 'ok' : INVALID);
    });
    it(`new EventsV1Broadcaster(${label}) and with { sink: ${label} }`, async () => {
      expect(await outcome(() => new EventsV1Broadcaster(bad() as never))).toBe(INVALID);
      expect(await outcome(() => new EventsV1Broadcaster({ sink: bad() as never }))).toBe(INVALID);
    });
    it(`broadcaster dependencies clock/sleep/random/signal = ${label}`, async () => {
      for (const key of ['clock', 'sleep', 'random', 'signal']) {
        const expected = label === 'undefined' || (label === 'a function' && (key === 'sleep' || key === 'random')) ? 'ok' : INVALID;
        expect([key, await outcome(() => new EventBroadcaster({ [key]: bad() }).shutdown({ timeoutMs: 0 }))]).toEqual([key, expected]);
        expect([key, await outcome(() => new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), [key]: bad() }).shutdown({ timeoutMs: 0 }))]).toEqual([key, expected]);
      }
    });
    it(`startRecordingToSink(${label}), startEventWatcher(${label}), startLogging(${label})`, async () => {
      const { broadcaster } = coreRig();
      const v1 = eventsRig();
      expect(await outcome(() => broadcaster.startRecordingToSink(bad() as never))).toBe(INVALID);
      expect(await outcome(() => broadcaster.startEventWatcher(bad() as never))).toBe(label === 'a function' ? 'ok' : INVALID);
      expect(await outcome(() => broadcaster.startLogging(bad() as never))).toBe(label === 'a function' ? 'ok' : INVALID);
      expect(await outcome(() => v1.broadcaster.startEventWatcher(bad() as never))).toBe(label === 'a function' ? 'ok' : INVALID);
      expect(await outcome(() => broadcaster.startRecordingToSink(new ScriptedSink(), bad() as never))).toBe(objectLike(label) ? 'ok' : INVALID);
    });
    it(`flush(${label}) and shutdown(${label}) on both broadcasters`, async () => {
      const expected = objectLike(label) ? 'ok' : INVALID;
      const core = coreRig();
      const v1 = eventsRig();
      expect(await outcome(() => core.broadcaster.flush(bad() as never))).toBe(label.startsWith('an object whose') ? INVALID : expected);
      expect(await outcome(() => v1.broadcaster.flush(bad() as never))).toBe(label.startsWith('an object whose') ? INVALID : expected);
      const coreShutdown = await outcome(() => core.broadcaster.shutdown(bad() as never));
      const v1Shutdown = await outcome(() => v1.broadcaster.shutdown(bad() as never));
      expect([coreShutdown, v1Shutdown]).toEqual(label.startsWith('an object whose') ? [INVALID, INVALID] : [expected, expected]);
      await core.broadcaster.shutdown({ timeoutMs: 0 });
      await v1.broadcaster.shutdown({ timeoutMs: 0 });
    });
    it(`new CoreV1EventSink(${label}), new EventsV1EventSink(${label})`, async () => {
      expect(await outcome(() => new CoreV1EventSink(bad() as never))).toBe(INVALID);
      expect(await outcome(() => new EventsV1EventSink(bad() as never))).toBe(INVALID);
    });
    it(`createEventRecorder(${label}, …) and createEventRecorder(kc, ${label})`, async () => {
      expect(await outcome(() => createEventRecorder(bad() as never, { component: 'ctrl', api: 'v1' }))).toBe(INVALID);
      const out = await outcome(async () => {
        const setup = await createEventRecorder(kc, bad() as never);
        await setup.broadcaster.shutdown({ timeoutMs: 0 });
      });
      // Options without `api` ask discovery, which cannot reach this cluster: a typed discovery error.
      expect(out).toBe(objectLike(label) ? 'EventsApiDiscoveryError/DiscoveryFailed' : INVALID);
    });
    it(`createEventRecorder(kc, { component: ${label}, api: 'v1' }): events dropped, counted`, async () => {
      const setup = await createEventRecorder(kc, { component: bad() as never, api: 'v1', logger: capturingLogger() });
      setup.recorder.eventf(pod, undefined, 'Normal', 'R', 'A', 'n');
      // 'x' is a usable component.
      expect(setup.broadcaster.stats().dropped.invalid).toBe(label === 'a string' ? 0 : 1);
      await setup.broadcaster.shutdown({ timeoutMs: 0 });
    });
    it(`new FakeRecorder(${label})`, async () => {
      expect(await outcome(() => new FakeRecorder(bad() as never))).toBe(objectLike(label) ? 'ok' : INVALID);
      expect(await outcome(() => new FakeRecorder({ bufferSize: bad() as never }))).toBe(['undefined', 'null', 'a number'].includes(label) ? 'ok' : INVALID);
    });
    it(`new Broadcaster(${label}) and Broadcaster methods with ${label}`, async () => {
      expect(await outcome(() => new Broadcaster(bad() as never))).toBe(INVALID);
      const b = new Broadcaster<unknown>({ queueLength: 2, fullChannelBehavior: 'drop' });
      expect(await outcome(() => b.actionOrDrop(bad()))).toBe('ok');
      expect(await outcome(() => b.action(bad()))).toBe('ok');
      expect(await outcome(() => b.watch(bad() as never))).toBe(objectLike(label) ? 'ok' : INVALID);
      await b.shutdown();
    });
    it(`sprintf(${label}) and sprintf('%v', ${label}) return a string`, async () => {
      expect(typeof sprintf(bad() as never)).toBe('string');
      expect(typeof sprintf('%v %d %s %q %x %T %#v', bad(), bad(), bad(), bad(), bad(), bad(), bad())).toBe('string');
    });
    it(`getReference(${label}) throws InvalidEventError or returns a reference`, async () => {
      const out = await outcome(() => getReference(bad()));
      expect(['ok', 'InvalidEventError/InvalidObject', 'InvalidEventError/UnreadableObject']).toContain(out);
    });
  }
});
