// Where the in-memory API server used to differ from kube-apiserver v1.32 (issue 13, item 12): bodies of
// another kind or version, requests without credentials, metadata.managedFields, malformed bodies and
// unsupported patch types — each answered with the real status, reason and message.
import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApiServer, type JsonObject, type TestApiServer } from '../../../src/testing/api-server/index.js';
import { call, coreEvent, v1Event } from './helpers.js';

const EVENTS = '/api/v1/namespaces/default/events';
const V1_EVENTS = '/apis/events.k8s.io/v1/namespaces/default/events';

function status(code: number, reason: string, message: string, details?: JsonObject): JsonObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

describe('bodies of another kind or version (the decoder and the create/update handlers)', () => {
  let api: TestApiServer;
  beforeEach(async () => {
    api = await startTestApiServer();
  });
  afterEach(async () => {
    await api.stop();
  });

  it.each([
    [EVENTS, { apiVersion: 'v1', kind: 'Pod' }, 'Pod in version "v1" cannot be handled as a Event: converting (v1.Pod) to (core.Event): unknown conversion'],
    [V1_EVENTS, { apiVersion: 'v1', kind: 'Pod' }, 'Pod in version "v1" cannot be handled as a Event: converting (v1.Pod) to (core.Event): unknown conversion'],
    [EVENTS, { apiVersion: 'apps/v1', kind: 'Deployment' }, 'Deployment in version "v1" cannot be handled as a Event: converting (v1.Deployment) to (core.Event): unknown conversion'],
    [EVENTS, { kind: 'ConfigMap' }, 'ConfigMap in version "v1" cannot be handled as a Event: converting (v1.ConfigMap) to (core.Event): unknown conversion'],
    [EVENTS, { apiVersion: 'v1', kind: 'Foo' }, 'Foo in version "v1" cannot be handled as a Event: no kind "Foo" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'],
    [EVENTS, { apiVersion: 'v1', kind: 'event' }, 'event in version "v1" cannot be handled as a Event: no kind "event" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'],
    [EVENTS, { apiVersion: 'v2', kind: 'Event' }, 'Event in version "v2" cannot be handled as a Event: no kind "Event" is registered for version "v2" in scheme "pkg/api/legacyscheme/scheme.go:30"'],
    [V1_EVENTS, { apiVersion: 'events.k8s.io/v1', kind: 'Pod' }, 'Pod in version "v1" cannot be handled as a Event: no kind "Pod" is registered for version "events.k8s.io/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'],
    [EVENTS, { apiVersion: 'events.k8s.io/v1', kind: 'Event' }, 'the API version in the data (events.k8s.io/v1) does not match the expected API version (v1)'],
    [V1_EVENTS, { apiVersion: 'v1', kind: 'Event' }, 'the API version in the data (v1) does not match the expected API version (events.k8s.io/v1)'],
    [V1_EVENTS, { apiVersion: 'events.k8s.io/v1beta1', kind: 'Event' }, 'the API version in the data (events.k8s.io/v1beta1) does not match the expected API version (events.k8s.io/v1)'],
  ])('POST %s with %j answers 400 BadRequest and stores nothing', async (path, typeMeta, message) => {
    const body = path === EVENTS ? coreEvent('e1', 'default', typeMeta) : v1Event('e1', 'default', typeMeta);
    const r = await call(api, 'POST', path, body);
    expect(r.status).toBe(400);
    expect(r.body).toEqual(status(400, 'BadRequest', message));
    expect(api.events()).toEqual([]);
  });

  it('defaults a missing apiVersion and kind from the endpoint, as before', async () => {
    const { apiVersion: _a, kind: _k, ...bare } = coreEvent('bare');
    expect((await call(api, 'POST', EVENTS, bare)).status).toBe(201);
  });

  it('checks PUT bodies the same way', async () => {
    await call(api, 'POST', EVENTS, coreEvent('e1'));
    const r = await call(api, 'PUT', `${EVENTS}/e1`, coreEvent('e1', 'default', { kind: 'Pod' }));
    expect(r.body).toEqual(status(400, 'BadRequest', 'Pod in version "v1" cannot be handled as a Event: converting (v1.Pod) to (core.Event): unknown conversion'));
  });
});

