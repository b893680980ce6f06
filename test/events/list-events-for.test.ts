// listEventsFor over real HTTP with client-node against the in-memory API server: the selector picks one
// object's events (escaped names included), cluster-scoped objects are searched in every namespace, the
// result is sorted by last occurrence, and failures are typed.
import { CoreV1Api, EventsV1Api, type CoreV1Event, type KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { EventQueryError, listEventsFor } from '../../src/index.js';
import type { TestApiServer } from '../../src/testing/api-server/index.js';
import { apiServers } from '../support/api-servers.js';

const server = apiServers();

function coreEvent(name: string, namespace: string, involved: CoreV1Event['involvedObject'], lastTimestamp: string, extra: Partial<CoreV1Event> = {}): CoreV1Event {
  return {
    metadata: { name, namespace },
    involvedObject: involved,
    reason: 'Started',
    message: name,
    source: { component: 'demo' },
    firstTimestamp: new Date('2026-11-24T10:00:00Z'),
    lastTimestamp: new Date(lastTimestamp),
    count: 1,
    type: 'Normal',
    ...extra,
  };
}

async function seed(api: TestApiServer): Promise<KubeConfig> {
  const kc = api.kubeConfig;
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: 'other' } } });
  const web0 = { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'default', uid: 'u1' };
  const rows: CoreV1Event[] = [
    coreEvent('web-0.c', 'default', web0, '2026-11-24T10:03:00Z'),
    coreEvent('web-0.a', 'default', web0, '2026-11-24T10:05:00Z'),
    coreEvent('web-0.b', 'default', web0, '2026-11-24T10:01:00Z'),
    // same name, another uid (an earlier pod web-0): not this object
    coreEvent('web-0.old', 'default', { ...web0, uid: 'u0' }, '2026-11-24T09:00:00Z'),
    coreEvent('web-1.a', 'default', { ...web0, name: 'web-1', uid: 'u2' }, '2026-11-24T10:00:00Z'),
    // a name only a selector with escaping can select
    coreEvent('odd.a', 'default', { apiVersion: 'v1', kind: 'Pod', name: 'a,b=c\\d', namespace: 'default' }, '2026-11-24T10:00:00Z'),
    // a cluster-scoped Node: its events can only be in default
    coreEvent('n1.a', 'default', { apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'n1-uid' }, '2026-11-24T10:02:00Z'),
    coreEvent('n1.b', 'default', { apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'n1-uid' }, '2026-11-24T10:01:00Z'),
    // a pod of the same name in another namespace
    coreEvent('web-0.x', 'other', { ...web0, namespace: 'other' }, '2026-11-24T10:00:00Z'),
  ];
  for (const body of rows) await core.createNamespacedEvent({ namespace: body.metadata?.namespace ?? '', body });
  return kc;
}

const names = (events: Array<{ metadata?: { name?: string } }>): Array<string | undefined> => events.map((e) => e.metadata?.name);

