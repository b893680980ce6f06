// The sinks' lean event requests against client-node's own: the same call sent through client-node's
// generated API and through the sink (which, made from a KubeConfig, sends it itself) to a capturing
// server must carry the same method, path, headers client-node sets, and body; and the same answer must
// come back as the same object or the same ApiException. Runs on client-node 2.x (`npm test`) and 1.4
// (`npm run test:compat`), so neither line can drift from the lean path.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiException, CoreV1Api, EventsV1Api, KubeConfig, PatchStrategy, setHeaderOptions, type CoreV1Event, type EventsV1Event } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { EventsV1EventSink } from '../../src/events/events-v1-sink.js';
import { CoreV1EventSink } from '../../src/record/core-v1-sink.js';
import { EventHttpClient } from '../../src/engine/event-http-client.js';

interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Answer {
  status: number;
  headers?: Record<string, string | string[]>;
  body: string;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A server that records every request and answers each with `answer(request)`. */
async function capturing(answer: (req: Captured) => Answer): Promise<{ url: string; requests: Captured[] }> {
  const requests: Captured[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const captured = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(captured);
      const a = answer(captured);
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

function kubeConfig(url: string, user: Record<string, unknown> = { token: 'tok-1', impersonateUser: 'alice' }): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
    users: [{ name: 'u', ...user }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

/** The headers client-node sets itself (fetch adds user-agent, accept-encoding and the like). */
function ownHeaders(h: IncomingHttpHeaders): Record<string, string | undefined> {
  const pick = (name: string) => h[name] as string | undefined;
  return {
    accept: pick('accept'),
    'content-type': pick('content-type'),
    'content-length': pick('content-length'),
    authorization: pick('authorization'),
    'impersonate-user': pick('impersonate-user'),
  };
}

const coreEvent: CoreV1Event = {
  metadata: { name: 'web-0.18a2b3c4d5e6f708', namespace: 'team-a' },
  involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'team-a', uid: 'u-1', resourceVersion: '7', fieldPath: 'spec.containers{app}' },
  reason: 'BackOff',
  message: 'Back-off restarting failed container app — "quoted" ünïcode',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: new Date('2026-11-24T10:00:00Z'),
  lastTimestamp: new Date('2026-11-24T10:00:05Z'),
  count: 1,
  type: 'Warning',
  reportingComponent: 'kubelet',
  reportingInstance: 'node-1',
};
const eventsV1Event: EventsV1Event = {
  metadata: { name: 'web-0.18a2b3c4d5e6f709', namespace: 'team-a' },
  eventTime: '2026-11-24T10:00:00.123456Z' as unknown as Date,
  reportingController: 'example.com/ctrl',
  reportingInstance: 'ctrl-1',
  action: 'Restarting',
  reason: 'BackOff',
  regarding: { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'team-a', uid: 'u-1' },
  note: 'Back-off restarting failed container app',
  type: 'Warning',
};
/**
 * What an API server answers a write with: the stored object, with server-set metadata (only fields
 * client-node's models know: it drops unknown ones, the lean path keeps them).
 */
const stored = (event: object, eventsV1 = 'reportingController' in event || 'series' in event): string =>
  JSON.stringify({
    kind: 'Event',
    apiVersion: eventsV1 ? 'events.k8s.io/v1' : 'v1',
    ...event,
    metadata: {
      ...(event as { metadata: object }).metadata,
      uid: 'srv-uid',
      resourceVersion: '42',
      creationTimestamp: '2026-11-24T10:00:00Z',
      managedFields: [{ manager: 'kube-record', operation: 'Update', apiVersion: 'v1', time: '2026-11-24T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: {} }],
    },
    ...(eventsV1 ? { deprecatedFirstTimestamp: '2026-11-24T10:00:00Z' } : { firstTimestamp: '2026-11-24T10:00:00Z' }),
    series: { count: 2, lastObservedTime: '2026-11-24T10:00:01.000000Z' },
  });

type Call = { name: string; viaClientNode: (kc: KubeConfig) => Promise<unknown>; viaSink: (kc: KubeConfig) => Promise<unknown> };
const corePatch = { count: 2, lastTimestamp: '2026-11-24T10:00:09Z', message: 'again' };
const seriesPatch = { series: { count: 3, lastObservedTime: '2026-11-24T10:00:09.000001Z' } };
const CALLS: Call[] = [
  {
    name: 'core/v1 create',
    viaClientNode: (kc) => kc.makeApiClient(CoreV1Api).createNamespacedEvent({ namespace: 'team-a', body: coreEvent }),
    viaSink: (kc) => new CoreV1EventSink(kc).create(coreEvent),
  },
  {
    name: 'core/v1 strategic-merge patch',
    viaClientNode: (kc) =>
      kc.makeApiClient(CoreV1Api).patchNamespacedEvent({ name: coreEvent.metadata.name!, namespace: 'team-a', body: corePatch }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch)),
    viaSink: (kc) => new CoreV1EventSink(kc).patch(coreEvent, corePatch),
  },
  {
    name: 'core/v1 update',
    viaClientNode: (kc) => kc.makeApiClient(CoreV1Api).replaceNamespacedEvent({ name: coreEvent.metadata.name!, namespace: 'team-a', body: coreEvent }),
    viaSink: (kc) => new CoreV1EventSink(kc).update(coreEvent),
  },
  {
    name: 'events.k8s.io/v1 create',
    viaClientNode: (kc) => kc.makeApiClient(EventsV1Api).createNamespacedEvent({ namespace: 'team-a', body: eventsV1Event }),
    viaSink: (kc) => new EventsV1EventSink(kc).create(eventsV1Event),
  },
  {
    name: 'events.k8s.io/v1 series patch',
    viaClientNode: (kc) =>
      kc.makeApiClient(EventsV1Api).patchNamespacedEvent({ name: eventsV1Event.metadata!.name!, namespace: 'team-a', body: seriesPatch }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)),
    viaSink: (kc) => new EventsV1EventSink(kc).patch(eventsV1Event, seriesPatch),
  },
  {
    name: 'events.k8s.io/v1 update',
    viaClientNode: (kc) => kc.makeApiClient(EventsV1Api).replaceNamespacedEvent({ name: eventsV1Event.metadata!.name!, namespace: 'team-a', body: eventsV1Event }),
    viaSink: (kc) => new EventsV1EventSink(kc).update(eventsV1Event),
  },
];

const settle = (p: Promise<unknown>): Promise<{ ok: unknown } | { error: unknown }> => p.then((ok) => ({ ok }), (error: unknown) => ({ error }));

describe('lean event requests match client-node', () => {
  for (const call of CALLS) {
    it(`${call.name}: same method, path, headers, body and server copy`, async () => {
      const { url, requests } = await capturing((req) => ({ status: req.method === 'POST' ? 201 : 200, body: stored(JSON.parse(req.body) as object) }));
      const kc = kubeConfig(url);
      const theirs = await call.viaClientNode(kc);
      const ours = await call.viaSink(kc);
      const [a, b] = requests;
      expect(b!.method).toBe(a!.method);
      expect(b!.url).toBe(a!.url);
      expect(ownHeaders(b!.headers)).toEqual(ownHeaders(a!.headers));
      expect(ownHeaders(b!.headers).authorization).toBe('Bearer tok-1');
      // Key order may differ (client-node writes its models' field order); the JSON is the same.
      expect(JSON.parse(b!.body)).toEqual(JSON.parse(a!.body));
      expect(ours).toEqual(theirs);
      expect((ours as { metadata: { creationTimestamp: unknown } }).metadata.creationTimestamp).toBeInstanceOf(Date);
    });
  }

  const ANSWERS: Array<{ name: string; answer: Answer }> = [
    { name: '404 Not Found', answer: { status: 404, body: '{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}' } },
    { name: '409 AlreadyExists', answer: { status: 409, body: '{"kind":"Status","reason":"AlreadyExists","code":409}' } },
    { name: '429 with Retry-After', answer: { status: 429, headers: { 'retry-after': '3', 'x-multi': ['a', 'b'] }, body: '{"kind":"Status","reason":"TooManyRequests","code":429}' } },
    { name: '403 namespace terminating', answer: { status: 403, body: '{"kind":"Status","reason":"Forbidden","details":{"causes":[{"reason":"NamespaceTerminating"}]},"code":403}' } },
    { name: '500 with a text body', answer: { status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error' } },
    { name: '401 Unauthorized', answer: { status: 401, body: '{"kind":"Status","reason":"Unauthorized","code":401}' } },
  ];
  for (const { name, answer } of ANSWERS) {
    it(`maps ${name} to the ApiException client-node throws`, async () => {
      const { url } = await capturing(() => answer);
      const kc = kubeConfig(url);
      for (const call of [CALLS[0]!, CALLS[4]!]) {
        const theirs = await settle(call.viaClientNode(kc));
        const ours = await settle(call.viaSink(kc));
        expect('error' in ours && 'error' in theirs).toBe(true);
        const [t, o] = [(theirs as { error: ApiException<unknown> }).error, (ours as { error: ApiException<unknown> }).error];
        expect(o).toBeInstanceOf(ApiException);
        expect(o.code).toBe(answer.status);
        expect(o.code).toBe(t.code);
        expect(o.body).toEqual(t.body);
        // Date and connection differ by request; every other header must be the same.
        const { date: _d1, connection: _c1, 'keep-alive': _k1, ...oh } = o.headers;
        const { date: _d2, connection: _c2, 'keep-alive': _k2, ...th } = t.headers;
        expect(oh).toEqual(th);
        expect(o.message.split('\nHeaders:')[0]).toBe(t.message.split('\nHeaders:')[0]);
      }
    });
  }
});

describe('lean event requests: credentials', () => {
  it('sends a request rejected with 401 once more with credentials read again (a rotated token)', async () => {
    let accepted = 'tok-1';
    const { url, requests } = await capturing((req) =>
      req.headers.authorization === `Bearer ${accepted}` ? { status: 201, body: stored(JSON.parse(req.body) as object) } : { status: 401, body: '{"kind":"Status","code":401}' },
    );
    const kc = kubeConfig(url, { token: 'tok-1' });
    const sink = new CoreV1EventSink(kc);
    await sink.create(coreEvent);
    accepted = 'tok-2';
    kc.users[0] = { ...kc.users[0]!, token: 'tok-2' };
    const written = await sink.create(coreEvent);
    expect(written.metadata.resourceVersion).toBe('42');
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
    // A token still rejected after the fresh read is the answer: one retry, then the 401.
    accepted = 'none';
    const error = await sink.create(coreEvent).then(() => undefined, (e: unknown) => e);
    expect((error as ApiException<undefined>).code).toBe(401);
    expect(requests).toHaveLength(5);
    await sink.close();
  });

  it('authenticates with an exec plugin credential, as client-node does', async () => {
    const { url, requests } = await capturing((req) => ({ status: 201, body: stored(JSON.parse(req.body) as object) }));
    const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'exec-token' } });
    const exec = { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', `process.stdout.write(${JSON.stringify(credential)})`], interactiveMode: 'Never' };
    const kc = kubeConfig(url, { exec });
    const sink = new CoreV1EventSink(kc);
    await sink.create(coreEvent);
    await sink.patch(coreEvent, corePatch);
    await kc.makeApiClient(CoreV1Api).createNamespacedEvent({ namespace: 'team-a', body: coreEvent });
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer exec-token', 'Bearer exec-token', 'Bearer exec-token']);
    await sink.close();
  });

  it('sends user name and password as Basic authorization, as client-node does', async () => {
    const { url, requests } = await capturing((req) => ({ status: 201, body: stored(JSON.parse(req.body) as object) }));
    const kc = kubeConfig(url, { username: 'admin', password: 's3cret' });
    await new CoreV1EventSink(kc).create(coreEvent);
    await kc.makeApiClient(CoreV1Api).createNamespacedEvent({ namespace: 'team-a', body: coreEvent });
    expect(requests.map((r) => r.headers.authorization)).toEqual([`Basic ${Buffer.from('admin:s3cret').toString('base64')}`, `Basic ${Buffer.from('admin:s3cret').toString('base64')}`]);
  });

  it('serves a cluster under a path prefix at that prefix', async () => {
    const { url, requests } = await capturing((req) => ({ status: 201, body: stored(JSON.parse(req.body) as object) }));
    const kc = kubeConfig(`${url}/k8s/clusters/c-1/`);
    await new CoreV1EventSink(kc).create(coreEvent);
    await kc.makeApiClient(CoreV1Api).createNamespacedEvent({ namespace: 'team-a', body: coreEvent });
    expect(requests.map((r) => r.url)).toEqual(['/k8s/clusters/c-1/api/v1/namespaces/team-a/events', requests[1]!.url]);
  });

  it('leaves proxies and plain HTTP without skipTLSVerify to client-node', () => {
    const withProxy = new KubeConfig();
    withProxy.loadFromOptions({ clusters: [{ name: 'c', server: 'https://10.0.0.1', proxyUrl: 'http://proxy:3128', skipTLSVerify: false }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
    const plain = kubeConfig('http://10.0.0.1');
    plain.clusters[0] = { ...plain.clusters[0]!, skipTLSVerify: false };
    expect(EventHttpClient.for(withProxy)).toBeUndefined();
    expect(EventHttpClient.for(plain)).toBeUndefined();
    expect(EventHttpClient.for(kubeConfig('https://10.0.0.1'))).toBeInstanceOf(EventHttpClient);
  });
});

describe('lean event requests: bodies JSON cannot carry', () => {
  it('rejects (does not throw) an event with a cycle, sending nothing', async () => {
    const { url, requests } = await capturing(() => ({ status: 201, body: '{}' }));
    const looped = { ...coreEvent, metadata: { ...coreEvent.metadata } } as CoreV1Event & { self?: unknown };
    looped.self = looped;
    const sink = new CoreV1EventSink(kubeConfig(url));
    let thrown: unknown;
    const result = (() => {
      try {
        return sink.create(looped);
      } catch (e) {
        thrown = e;
        return undefined;
      }
    })();
    expect(thrown).toBeUndefined();
    await expect(result).rejects.toThrow(TypeError);
    expect(requests).toHaveLength(0);
    await sink.close();
  });
});

describe('lean event requests: cancellation', () => {
  it('cancels every request in flight on a signal when it aborts, and one made after at once', async () => {
    let received = 0;
    let closed = 0;
    server = createServer((req) => {
      received++;
      req.socket.on('close', () => closed++);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const sink = new EventsV1EventSink(kubeConfig(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    const deadline = new AbortController();
    const pending = [1, 2, 3].map((i) => sink.create({ ...eventsV1Event, metadata: { name: `e.${i}`, namespace: 'team-a' } }, { signal: deadline.signal }).then(() => 'written', (e: unknown) => e));
    while (received < 3) await new Promise((r) => setImmediate(r));
    deadline.abort('shutdown deadline');
    const errors = (await Promise.all(pending)) as Array<{ name: string; code: string; cause: unknown }>;
    expect(errors.map((e) => [e.name, e.code, e.cause])).toEqual(Array.from({ length: 3 }, () => ['AbortError', 'ABORT_ERR', 'shutdown deadline']));
    const late = (await sink.create(eventsV1Event, { signal: deadline.signal }).then(() => 'written', (e: unknown) => e)) as { code: string };
    expect(late.code).toBe('ABORT_ERR');
    while (closed < 3) await new Promise((r) => setImmediate(r));
    expect(received).toBe(3);
    await sink.close();
  });
});