describe('requests without credentials (anonymous auth, on by default in kube-apiserver)', () => {
  let api: TestApiServer;
  beforeEach(async () => {
    api = await startTestApiServer({ tokens: { root: { user: 'admin', admin: true } } });
  });
  afterEach(async () => {
    await api.stop();
  });

  it.each([
    ['GET', EVENTS, 'events is forbidden: User "system:anonymous" cannot list resource "events" in API group "" in the namespace "default"', { kind: 'events' }],
    ['POST', EVENTS, 'events is forbidden: User "system:anonymous" cannot create resource "events" in API group "" in the namespace "default"', { kind: 'events' }],
    ['PATCH', `${EVENTS}/e1`, 'events "e1" is forbidden: User "system:anonymous" cannot patch resource "events" in API group "" in the namespace "default"', { name: 'e1', kind: 'events' }],
    ['GET', '/api/v1/events?watch=true', 'events is forbidden: User "system:anonymous" cannot watch resource "events" in API group "" at the cluster scope', { kind: 'events' }],
    ['GET', '/apis/events.k8s.io/v1/events', 'events.events.k8s.io is forbidden: User "system:anonymous" cannot list resource "events" in API group "events.k8s.io" at the cluster scope', { group: 'events.k8s.io', kind: 'events' }],
    ['DELETE', '/api/v1/namespaces/kube-system', 'namespaces "kube-system" is forbidden: User "system:anonymous" cannot delete resource "namespaces" in API group "" in the namespace "kube-system"', { name: 'kube-system', kind: 'namespaces' }],
    ['GET', '/api', 'forbidden: User "system:anonymous" cannot get path "/api"', {}],
  ])('%s %s without a token: 403', async (method, path, message, details) => {
    const r = await call(api, method, path, method === 'POST' || method === 'PATCH' ? coreEvent('e1') : undefined, { contentType: method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' });
    expect(r.status).toBe(403);
    expect(r.body).toEqual(status(403, 'Forbidden', message, details));
    expect(api.requests().at(-1)).toMatchObject({ status: 403, user: 'system:anonymous' });
  });

  it('serves /version and the health checks to anonymous users (system:public-info-viewer)', async () => {
    expect((await call(api, 'GET', '/version')).status).toBe(200);
    expect((await call(api, 'GET', '/healthz')).text).toBe('ok');
  });

  it('treats another scheme or an empty bearer token as no credentials, and a wrong token as 401', async () => {
    const list = (authorization: string): Promise<Response> => fetch(api.url + EVENTS, { headers: { Authorization: authorization } });
    expect((await list('Basic dXNlcjpwYXNz')).status).toBe(403);
    expect((await list('Bearer ')).status).toBe(403);
    const wrong = await list('Bearer nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual(status(401, 'Unauthorized', 'Unauthorized'));
  });

  it('answers 401 instead with anonymousAuth: false', async () => {
    const strict = await startTestApiServer({ tokens: { root: { user: 'admin', admin: true } }, anonymousAuth: false });
    try {
      const r = await call(strict, 'GET', '/version');
      expect(r.status).toBe(401);
      expect(r.body).toEqual(status(401, 'Unauthorized', 'Unauthorized'));
    } finally {
      await strict.stop();
    }
  });
});

describe('metadata.managedFields (the field manager)', () => {
  let api: TestApiServer;
  let now = new Date('2026-11-24T10:00:00.750Z');
  beforeEach(async () => {
    now = new Date('2026-11-24T10:00:00.750Z');
    api = await startTestApiServer({ clock: { now: () => now } });
  });
  afterEach(async () => {
    await api.stop();
  });

  const send = async (method: string, path: string, body: unknown, contentType = 'application/json', userAgent = 'kube-record-demo/0.1.0 (linux/amd64)'): Promise<JsonObject> => {
    const res = await fetch(api.url + path, { method, headers: { 'Content-Type': contentType, 'User-Agent': userAgent }, body: JSON.stringify(body) });
    return (await res.json()) as JsonObject;
  };
  const managed = (obj: JsonObject): unknown => (obj['metadata'] as JsonObject)['managedFields'];
  const recorded = { reportingComponent: 'demo', reportingInstance: 'node-1' };

  it('records the creating manager (User-Agent up to "/"), Update, the version, the second and the fields set', async () => {
    const created = await send('POST', EVENTS, coreEvent('e1', 'default', { ...recorded, metadata: { name: 'e1', namespace: 'default', managedFields: [{ manager: 'liar' }] } }));
    expect(managed(created)).toEqual([
      {
        manager: 'kube-record-demo',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2026-11-24T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:count': {},
          'f:firstTimestamp': {},
          'f:involvedObject': {},
          'f:lastTimestamp': {},
          'f:message': {},
          'f:reason': {},
          'f:reportingComponent': {},
          'f:reportingInstance': {},
          'f:source': { 'f:component': {}, 'f:host': {} },
          'f:type': {},
        },
      },
    ]);
    // the same entries on GET, LIST and in the test handle
    expect(managed((await call(api, 'GET', `${EVENTS}/e1`)).body)).toEqual(managed(created));
    expect(managed(api.events()[0] as JsonObject)).toEqual(managed(created));
  });

  it('names client-node 2.x writes after its User-Agent (kubernetes-client-javascript/<version>)', async () => {
    const created = await api.kubeConfig.makeApiClient(CoreV1Api).createNamespacedEvent({
      namespace: 'default',
      body: { metadata: { name: 'cn' }, involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'default' }, reason: 'Started', type: 'Normal' },
    });
    expect(created.metadata?.managedFields?.map((e): unknown[] => [e.manager, e.operation, e.apiVersion, e.fieldsType, e.fieldsV1 as unknown])).toEqual([
      ['kubernetes-client-javascript', 'Update', 'v1', 'FieldsV1', { 'f:involvedObject': {}, 'f:reason': {}, 'f:type': {} }],
    ]);
  });

  it('takes a PUT of a read object (managedFields included) without warnings, keeping the server\'s entries', async () => {
    const created = await send('POST', EVENTS, coreEvent('rt', 'default', recorded));
    now = new Date('2026-11-24T10:07:00Z');
    const res = await fetch(`${api.url}${EVENTS}/rt`, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'User-Agent': 'kube-record-demo/0.1.0' }, body: JSON.stringify({ ...created, count: 9 }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('warning')).toBeNull();
    const body = (await res.json()) as JsonObject;
    expect(body['count']).toBe(9);
    expect(managed(body)).toEqual([{ ...(managed(created) as JsonObject[])[0], time: '2026-11-24T10:07:00Z' }]);
  });

  it('moves fields another manager patches to that manager; the same manager keeps its set and gets a new time', async () => {
    await send('POST', EVENTS, coreEvent('e1', 'default', recorded));
    now = new Date('2026-11-24T10:05:00Z');
    const patch = { count: 2, lastTimestamp: '2026-11-24T10:05:00Z', message: 'again' };
    const same = await send('PATCH', `${EVENTS}/e1`, patch, 'application/strategic-merge-patch+json');
    expect(managed(same)).toEqual([expect.objectContaining({ manager: 'kube-record-demo', time: '2026-11-24T10:05:00Z' })]);
    now = new Date('2026-11-24T10:06:00Z');
    const other = await send('PATCH', `${EVENTS}/e1?fieldManager=kubectl-edit`, { count: 3, message: 'edited' }, 'application/merge-patch+json');
    expect(managed(other)).toEqual([
      {
        manager: 'kube-record-demo',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2026-11-24T10:05:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:firstTimestamp': {},
          'f:involvedObject': {},
          'f:lastTimestamp': {},
          'f:reason': {},
          'f:reportingComponent': {},
          'f:reportingInstance': {},
          'f:source': { 'f:component': {}, 'f:host': {} },
          'f:type': {},
        },
      },
      { manager: 'kubectl-edit', operation: 'Update', apiVersion: 'v1', time: '2026-11-24T10:06:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:count': {}, 'f:message': {} } },
    ]);
    // a patch that changes nothing leaves managedFields (and the resourceVersion) alone
    const rv = (other['metadata'] as JsonObject)['resourceVersion'];
    const noop = await send('PATCH', `${EVENTS}/e1?fieldManager=kubectl-edit`, { count: 3 }, 'application/merge-patch+json');
    expect((noop['metadata'] as JsonObject)['resourceVersion']).toBe(rv);
    expect(managed(noop)).toEqual(managed(other));
  });

  it('keeps entries per version on events.k8s.io/v1: series is a granular struct, regarding atomic', async () => {
    await send('POST', V1_EVENTS, v1Event('s1'));
    const patched = await send('PATCH', `${V1_EVENTS}/s1`, { series: { count: 2, lastObservedTime: '2026-11-24T10:01:00.000000Z' } }, 'application/merge-patch+json');
    expect(managed(patched)).toEqual([
      {
        manager: 'kube-record-demo',
        operation: 'Update',
        apiVersion: 'events.k8s.io/v1',
        time: '2026-11-24T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:action': {},
          'f:eventTime': {},
          'f:note': {},
          'f:reason': {},
          'f:regarding': {},
          'f:reportingController': {},
          'f:reportingInstance': {},
          'f:series': { '.': {}, 'f:count': {}, 'f:lastObservedTime': {} },
          'f:type': {},
        },
      },
    ]);
    // through core/v1 the same manager gets a v1 entry; the events.k8s.io entry loses the field it changed
    const viaCore = await send('PATCH', `${EVENTS}/s1`, { reason: 'Renamed' }, 'application/merge-patch+json');
    expect((managed(viaCore) as JsonObject[]).map((e) => [e['apiVersion'], Object.keys(e['fieldsV1'] as JsonObject)])).toEqual([
      ['events.k8s.io/v1', ['f:action', 'f:eventTime', 'f:note', 'f:regarding', 'f:reportingController', 'f:reportingInstance', 'f:series', 'f:type']],
      ['v1', ['f:reason']],
    ]);
  });

  it('owns metadata maps key by key, with "." for the map itself (a namespace: the name label, status reset)', async () => {
    const ns = await send('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'evtest' } }, 'application/json', 'kubectl-create/v1.32.0 (linux/amd64) kubernetes/abc');
    expect(managed(ns)).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2026-11-24T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:kubernetes.io/metadata.name': {} } } },
      },
    ]);
  });

  it('records server-side apply as an Apply entry, listed before Update entries', async () => {
    await send('POST', EVENTS, coreEvent('a1', 'default', recorded));
    const applied = await send('PATCH', `${EVENTS}/a1?fieldManager=ops`, { apiVersion: 'v1', kind: 'Event', metadata: { name: 'a1', labels: { team: 'x' } }, message: 'applied' }, 'application/apply-patch+yaml');
    expect(applied['message']).toBe('applied');
    expect((managed(applied) as JsonObject[]).map((e) => [e['manager'], e['operation'], e['fieldsV1']])).toEqual([
      ['ops', 'Apply', { 'f:message': {}, 'f:metadata': { 'f:labels': { 'f:team': {} } } }],
      [
        'kube-record-demo',
        'Update',
        {
          'f:count': {},
          'f:firstTimestamp': {},
          'f:involvedObject': {},
          'f:lastTimestamp': {},
          'f:reason': {},
          'f:reportingComponent': {},
          'f:reportingInstance': {},
          'f:source': { 'f:component': {}, 'f:host': {} },
          'f:type': {},
        },
      ],
    ]);
  });

  it('requires a fieldManager for apply', async () => {
    const r = await call(api, 'PATCH', `${EVENTS}/a1`, { apiVersion: 'v1', kind: 'Event' }, { contentType: 'application/apply-patch+yaml' });
    expect(r.status).toBe(422);
    expect(r.body).toEqual(
      status(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', {
        group: 'meta.k8s.io',
        kind: 'PatchOptions',
        causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }],
      }),
    );
  });
});

