// Watches: the raw stream (ADDED/MODIFIED/DELETED, resume, bookmarks, 410, timeoutSeconds, selector moves) and
// real client-node informers and Watch clients of both supported versions running against it.
import * as k2 from '@kubernetes/client-node';
import * as k1 from '@kubernetes/client-node-1';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../../src/testing/api-server/index.js';
import { call, configMap, v1Event, WatchReader } from './helpers.js';

const CM = '/api/v1/namespaces/default/configmaps';

async function until(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('watch streams', () => {
  let api: TestApiServer;
  beforeEach(async () => {
    api = await startTestApiServer({ bookmarkIntervalMs: 50, watchCacheSize: 5 });
  });
  afterEach(async () => {
    await api.stop();
  });

  it('starts with ADDED for existing objects, then streams MODIFIED and DELETED', async () => {
    await call(api, 'POST', CM, configMap('pre'));
    const w = await WatchReader.open(api, `${CM}?watch=true`);
    expect(w.status).toBe(200);
    await w.waitFor(1);
    await call(api, 'POST', CM, configMap('new', {}, { a: '1' }));
    await call(api, 'PATCH', `${CM}/new`, { data: { a: '2' } }, { contentType: 'application/merge-patch+json' });
    await call(api, 'DELETE', `${CM}/new`);
    const events = await w.waitFor(4);
    expect(events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED pre', 'ADDED new', 'MODIFIED new', 'DELETED new']);
    expect(events[2]!.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1', data: { a: '2' } });
    const rvs = events.map((e) => Number(e.object.metadata?.resourceVersion));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
    await w.close();
  });

  it('uses chunked newline-delimited JSON with application/json', async () => {
    const res = await fetch(`${api.url}${CM}?watch=1`);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    await res.body?.cancel();
  });

  it('resumes from a resourceVersion with only the later changes', async () => {
    const a = await call(api, 'POST', CM, configMap('a'));
    const rv = (a.body['metadata'] as { resourceVersion: string }).resourceVersion;
    await call(api, 'POST', CM, configMap('b'));
    await call(api, 'DELETE', `${CM}/a`);
    const w = await WatchReader.open(api, `${CM}?watch=true&resourceVersion=${rv}`);
    const events = await w.waitFor(2);
    expect(events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED b', 'DELETED a']);
    await w.close();
  });

  it('sends an ERROR 410 Expired event for a resourceVersion older than the retained window', async () => {
    const first = await call(api, 'POST', CM, configMap('c0'));
    const rv = (first.body['metadata'] as { resourceVersion: string }).resourceVersion;
    for (let i = 1; i <= 12; i++) await call(api, 'POST', CM, configMap(`c${i}`));
    const w = await WatchReader.open(api, `${CM}?watch=true&resourceVersion=${rv}`);
    expect(w.status).toBe(200);
    const [ev] = await w.waitFor(1);
    await w.closed();
    expect(ev!.type).toBe('ERROR');
    expect(ev!.object).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
    expect(ev!.object['message'] as string).toMatch(new RegExp(`^too old resource version: ${rv} \\(\\d+\\)$`));
  });

  it('sends periodic BOOKMARKs only when allowed, carrying the current resourceVersion', async () => {
    const w = await WatchReader.open(api, `${CM}?watch=true&allowWatchBookmarks=true`);
    const created = await call(api, 'POST', CM, configMap('b1'));
    const events = await w.waitFor(3);
    const bookmark = events.find((e) => e.type === 'BOOKMARK')!;
    expect(bookmark.object).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: expect.any(String) as string, creationTimestamp: null } });
    const last = events.filter((e) => e.type === 'BOOKMARK').at(-1)!;
    expect(Number(last.object.metadata?.resourceVersion)).toBeGreaterThanOrEqual(Number((created.body['metadata'] as { resourceVersion: string }).resourceVersion));
    await w.close();
    const plain = await WatchReader.open(api, `${CM}?watch=true`);
    await new Promise((r) => setTimeout(r, 200));
    expect(plain.events.map((e) => e.type)).toEqual(['ADDED']);
    await plain.close();
  });

  it('marks the end of initial events with sendInitialEvents', async () => {
    await call(api, 'POST', CM, configMap('i1'));
    const w = await WatchReader.open(api, `${CM}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`);
    const [added, marker] = await w.waitFor(2);
    expect(added!.type).toBe('ADDED');
    expect(marker!.type).toBe('BOOKMARK');
    expect(marker!.object.metadata?.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    await w.close();
  });

  it('ends the stream after timeoutSeconds', async () => {
    const w = await WatchReader.open(api, `${CM}?watch=true&timeoutSeconds=1`);
    const start = Date.now();
    await w.closed(3000);
    expect(Date.now() - start).toBeGreaterThanOrEqual(900);
  });

  it('turns changes into and out of a selection into ADDED and DELETED', async () => {
    await call(api, 'POST', CM, configMap('sel', { app: 'web' }));
    const w = await WatchReader.open(api, `${CM}?watch=true&labelSelector=app%3Dweb`);
    await w.waitFor(1);
    await call(api, 'PATCH', `${CM}/sel`, { metadata: { labels: { app: 'db' } } }, { contentType: 'application/merge-patch+json' });
    await call(api, 'PATCH', `${CM}/sel`, { metadata: { labels: { app: 'web' } } }, { contentType: 'application/merge-patch+json' });
    const events = await w.waitFor(3);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED', 'ADDED']);
    expect(events[1]!.object.metadata).toMatchObject({ labels: { app: 'web' } });
    await w.close();
  });

  it('watches one namespace or all, and a single object through /watch/', async () => {
    await call(api, 'POST', '/api/v1/namespaces', { metadata: { name: 'other' } });
    const all = await WatchReader.open(api, '/api/v1/configmaps?watch=true');
    const one = await WatchReader.open(api, '/api/v1/watch/namespaces/other/configmaps/x');
    await call(api, 'POST', CM, configMap('x'));
    await call(api, 'POST', '/api/v1/namespaces/other/configmaps', configMap('x', {}, {}, 'other'));
    await call(api, 'POST', '/api/v1/namespaces/other/configmaps', configMap('y', {}, {}, 'other'));
    const evs = await all.waitFor(3);
    expect(evs.map((e) => `${String(e.object.metadata && (e.object.metadata as { namespace?: string }).namespace)}/${e.object.metadata?.name}`)).toEqual([
      'default/x',
      'other/x',
      'other/y',
    ]);
    const single = await one.waitFor(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(single.map((e) => e.object.metadata?.name)).toEqual(['x']);
    await all.close();
    await one.close();
  });

  it('serves events.k8s.io/v1 watches from the shared event store', async () => {
    const w = await WatchReader.open(api, '/apis/events.k8s.io/v1/namespaces/default/events?watch=true&fieldSelector=regarding.name%3Dweb-0');
    await call(api, 'POST', '/apis/events.k8s.io/v1/namespaces/default/events', v1Event('e1'));
    const [ev] = await w.waitFor(1);
    expect(ev!.object).toMatchObject({ kind: 'Event', apiVersion: 'events.k8s.io/v1', regarding: { name: 'web-0' } });
    await w.close();
  });

  it('ends open watches on stop()', async () => {
    const w = await WatchReader.open(api, `${CM}?watch=true&allowWatchBookmarks=true`);
    await api.stop();
    await w.closed();
    expect(w.ended).toBe(true);
  });
});

describe('client-node informers and Watch', () => {
  let api: TestApiServer;
  beforeEach(async () => {
    api = await startTestApiServer({ bookmarkIntervalMs: 100 });
  });
  afterEach(async () => {
    await api.stop();
  });

  async function exercise(informer: {
    on(verb: 'add' | 'update' | 'delete', cb: (obj: { metadata?: { name?: string }; data?: Record<string, string> }) => void): void;
    start(): Promise<void>;
    stop(): Promise<void>;
  }): Promise<string[]> {
    const seen: string[] = [];
    informer.on('add', (o) => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => seen.push(`update ${o.metadata?.name} ${o.data?.['v']}`));
    informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name}`));
    await call(api, 'POST', CM, configMap('existing', {}, { v: '0' }));
    await informer.start();
    await until(() => seen.length === 1);
    await call(api, 'POST', CM, configMap('fresh', {}, { v: '1' }));
    await until(() => seen.length === 2);
    await call(api, 'PATCH', `${CM}/fresh`, { data: { v: '2' } }, { contentType: 'application/strategic-merge-patch+json' });
    await until(() => seen.length === 3);
    await call(api, 'DELETE', `${CM}/fresh`);
    await until(() => seen.length === 4);
    await informer.stop();
    return seen;
  }

  const expected = ['add existing', 'add fresh', 'update fresh 2', 'delete fresh'];

  it('client-node 2.x makeInformer sees add, update and delete', async () => {
    const kc = api.kubeConfig;
    const core = kc.makeApiClient(k2.CoreV1Api);
    const informer = k2.makeInformer(kc, CM, () => core.listNamespacedConfigMap({ namespace: 'default' }));
    expect(await exercise(informer)).toEqual(expected);
  });

  it('client-node 1.4 makeInformer sees add, update and delete', async () => {
    const kc = new k1.KubeConfig();
    kc.loadFromString(api.kubeConfig.exportConfig());
    const core = kc.makeApiClient(k1.CoreV1Api);
    const informer = k1.makeInformer(kc, CM, () => core.listNamespacedConfigMap({ namespace: 'default' }));
    expect(await exercise(informer)).toEqual(expected);
  });

  it.each([
    ['2.x', (api: TestApiServer) => new k2.Watch(api.kubeConfig)],
    [
      '1.4',
      (api: TestApiServer) => {
        const kc = new k1.KubeConfig();
        kc.loadFromString(api.kubeConfig.exportConfig());
        return new k1.Watch(kc);
      },
    ],
  ] as const)('client-node %s Watch streams events with bookmarks and ends on server stop', async (_v, make) => {
    const watch = make(api);
    const types: string[] = [];
    let doneErr: unknown = 'not called';
    const controller = await watch.watch(
      '/api/v1/namespaces/default/events',
      { allowWatchBookmarks: true },
      (type: string) => types.push(type),
      (err: unknown) => {
        doneErr = err;
      },
    );
    await call(api, 'POST', '/apis/events.k8s.io/v1/namespaces/default/events', v1Event('w1'));
    await until(() => types.includes('ADDED') && types.includes('BOOKMARK'));
    await api.stop();
    await until(() => doneErr !== 'not called');
    controller.abort();
    expect(types[0]).toBe('ADDED');
  });
});