describe('listEventsFor', () => {
  it('lists the events about one pod (name, namespace, kind and uid), oldest last occurrence first', async () => {
    const api = await server();
    const kc = await seed(api);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default', uid: 'u1' } };
    const events = await listEventsFor(kc, pod);
    expect(names(events)).toEqual(['web-0.b', 'web-0.c', 'web-0.a']);
    expect(events.map((e) => e.lastTimestamp?.toISOString())).toEqual(['2026-11-24T10:01:00.000Z', '2026-11-24T10:03:00.000Z', '2026-11-24T10:05:00.000Z']);
    expect(api.requests().at(-1)?.path).toBe(
      '/api/v1/namespaces/default/events?fieldSelector=involvedObject.kind%3DPod%2CinvolvedObject.name%3Dweb-0%2CinvolvedObject.namespace%3Ddefault%2CinvolvedObject.uid%3Du1&limit=500',
    );
  });

  it('finds an object whose name needs escaping', async () => {
    const api = await server();
    const kc = await seed(api);
    const events = await listEventsFor(kc, { apiVersion: 'v1', kind: 'Pod', name: 'a,b=c\\d', namespace: 'default' });
    expect(names(events)).toEqual(['odd.a']);
  });

  it('looks in default for a cluster-scoped object (namespace= selects the empty involvedObject.namespace), or everywhere on request', async () => {
    const api = await server();
    const kc = await seed(api);
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'n1-uid' } };
    expect(names(await listEventsFor(kc, node))).toEqual(['n1.b', 'n1.a']);
    expect(api.requests().at(-1)?.path).toBe(
      '/api/v1/namespaces/default/events?fieldSelector=involvedObject.kind%3DNode%2CinvolvedObject.name%3Dn1%2CinvolvedObject.namespace%3D%2CinvolvedObject.uid%3Dn1-uid&limit=500',
    );
    expect(names(await listEventsFor(kc, node, { allNamespaces: true }))).toEqual(['n1.b', 'n1.a']);
    expect(api.requests().at(-1)?.path).toMatch(/^\/api\/v1\/events\?fieldSelector=/);
    // a reference without uid: every pod web-0 in that namespace, none from the other namespace
    const web0 = await listEventsFor(kc, { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'other' });
    expect(names(web0)).toEqual(['web-0.x']);
    expect(names(await listEventsFor(kc, { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'default' }))).toEqual(['web-0.old', 'web-0.b', 'web-0.c', 'web-0.a']);
  });

  it('lists through events.k8s.io/v1 with regarding.* and returns that shape, sorted by series/deprecated timestamps', async () => {
    const api = await server();
    const kc = await seed(api);
    await kc.makeApiClient(EventsV1Api).createNamespacedEvent({
      namespace: 'default',
      body: {
        metadata: { name: 'web-0.v1' },
        // MicroTime needs six fractional digits; client-node would print milliseconds for a Date
        eventTime: '2026-11-24T10:04:00.000000Z' as unknown as Date,
        action: 'Start',
        reason: 'Started',
        regarding: { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'default', uid: 'u1' },
        note: 'via events.k8s.io',
        reportingController: 'example.com/demo',
        reportingInstance: 'demo-1',
        type: 'Normal',
      },
    });
    const events = await listEventsFor(kc, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default', uid: 'u1' } }, { api: 'events.k8s.io/v1' });
    expect(names(events)).toEqual(['web-0.b', 'web-0.c', 'web-0.v1', 'web-0.a']);
    expect(events[2]?.note).toBe('via events.k8s.io');
    expect(api.requests().at(-1)?.path).toMatch(/^\/apis\/events\.k8s\.io\/v1\/namespaces\/default\/events\?fieldSelector=regarding\.kind%3DPod%2Cregarding\.name%3Dweb-0%2C/);
    // core/v1 sees the events.k8s.io event too: one store, two views
    expect(names(await listEventsFor(kc, { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'default', uid: 'u1' }))).toEqual(['web-0.b', 'web-0.c', 'web-0.v1', 'web-0.a']);
  });

  it('follows continue tokens page by page', async () => {
    const api = await server();
    const kc = await seed(api);
    const events = await listEventsFor(kc, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default', uid: 'u1' } }, { pageSize: 1 });
    expect(names(events)).toEqual(['web-0.b', 'web-0.c', 'web-0.a']);
    expect(api.requests().filter((r) => r.verb === 'list').map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('rejects with a typed ListFailed error carrying the status and reason', async () => {
    const api = await server({ tokens: { root: { user: 'root', admin: true }, weak: { user: 'alice' } } });
    const err = await listEventsFor(api.kubeConfigFor('weak'), { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'default' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EventQueryError);
    expect(err).toMatchObject({
      code: 'ListFailed',
      status: 403,
      reason: 'Forbidden',
      message:
        'listing events (involvedObject.kind=Pod,involvedObject.name=web-0,involvedObject.namespace=default) in namespace "default" answered HTTP 403: ' +
        'events is forbidden: User "alice" cannot list resource "events" in API group "" in the namespace "default"',
    });
  });

  it('rejects with TransportError when nobody answers', async () => {
    const api = await server();
    const kc = api.kubeConfig;
    await api.stop();
    const err = await listEventsFor(kc, { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'default' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'EventQueryError', code: 'TransportError', status: undefined });
  });

  it.each([
    [{ api: 'v2' }, `options.api must be 'v1' or 'events.k8s.io/v1', got "v2"`],
    [{ pageSize: 0 }, 'options.pageSize must be a positive integer, got 0'],
    [{ namespace: '' }, "options.namespace must be a non-empty string (omit it for the object's namespace)"],
    [{ allNamespaces: 'yes' }, 'options.allNamespaces must be a boolean, got string'],
    ['x', 'options must be an object, got string'],
  ])('rejects bad options %j with InvalidOptions before any request', async (options, message) => {
    const api = await server();
    const err = await listEventsFor(api.kubeConfig, { kind: 'Pod', name: 'p', namespace: 'default' }, options as never).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'InvalidOptions', message });
    expect(api.requests()).toEqual([]);
  });

  it.each([
    ['v1', 'regarding.name=web-0', 'field label not supported: regarding.name'],
    ['v1', 'involvedObject.foo=x', 'field label not supported: involvedObject.foo'],
    ['v1', 'note=x', 'field label not supported: note'],
    ['events.k8s.io/v1', 'involvedObject.name=web-0', 'field label not supported: involvedObject.name'],
    ['events.k8s.io/v1', 'source=demo', 'field label not supported: source'],
    ['events.k8s.io/v1', 'reportingComponent=demo', 'field label not supported: reportingComponent'],
    ['v1', 'involvedObject.name=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
    ['v1', 'involvedObject.name=a,b', "invalid selector: 'involvedObject.name=a,b'; can't understand 'b'"],
  ])('the API server answers %s ?fieldSelector=%s with 400 and the real message', async (group, fieldSelector, message) => {
    const api = await server();
    const list =
      group === 'v1'
        ? api.kubeConfig.makeApiClient(CoreV1Api).listNamespacedEvent({ namespace: 'default', fieldSelector })
        : api.kubeConfig.makeApiClient(EventsV1Api).listNamespacedEvent({ namespace: 'default', fieldSelector });
    const err = (await list.then(() => undefined, (e: unknown) => e)) as { code?: number; body?: string } | undefined;
    expect(err?.code).toBe(400);
    expect(JSON.parse(err?.body ?? '{}')).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 });
  });

  it.each([
    ['v1', 'source=demo,reportingComponent=,involvedObject.fieldPath=,type=Normal,reason=Started,metadata.name=web-0.a', ['web-0.a']],
    ['v1', 'involvedObject.name!=web-0,involvedObject.kind==Pod', ['odd.a', 'web-1.a']],
    ['events.k8s.io/v1', 'reportingController=,regarding.fieldPath=,regarding.apiVersion=v1,regarding.kind=Node', ['n1.a', 'n1.b']],
  ])('the API server selects %s events by the labels it supports: %s', async (group, fieldSelector, expected) => {
    const api = await server();
    const kc = await seed(api);
    const list =
      group === 'v1'
        ? await kc.makeApiClient(CoreV1Api).listNamespacedEvent({ namespace: 'default', fieldSelector })
        : await kc.makeApiClient(EventsV1Api).listNamespacedEvent({ namespace: 'default', fieldSelector });
    expect(names(list.items)).toEqual(expected);
  });
});
