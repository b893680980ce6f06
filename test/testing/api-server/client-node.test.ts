// Real @kubernetes/client-node 2.x (undici) and 1.4.0 (node-fetch) clients: CoreV1Api create/patch/list,
// EventsV1Api create/patch, and how errors surface (ApiException code, raw-text body, headers).
import * as k2 from '@kubernetes/client-node';
import * as k1 from '@kubernetes/client-node-1';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../../src/testing/api-server/index.js';

const coreBody = (name: string) => ({
  metadata: { name, namespace: 'default' },
  involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'default', uid: 'u1' },
  reason: 'Started',
  message: 'Started container web',
  source: { component: 'demo' },
  firstTimestamp: new Date('2026-11-24T10:00:00Z'),
  lastTimestamp: new Date('2026-11-24T10:00:00Z'),
  count: 1,
  type: 'Normal',
});

const v1Body = (name: string) => ({
  metadata: { name, namespace: 'default' },
  eventTime: new Date('2026-11-24T10:00:00.123Z'),
  action: 'Start',
  reason: 'Started',
  regarding: { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'default', uid: 'u1' },
  note: 'Started container web',
  reportingController: 'example.com/demo',
  reportingInstance: 'demo-1',
  type: 'Normal',
});

/** Both client versions build the same ConfigurationOptions shape; the rows below mix them behind 1.4's type. */
type PatchOptions = Parameters<k1.CoreV1Api['patchNamespacedEvent']>[1];

