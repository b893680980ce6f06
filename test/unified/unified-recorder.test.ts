// UnifiedEventRecorder on core/v1 (CoreV1EventRecorderAdapter) and discoverEventsApi's decisions.
import type { CoreV1Event, KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CoreV1EventRecorderAdapter } from '../../src/unified/core-v1-adapter.js';
import { discoverEventsApi } from '../../src/unified/discovery.js';
import type { UnifiedEventRecorder } from '../../src/shared/unified-recorder.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { FakeRecorder } from '../../src/testing/fake-recorder.js';
import { ManualClock } from '../support/clock.js';
import { FakeApiException } from '../support/sink.js';
import { capturingLogger, node, pod } from '../events/support/setup.js';

function coreRig() {
  const logger = capturingLogger();
  const broadcaster = new EventBroadcaster({ clock: new ManualClock('2026-11-24T10:00:00Z'), logger });
  const events: CoreV1Event[] = [];
  broadcaster.startEventWatcher((e) => void events.push(e));
  const source = { component: 'example.com/ctrl', host: 'ctrl-0' };
  const recorder: UnifiedEventRecorder = new CoreV1EventRecorderAdapter(broadcaster.newRecorder(source), source);
  return { broadcaster, events, recorder, logger };
}

describe('CoreV1EventRecorderAdapter: the unified call shape written as core/v1 Events', () => {
  it("maps note to message and keeps action and related in core/v1's own fields", () => {
    const { events, recorder } = coreRig();
    expect([recorder.api, recorder.reportingController, recorder.reportingInstance]).toEqual(['v1', 'example.com/ctrl', 'ctrl-0']);
    recorder.eventf(pod('web-0', 'prod'), node('node-1'), 'Normal', 'Scheduled', 'Binding', 'bound to %s', 'node-1');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'prod' },
      reason: 'Scheduled',
      message: 'bound to node-1',
      action: 'Binding',
      related: { kind: 'Node', apiVersion: 'v1', name: 'node-1', uid: 'uid-node-1', resourceVersion: '7' },
      source: { component: 'example.com/ctrl', host: 'ctrl-0' },
      reportingComponent: 'example.com/ctrl',
      reportingInstance: 'ctrl-0',
      count: 1,
    });
    expect(events[0]).not.toHaveProperty('eventTime');
  });

  it('omits related when it is undefined, null or cannot be referenced, and action when it is empty', () => {
    const { events, recorder } = coreRig();
    recorder.eventf(pod(), undefined, 'Normal', 'A', '', 'x');
    recorder.eventf(pod(), null, 'Normal', 'A', 'Act', 'x');
    recorder.eventf(pod(), { metadata: { name: 'no-kind' } }, 'Normal', 'A', 'Act', 'x');
    expect(events.map((e) => ['related' in e, e.action])).toEqual([
      [false, undefined],
      [false, 'Act'],
      [false, 'Act'],
    ]);
  });

  it('annotatedEventf puts the annotations on the core/v1 Event', () => {
    const { events, recorder } = coreRig();
    recorder.annotatedEventf(pod(), undefined, { 'example.com/trace': 't' }, 'Warning', 'Failed', 'Sync', 'n=%d', 2);
    expect(events[0]).toMatchObject({ metadata: { annotations: { 'example.com/trace': 't' } }, message: 'n=2', type: 'Warning', action: 'Sync' });
  });

  it('counts invalid input as a core/v1 drop, never throws', () => {
    const { broadcaster, recorder, events } = coreRig();
    expect(() => recorder.eventf({ metadata: { name: 'x' } }, undefined, 'Normal', 'A', 'B', 'x')).not.toThrow();
    expect(events).toEqual([]);
    expect(broadcaster.stats().dropped.invalid).toBe(1);
  });

  it('withLogger keeps the adapter shape and logs to the other logger', () => {
    const { recorder, logger } = coreRig();
    const other = capturingLogger();
    const scoped = recorder.withLogger(other);
    expect(scoped.api).toBe('v1');
    scoped.eventf(pod(), undefined, 'Bogus' as 'Normal', 'A', 'B', 'x');
    expect(other.lines).toHaveLength(1);
    expect(logger.lines).toEqual([]);
  });

  it("drops action and related for other EventRecorders (e.g. FakeRecorder), as client-go's adapter", () => {
    const fake = new FakeRecorder({ includeObject: true });
    const recorder = new CoreV1EventRecorderAdapter(fake, { component: 'ctrl' });
    recorder.eventf(pod(), node(), 'Normal', 'Scheduled', 'Binding', 'bound to %s', 'node-1');
    recorder.annotatedEventf(pod(), undefined, { a: '1' }, 'Warning', 'Failed', 'Sync', 'boom');
    expect(fake.events).toEqual(['Normal Scheduled bound to node-1 involvedObject{kind=Pod,apiVersion=v1}', 'Warning Failed boom involvedObject{kind=Pod,apiVersion=v1} map[a:1]']);
    expect(recorder.reportingInstance).toBe('');
  });
});

describe('discoverEventsApi', () => {
  const kubeConfigAnswering = (answer: () => Promise<unknown>) => ({ makeApiClient: () => ({ getAPIResources: answer }) }) as unknown as KubeConfig;

  it("answers 'events.k8s.io/v1' when the group version lists the events resource", async () => {
    await expect(discoverEventsApi(kubeConfigAnswering(async () => ({ resources: [{ name: 'events' }] })))).resolves.toBe('events.k8s.io/v1');
  });

  it("answers 'v1' when the group version is served without events, or answers 404", async () => {
    await expect(discoverEventsApi(kubeConfigAnswering(async () => ({ resources: [] })))).resolves.toBe('v1');
    await expect(discoverEventsApi(kubeConfigAnswering(() => Promise.reject(new FakeApiException(404))))).resolves.toBe('v1');
  });

  it('rejects with a typed error carrying the status and the cause', async () => {
    const cause = new FakeApiException(401);
    const error = await discoverEventsApi(kubeConfigAnswering(() => Promise.reject(cause))).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'EventsApiDiscoveryError', code: 'DiscoveryFailed', status: 401, cause });
  });
});
