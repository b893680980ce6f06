// Recovery after an outage (issue 13 item 11): with default options the first write after the API server
// is back comes within sleepDurationMs (10 s), as client-go's fixed 10 s retry does. The in-memory server
// drops every event write for the first 15 s of virtual time; time moves only through the injected sleep.
import type { CoreV1Event } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import { EventsV1EventSink } from '../../src/events/events-v1-sink.js';
import type { EventsV1Sink } from '../../src/events/sink.js';
import type { EventsV1Event } from '../../src/events/types.js';
import { CoreV1EventSink } from '../../src/record/core-v1-sink.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import type { EventSink } from '../../src/record/sink.js';
import type { SinkCallOptions } from '../../src/engine/call-options.js';
import type { Sleep } from '../../src/engine/sleep.js';
import type { TestApiServer } from '../../src/testing/api-server/index.js';
import { apiServers, until } from '../support/api-servers.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';

const server = apiServers();
const OUTAGE_MS = 15_000;

/** Virtual time: each sleep moves the clock at once; the outage ends when the clock passes OUTAGE_MS. */
function outage(api: TestApiServer, path: RegExp) {
  const clock = new ManualClock('2026-11-24T10:00:00Z');
  const start = clock.now().getTime();
  const elapsed = () => clock.now().getTime() - start;
  api.faults.add({ method: 'POST', path, responses: Array<'drop'>(50).fill('drop') });
  const delays: number[] = [];
  const sleep: Sleep = (ms, signal) => {
    if (signal.aborted) return Promise.resolve();
    delays.push(ms);
    clock.advance(ms);
    if (elapsed() >= OUTAGE_MS) api.faults.clear();
    return new Promise((resolve) => setImmediate(resolve));
  };
  return { clock, sleep, delays, elapsed };
}

/** Wraps a real sink to note the virtual time of every create. */
function timed<S extends EventSink | EventsV1Sink>(sink: S, elapsed: () => number, tries: number[]): S {
  const real = sink as unknown as Record<'create' | 'update' | 'patch', (...args: unknown[]) => Promise<unknown>> & { close(): Promise<void> };
  return {
    create: (event: unknown, options?: SinkCallOptions) => {
      tries.push(elapsed());
      return real.create(event, options);
    },
    update: (...args: unknown[]) => real.update(...args),
    patch: (...args: unknown[]) => real.patch(...args),
    close: () => real.close(),
  } as unknown as S;
}

describe('recovery after a 15 s outage, default options', () => {
  it('core/v1, random 0.999: tries at 0, 1.0, 3.0, 7.0, 15.0 s, written at 24.975 s — 9.975 s after the server returned', async () => {
    const api = await server();
    const time = outage(api, /\/api\/v1\/namespaces\/default\/events$/);
    const tries: number[] = [];
    const b = new EventBroadcaster({ clock: time.clock, sleep: time.sleep, random: () => 0.999, logger: capturingLogger() });
    b.startRecordingToSink(timed(new CoreV1EventSink(api.kubeConfig), time.elapsed, tries));
    b.newRecorder({ component: 'ctrl' }).event({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default', uid: 'u1' } }, 'Normal', 'Started', 'x');
    await until(() => b.stats().created === 1, 'the event written');
    expect(time.delays).toEqual([999, 1_998, 3_996, 7_992, 9_990]);
    expect(tries).toEqual([0, 999, 2_997, 6_993, 14_985, 24_975]);
    expect(tries.at(-1)! - OUTAGE_MS).toBeLessThanOrEqual(10_000);
    expect(b.stats()).toMatchObject({ created: 1, retried: 5, failed: 0 });
    const written = api.events({ namespace: 'default' })[0] as unknown as CoreV1Event;
    expect([written.reason, written.count]).toEqual(['Started', 1]);
    await b.shutdown({ timeoutMs: 0 });
  });

  it('core/v1, random 0.5: written at 17.5 s, 2.5 s after the server returned', async () => {
    const api = await server();
    const time = outage(api, /\/api\/v1\/namespaces\/default\/events$/);
    const tries: number[] = [];
    const b = new EventBroadcaster({ clock: time.clock, sleep: time.sleep, random: () => 0.5, logger: capturingLogger() });
    b.startRecordingToSink(timed(new CoreV1EventSink(api.kubeConfig), time.elapsed, tries));
    b.newRecorder({ component: 'ctrl' }).event({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default', uid: 'u1' } }, 'Normal', 'Started', 'x');
    await until(() => b.stats().created === 1, 'the event written');
    expect(time.delays).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    expect(tries).toEqual([0, 500, 1_500, 3_500, 7_500, 12_500, 17_500]);
    await b.shutdown({ timeoutMs: 0 });
  });

  it('events.k8s.io/v1, random 0.999: the same tries, written 9.975 s after the server returned', async () => {
    const api = await server();
    const time = outage(api, /\/apis\/events\.k8s\.io\/v1\/namespaces\/default\/events$/);
    const tries: number[] = [];
    const sink = timed(new EventsV1EventSink(api.kubeConfig), time.elapsed, tries);
    const b = new EventsV1Broadcaster({ sink, clock: time.clock, sleep: time.sleep, random: () => 0.999, logger: capturingLogger() });
    b.startRecording();
    b.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' }).eventf(
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default', uid: 'u1' } },
      undefined,
      'Normal',
      'Started',
      'Start',
      'x',
    );
    await until(() => b.stats().created === 1, 'the event written');
    expect(time.delays).toEqual([999, 1_998, 3_996, 7_992, 9_990]);
    expect(tries).toEqual([0, 999, 2_997, 6_993, 14_985, 24_975]);
    const written = api.eventsV1({ namespace: 'default' })[0] as unknown as EventsV1Event;
    expect(written.reason).toBe('Started');
    await b.shutdown({ timeoutMs: 0 });
  });
});