describe('malformed bodies and unsupported patch types', () => {
  let api: TestApiServer;
  beforeEach(async () => {
    api = await startTestApiServer();
  });
  afterEach(async () => {
    await api.stop();
  });

  it.each([
    ['{"metadata":', "couldn't get version/kind; json parse error: unexpected end of JSON input ({\"metadata\":)"],
    ['{"metadata":{"name":"x"},"reason":', "couldn't get version/kind; json parse error: unexpected end of JSON input ({\"metadata\":{\"name\":\"x\"},\"reas ...)"],
    ['', "couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)"],
    ['nope', "couldn't get version/kind; json parse error: invalid character 'o' in literal null (expecting 'u') (6e6f7065)"],
    [
      '["a"]',
      'couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (5b2261225d)',
    ],
    ['{"kind":5}', "couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string ({\"kind\":5})"],
  ])('POST body %j: 400 "the object provided is unrecognized"', async (raw, cause) => {
    const r = await call(api, 'POST', EVENTS, undefined, { raw, contentType: 'application/json' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual(status(400, 'BadRequest', `the object provided is unrecognized (must be of type Event): ${cause}`));
  });

  it('answers 415 to an unsupported patch type, listing the four the server accepts', async () => {
    await call(api, 'POST', EVENTS, coreEvent('e1'));
    const r = await call(api, 'PATCH', `${EVENTS}/e1`, { count: 2 }, { contentType: 'application/json' });
    expect(r.status).toBe(415);
    expect(r.body).toEqual(
      status(
        415,
        'UnsupportedMediaType',
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
      ),
    );
  });
});