interface ApiError {
  code: number;
  body: unknown;
  headers: Record<string, string>;
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('client-node against the test API server', () => {
  let api: TestApiServer;
  beforeEach(async () => {
    api = await startTestApiServer({ tokens: { admin: { user: 'admin', admin: true }, weak: { user: 'weak' } } });
  });
  afterEach(async () => {
    await api.stop();
  });

  function kc1(token?: string): k1.KubeConfig {
    const kc = new k1.KubeConfig();
    kc.loadFromString((token ? api.kubeConfigFor(token) : api.kubeConfig).exportConfig());
    return kc;
  }

  it.each([
    ['2.x', (a: TestApiServer) => a.kubeConfig.makeApiClient(k2.CoreV1Api) as unknown as k1.CoreV1Api, k2.setHeaderOptions, k2.PatchStrategy],
    ['1.4', () => kc1().makeApiClient(k1.CoreV1Api), k1.setHeaderOptions, k1.PatchStrategy],
  ] as const)('client-node %s CoreV1Api creates, strategic-merge patches and lists events', async (_v, make, setHeaderOptions, PatchStrategy) => {
    const core = make(api);
    const created = await core.createNamespacedEvent({ namespace: 'default', body: coreBody('web-0.started') });
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(created.count).toBe(1);

    const patched = await core.patchNamespacedEvent(
      { name: 'web-0.started', namespace: 'default', body: { count: 2, lastTimestamp: '2026-11-24T10:01:00Z', message: 'again' } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch) as PatchOptions,
    );
    expect(patched.count).toBe(2);
    expect(patched.lastTimestamp).toEqual(new Date('2026-11-24T10:01:00Z'));
    const smp = api.requests().at(-1)!;
    expect(smp).toMatchObject({ method: 'PATCH', contentType: 'application/strategic-merge-patch+json', body: { count: 2, lastTimestamp: '2026-11-24T10:01:00Z', message: 'again' } });

    // Without a Content-Type option, both versions send a JSON patch.
    await core.patchNamespacedEvent({ name: 'web-0.started', namespace: 'default', body: [{ op: 'replace', path: '/count', value: 3 }] });
    expect(api.requests().at(-1)).toMatchObject({ contentType: 'application/json-patch+json', status: 200 });

    await core.createNamespacedEvent({ namespace: 'default', body: { ...coreBody('other'), involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default' } } });
    const list = await core.listNamespacedEvent({ namespace: 'default', fieldSelector: 'involvedObject.name=web-0' });
    expect(list.items.map((e) => [e.metadata?.name, e.count, e.message])).toEqual([['web-0.started', 3, 'again']]);
    expect(api.events().map((e) => (e['metadata'] as { name: string }).name)).toEqual(['other', 'web-0.started']);
  });

  it.each([
    ['2.x', (a: TestApiServer) => a.kubeConfig.makeApiClient(k2.EventsV1Api) as unknown as k1.EventsV1Api, k2.setHeaderOptions, k2.PatchStrategy, k2.V1MicroTime],
    ['1.4', () => kc1().makeApiClient(k1.EventsV1Api), k1.setHeaderOptions, k1.PatchStrategy, k1.V1MicroTime],
  ] as const)('client-node %s EventsV1Api creates and patches events', async (_v, make, setHeaderOptions, PatchStrategy, MicroTime) => {
    const events = make(api);
    // A Date eventTime is serialised with toISOString() (milliseconds), which kube-apiserver rejects
    // because MicroTime needs exactly six fractional digits; the test server does the same.
    const rejected = await failure(events.createNamespacedEvent({ namespace: 'default', body: v1Body('web-0.ev1') }));
    expect(rejected.code).toBe(400);
    expect(JSON.parse(rejected.body as string)).toMatchObject({
      reason: 'BadRequest',
      message:
        'Event in version "v1" cannot be handled as a Event: parsing time "2026-11-24T10:00:00.123Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".123Z" as ".000000"',
    });
    // The client's V1MicroTime (a Date whose toISOString pads to six digits) is what the API expects.
    const created = await events.createNamespacedEvent({
      namespace: 'default',
      body: { ...v1Body('web-0.ev1'), eventTime: new MicroTime('2026-11-24T10:00:00.123Z') },
    });
    // MicroTime comes back as the server's string (the generated model does not turn it into a Date).
    expect(created.eventTime as unknown).toBe('2026-11-24T10:00:00.123000Z');
    expect(api.requests().at(-1)).toMatchObject({ status: 201, body: { eventTime: '2026-11-24T10:00:00.123000Z' } });

    const patched = await events.patchNamespacedEvent(
      { name: 'web-0.ev1', namespace: 'default', body: { series: { count: 2, lastObservedTime: '2026-11-24T10:01:00.000000Z' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch) as PatchOptions,
    );
    expect(patched.series?.count).toBe(2);
    const core = api.events()[0]!;
    expect(core['series']).toEqual({ count: 2, lastObservedTime: '2026-11-24T10:01:00.000000Z' });
  });

  it.each([
    ['2.x', (a: TestApiServer, token?: string) => (token ? a.kubeConfigFor(token) : a.kubeConfig).makeApiClient(k2.CoreV1Api) as unknown as k1.CoreV1Api],
    ['1.4', (_a: TestApiServer, token?: string) => kc1(token).makeApiClient(k1.CoreV1Api)],
  ] as const)('client-node %s surfaces errors as ApiException with code, raw body text and headers', async (_v, make) => {
    const core = make(api);
    await core.createNamespacedEvent({ namespace: 'default', body: coreBody('dup') });
    const conflict = await failure(core.createNamespacedEvent({ namespace: 'default', body: coreBody('dup') }));
    expect(conflict.code).toBe(409);
    expect(typeof conflict.body).toBe('string');
    expect(JSON.parse(conflict.body as string)).toMatchObject({ reason: 'AlreadyExists', message: 'events "dup" already exists' });
    expect(conflict.headers['content-type']).toBe('application/json');

    const unauthorized = await failure(make(api, 'bogus').listNamespacedEvent({ namespace: 'default' }));
    expect(unauthorized.code).toBe(401);
    expect(unauthorized.body).toBeUndefined();

    const forbidden = await failure(make(api, 'weak').listNamespacedEvent({ namespace: 'default' }));
    expect(forbidden.code).toBe(403);
    expect(JSON.parse(forbidden.body as string)).toMatchObject({ reason: 'Forbidden' });

    api.faults.add({ path: /events$/, responses: [{ status: 429, retryAfterSeconds: 3 }] });
    const throttled = await failure(core.listNamespacedEvent({ namespace: 'default' }));
    expect(throttled.code).toBe(429);
    expect(throttled.headers['retry-after']).toBe('3');
  });
});
