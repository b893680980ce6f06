// End to end against the in-memory API server: discovery choosing one group, series on the wire, client-node 1.4.0.
import * as k8s1 from '@kubernetes/client-node-1';
import { CoreV1Api, EventsV1Api, type KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { createEventRecorder } from '../../src/unified/create-event-recorder.js';
import { discoverEventsApi } from '../../src/unified/discovery.js';
import { EventsApiDiscoveryError } from '../../src/unified/errors.js';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import { EventsV1EventSink } from '../../src/events/events-v1-sink.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { TestApiServer } from '../../src/testing/api-server/index.js';
import { ManualTime, MINUTE } from './support/manual-time.js';
import { node, pod } from './support/setup.js';
import { apiServers, until } from '../support/api-servers.js';

const server = apiServers();

const writes = (api: TestApiServer) => api.requests().filter((r) => r.api !== 'discovery');
const T0 = '2026-11-24T10:00:00Z';

describe('createEventRecorder: one API group, chosen by discovery', () => {
  it('writes events.k8s.io/v1 with series when discovery shows it', async () => {
    const api = await server();
    const time = new ManualTime(T0);
    const setup = await createEventRecorder(api.kubeConfig, {
      component: 'example.com/ctrl',
      reportingInstance: 'ctrl-0',
      clock: time.clock,
      ticker: time.ticker,
      logger: silentLogger,
    });
    if (setup.api !== 'events.k8s.io/v1') throw new Error(`expected events.k8s.io/v1, got ${setup.api}`);
    const { recorder, broadcaster } = setup;
    expect(api.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /apis/events.k8s.io/v1 200']);

    recorder.eventf(pod('web-0', 'default'), node('node-1'), 'Warning', 'BackOff', 'Restart', 'back-off %ds', 10);
    await until(() => api.eventsV1().length === 1, 'the create');
    await time.advance(1000);
    recorder.eventf(pod('web-0', 'default', '2'), node('node-1'), 'Warning', 'BackOff', 'Restart', 'back-off %ds', 20);
    await until(() => writes(api).length === 2, 'the series patch');
    await time.advance(1000);
    recorder.eventf(pod('web-0', 'default', '3'), node('node-1'), 'Warning', 'BackOff', 'Restart', 'back-off %ds', 40);
    await until(() => broadcaster.stats().series.counted === 1, 'the third occurrence');

    const [create, patch] = writes(api);
    expect(create).toMatchObject({ method: 'POST', path: '/apis/events.k8s.io/v1/namespaces/default/events', status: 201, contentType: 'application/json' });
    expect(create?.body).toMatchObject({ eventTime: '2026-11-24T10:00:00.000000Z', note: 'back-off 10s', action: 'Restart' });
    expect(Object.keys(create?.body as object).filter((k) => k.startsWith('deprecated'))).toEqual([]);
    expect(patch).toMatchObject({
      method: 'PATCH',
      path: `/apis/events.k8s.io/v1/namespaces/default/events/${(api.eventsV1()[0]?.['metadata'] as { name: string }).name}`,
      status: 200,
      contentType: 'application/merge-patch+json',
      body: { series: { count: 2, lastObservedTime: '2026-11-24T10:00:01.000000Z' } },
    });
    expect(api.eventsV1()[0]).toMatchObject({ note: 'back-off 10s', series: { count: 2, lastObservedTime: '2026-11-24T10:00:01.000000Z' } });

    const result = await broadcaster.shutdown();
    expect(result.completed).toBe(true);
    expect(writes(api)).toHaveLength(3);
    expect(api.eventsV1()).toHaveLength(1);
    expect(api.eventsV1()[0]).toMatchObject({
      reportingController: 'example.com/ctrl',
      reportingInstance: 'ctrl-0',
      regarding: { kind: 'Pod', name: 'web-0', namespace: 'default' },
      related: { kind: 'Node', name: 'node-1' },
      series: { count: 3, lastObservedTime: '2026-11-24T10:00:02.000000Z' },
    });
    expect(api.requests().every((r) => r.api === 'events' || r.api === 'discovery')).toBe(true);
  });

  it('falls back to core/v1 when events.k8s.io/v1 is not served, and sends only core/v1 requests', async () => {
    const api = await server({ eventsV1: false });
    const { recorder, broadcaster, api: group } = await createEventRecorder(api.kubeConfig, {
      component: 'example.com/ctrl',
      reportingInstance: 'ctrl-0',
      logger: silentLogger,
    });
    expect(group).toBe('v1');
    expect(recorder.api).toBe('v1');
    recorder.eventf(pod('web-0', 'default'), node('node-1'), 'Normal', 'Scheduled', 'Binding', 'bound to %s', 'node-1');
    recorder.annotatedEventf(pod('web-1', 'default'), undefined, { 'example.com/trace': 't1' }, 'Normal', 'Scheduled', 'Binding', 'bound');
    await until(() => api.events().length === 2, 'two core/v1 events');
    await broadcaster.shutdown();
    expect(api.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /apis/events.k8s.io/v1 404',
      'POST /api/v1/namespaces/default/events 201',
      'POST /api/v1/namespaces/default/events 201',
    ]);
    expect(api.requests().filter((r) => r.api === 'events')).toEqual([]);
    expect(api.events()[0]).toMatchObject({
      involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'default' },
      reason: 'Scheduled',
      message: 'bound to node-1',
      action: 'Binding',
      related: { kind: 'Node', name: 'node-1' },
      source: { component: 'example.com/ctrl', host: 'ctrl-0' },
      reportingComponent: 'example.com/ctrl',
      reportingInstance: 'ctrl-0',
      count: 1,
      type: 'Normal',
    });
    expect(api.events()[1]).toMatchObject({ metadata: { annotations: { 'example.com/trace': 't1' } }, message: 'bound' });
  });

  it("skips discovery when the group is forced with api: 'v1'", async () => {
    const api = await server();
    const { recorder, broadcaster, api: group } = await createEventRecorder(api.kubeConfig, { component: 'ctrl', api: 'v1', logger: silentLogger });
    expect(group).toBe('v1');
    recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Synced', 'Sync', 'ok');
    await until(() => api.events().length === 1);
    await broadcaster.shutdown();
    expect(api.requests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/namespaces/default/events']);
  });

  it("skips discovery when the group is forced with api: 'events.k8s.io/v1'", async () => {
    const api = await server();
    const { broadcaster, api: group } = await createEventRecorder(api.kubeConfig, { component: 'ctrl', api: 'events.k8s.io/v1', logger: silentLogger });
    expect(group).toBe('events.k8s.io/v1');
    await broadcaster.shutdown();
    expect(api.requests()).toEqual([]);
  });

  it.each([403, 500, 503])('rejects with EventsApiDiscoveryError (status %i) when discovery fails', async (status) => {
    const api = await server();
    api.faults.add({ method: 'GET', path: /^\/apis\/events\.k8s\.io\/v1\/?$/, responses: [status] });
    const error = await createEventRecorder(api.kubeConfig, { component: 'ctrl', logger: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventsApiDiscoveryError);
    expect(error).toMatchObject({ code: 'DiscoveryFailed', status });
    expect((error as Error).message).toContain(`HTTP ${status}`);
  });

  it('rejects with EventsApiDiscoveryError (no status) when the server cannot be reached', async () => {
    const api = await server();
    const kc = api.kubeConfig;
    await api.stop();
    const error = await discoverEventsApi(kc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventsApiDiscoveryError);
    expect(error).toMatchObject({ code: 'DiscoveryFailed', status: undefined });
  });
});

describe('EventsV1EventSink against the in-memory API server', () => {
  function rig(api: TestApiServer, sink = new EventsV1EventSink(api.kubeConfig)) {
    const time = new ManualTime(T0);
    const broadcaster = new EventsV1Broadcaster({ sink, clock: time.clock, ticker: time.ticker, logger: silentLogger });
    broadcaster.startRecording();
    return { time, broadcaster, recorder: broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' }) };
  }

  it('re-creates a deleted Event with its series when the PATCH answers 404', async () => {
    const api = await server();
    const { time, broadcaster, recorder } = rig(api);
    recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Pulled', 'Pull', 'pulled');
    await until(() => api.eventsV1().length === 1);
    const name = (api.eventsV1()[0]?.['metadata'] as { name: string }).name;
    await api.kubeConfig.makeApiClient(EventsV1Api).deleteNamespacedEvent({ name, namespace: 'default' });
    await time.advance(1000);
    recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Pulled', 'Pull', 'pulled');
    await until(() => api.eventsV1().length === 1 && broadcaster.stats().created === 2);
    expect(writes(api).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'DELETE 200', 'PATCH 404', 'POST 201']);
    expect(api.eventsV1()[0]).toMatchObject({ metadata: { name }, series: { count: 2, lastObservedTime: '2026-11-24T10:00:01.000000Z' } });
    await broadcaster.shutdown();
  });

  it('is accepted by the server for a 2000-byte note (truncated) and a cluster-scoped regarding (namespace default)', async () => {
    const api = await server();
    const { broadcaster, recorder } = rig(api);
    recorder.eventf(pod('web-0', 'default'), undefined, 'Warning', 'FailedScheduling', 'Scheduling', '%s', 'x'.repeat(2000));
    recorder.eventf(node('node-1'), undefined, 'Warning', 'NodeNotReady', 'Check', 'not ready');
    await until(() => broadcaster.stats().created === 2);
    expect(broadcaster.stats()).toMatchObject({ failed: 0, notesTruncated: 1 });
    const notes = api.eventsV1().map((e) => e['note'] as string);
    expect(notes.map((n) => n.length).sort()).toEqual([1024, 9]);
    expect(api.eventsV1({ namespace: 'default' })).toHaveLength(2);
    await broadcaster.shutdown();
  });

  it('finishes a series through the ticker: final PATCH after 6+ minutes of silence', async () => {
    const api = await server();
    const { time, broadcaster, recorder } = rig(api);
    for (let i = 0; i < 3; i++) {
      recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Probe', 'Check', 'ok');
      await until(() => broadcaster.stats().pending === 0);
      await time.advance(1000);
    }
    await time.advance(12 * MINUTE);
    await until(() => broadcaster.stats().series.finished === 1);
    expect(api.eventsV1()[0]).toMatchObject({ series: { count: 3, lastObservedTime: '2026-11-24T10:00:02.000000Z' } });
    expect(broadcaster.stats().series.cached).toBe(0);
    await broadcaster.shutdown();
  });

  it('works with client-node 1.4.0 (EventsV1Api and KubeConfig from the 1.x line)', async () => {
    const api = await server();
    const kc1 = new k8s1.KubeConfig();
    kc1.loadFromString(api.kubeConfig.exportConfig());
    const sink = new EventsV1EventSink(kc1.makeApiClient(k8s1.EventsV1Api) as unknown as EventsV1Api);
    const { time, broadcaster, recorder } = rig(api, sink);
    recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Started', 'Start', 'started');
    await until(() => api.eventsV1().length === 1);
    await time.advance(1000);
    recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Started', 'Start', 'started');
    await until(() => broadcaster.stats().patched === 1);
    const [create, patch] = writes(api);
    expect(create?.body).toMatchObject({ eventTime: '2026-11-24T10:00:00.000000Z' });
    expect(patch).toMatchObject({ status: 200, contentType: 'application/merge-patch+json', body: { series: { count: 2, lastObservedTime: '2026-11-24T10:00:01.000000Z' } } });
    await broadcaster.shutdown();

    // createEventRecorder with a 1.x KubeConfig: discovery and both groups' sinks work across the copies.
    for (const eventsV1 of [true, false]) {
      const other = await server({ eventsV1 });
      const kc = new k8s1.KubeConfig();
      kc.loadFromString(other.kubeConfig.exportConfig());
      const setup = await createEventRecorder(kc as unknown as KubeConfig, { component: 'ctrl', reportingInstance: 'ctrl-0', logger: silentLogger });
      expect(setup.api).toBe(eventsV1 ? 'events.k8s.io/v1' : 'v1');
      setup.recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Started', 'Start', 'started');
      await until(() => (eventsV1 ? other.eventsV1() : other.events()).length === 1);
      await setup.broadcaster.shutdown();
    }
  });

  it('creates the Event through CoreV1Api view as well (one stored object, both views)', async () => {
    const api = await server();
    const { broadcaster, recorder } = rig(api);
    recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Started', 'Start', 'started');
    await until(() => api.eventsV1().length === 1);
    const list = await api.kubeConfig.makeApiClient(CoreV1Api).listNamespacedEvent({ namespace: 'default' });
    expect(list.items.map((e) => [e.reason, e.action, e.reportingComponent])).toEqual([['Started', 'Start', 'example.com/ctrl']]);
    await broadcaster.shutdown();
  });
});
