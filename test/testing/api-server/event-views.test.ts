// core/v1 and events.k8s.io/v1 as two views of one event store: field mapping both ways, shared resourceVersions,
// cross-API delete and watch, and the api.events()/eventsV1() snapshots.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../../src/testing/api-server/index.js';
import { call, v1Event, WatchReader } from './helpers.js';

describe('one event store, two views', () => {
  let api: TestApiServer;
  beforeEach(async () => {
    api = await startTestApiServer({ clock: { now: () => new Date('2026-11-24T09:59:59.750Z') } });
  });
  afterEach(async () => {
    await api.stop();
  });

  it('maps every core/v1 field to its events.k8s.io/v1 counterpart', async () => {
    const created = await call(api, 'POST', '/api/v1/namespaces/default/events', {
      metadata: { name: 'full', namespace: 'default', labels: { a: 'b' }, annotations: { note: 'x' } },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'u1', resourceVersion: '12', fieldPath: 'spec.containers{web}' },
      reason: 'Pulled',
      message: 'Pulled image',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2026-11-24T10:00:00Z',
      lastTimestamp: '2026-11-24T10:05:00Z',
      count: 3,
      type: 'Normal',
      eventTime: '2026-11-24T10:00:00.123456Z',
      series: { count: 2, lastObservedTime: '2026-11-24T10:05:00.000001Z' },
      action: 'Pull',
      related: { apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'n1' },
      reportingComponent: 'kubelet',
      reportingInstance: 'node-1',
    });
    expect(created.status).toBe(201);
    const meta = created.body['metadata'] as Record<string, unknown>;
    expect(meta['creationTimestamp']).toBe('2026-11-24T09:59:59Z');

    const v1 = await call(api, 'GET', '/apis/events.k8s.io/v1/namespaces/default/events/full');
    expect(v1.status).toBe(200);
    expect(v1.body).toEqual({
      kind: 'Event',
      apiVersion: 'events.k8s.io/v1',
      metadata: { ...meta },
      eventTime: '2026-11-24T10:00:00.123456Z',
      series: { count: 2, lastObservedTime: '2026-11-24T10:05:00.000001Z' },
      reportingController: 'kubelet',
      reportingInstance: 'node-1',
      action: 'Pull',
      reason: 'Pulled',
      regarding: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'u1', apiVersion: 'v1', resourceVersion: '12', fieldPath: 'spec.containers{web}' },
      related: { kind: 'Node', name: 'node-1', uid: 'n1', apiVersion: 'v1' },
      note: 'Pulled image',
      type: 'Normal',
      deprecatedSource: { component: 'kubelet', host: 'node-1' },
      deprecatedFirstTimestamp: '2026-11-24T10:00:00Z',
      deprecatedLastTimestamp: '2026-11-24T10:05:00Z',
      deprecatedCount: 3,
    });
    expect(api.eventsV1({ namespace: 'default' })).toEqual([v1.body]);
    expect(api.events({ namespace: 'default' })).toEqual([created.body]);
  });

  it('shows an events.k8s.io/v1 event through core/v1 with the legacy names', async () => {
    await call(api, 'POST', '/apis/events.k8s.io/v1/namespaces/default/events', v1Event('ev1', 'default', { related: { kind: 'Node', name: 'n1' } }));
    const core = await call(api, 'GET', '/api/v1/namespaces/default/events/ev1');
    expect(core.body).toMatchObject({
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'u1', apiVersion: 'v1' },
      message: 'Started container web',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: '2026-11-24T10:00:00.000000Z',
      action: 'Start',
      related: { kind: 'Node', name: 'n1' },
      reportingComponent: 'example.com/demo',
      reportingInstance: 'demo-1',
    });
    expect(core.body).not.toHaveProperty('count');
  });

  it('keeps one resourceVersion sequence: a patch through one API conflicts a stale update through the other', async () => {
    const created = await call(api, 'POST', '/apis/events.k8s.io/v1/namespaces/default/events', v1Event('ev2'));
    const rv0 = (created.body['metadata'] as { resourceVersion: string }).resourceVersion;
    const patched = await call(api, 'PATCH', '/apis/events.k8s.io/v1/namespaces/default/events/ev2', { series: { count: 2, lastObservedTime: '2026-11-24T10:01:00.000000Z' } }, { contentType: 'application/merge-patch+json' });
    const rv1 = (patched.body['metadata'] as { resourceVersion: string }).resourceVersion;
    expect(Number(rv1)).toBeGreaterThan(Number(rv0));
    const core = await call(api, 'GET', '/api/v1/namespaces/default/events/ev2');
    expect((core.body['metadata'] as { resourceVersion: string }).resourceVersion).toBe(rv1);
    expect(core.body['series']).toEqual({ count: 2, lastObservedTime: '2026-11-24T10:01:00.000000Z' });
    const stale = { ...core.body, metadata: { ...(core.body['metadata'] as object), resourceVersion: rv0 } };
    const put = await call(api, 'PUT', '/api/v1/namespaces/default/events/ev2', stale);
    expect(put.status).toBe(409);
    expect(put.body['message']).toBe(
      'Operation cannot be fulfilled on events "ev2": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('deletes through one API what the other created, and a watch on one API sees writes through the other', async () => {
    const w = await WatchReader.open(api, '/apis/events.k8s.io/v1/namespaces/default/events?watch=true');
    await call(api, 'POST', '/api/v1/namespaces/default/events', {
      metadata: { name: 'old-style', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
      reason: 'R',
      message: 'hello',
      count: 1,
      type: 'Normal',
    });
    const del = await call(api, 'DELETE', '/apis/events.k8s.io/v1/namespaces/default/events/old-style');
    expect(del.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'old-style', group: 'events.k8s.io', kind: 'events' } });
    const events = await w.waitFor(2);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
    expect(events[0]!.object).toMatchObject({ kind: 'Event', apiVersion: 'events.k8s.io/v1', note: 'hello', deprecatedCount: 1, regarding: { name: 'p' } });
    await w.close();
    expect(api.events()).toEqual([]);
    const missing = await call(api, 'GET', '/api/v1/namespaces/default/events/old-style');
    expect(missing.status).toBe(404);
  });

  it('lists both views over all namespaces', async () => {
    await call(api, 'POST', '/api/v1/namespaces', { metadata: { name: 'b-ns' } });
    await call(api, 'POST', '/apis/events.k8s.io/v1/namespaces/b-ns/events', v1Event('x', 'b-ns'));
    await call(api, 'POST', '/apis/events.k8s.io/v1/namespaces/default/events', v1Event('y'));
    const core = await call(api, 'GET', '/api/v1/events');
    const v1 = await call(api, 'GET', '/apis/events.k8s.io/v1/events');
    const keys = (b: Record<string, unknown>): string[] => (b['items'] as { metadata: { namespace: string; name: string } }[]).map((i) => `${i.metadata.namespace}/${i.metadata.name}`);
    expect(keys(core.body)).toEqual(['b-ns/x', 'default/y']);
    expect(keys(v1.body)).toEqual(['b-ns/x', 'default/y']);
    expect(core.body['kind']).toBe('EventList');
    expect(v1.body['apiVersion']).toBe('events.k8s.io/v1');
    expect(api.eventsV1().map((e) => (e['metadata'] as { name: string }).name)).toEqual(['x', 'y']);
    expect(api.events({ namespace: 'b-ns' })).toHaveLength(1);
  });
});
