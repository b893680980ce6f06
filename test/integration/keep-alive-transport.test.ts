// The sinks' keep-alive transport: every request of a sink over one connection, closed by close();
// clusters behind a proxy keep client-node's own transport.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { EventsV1EventSink } from '../../src/events/events-v1-sink.js';
import { CoreV1EventSink } from '../../src/record/core-v1-sink.js';
import { AGENT_REFRESH_MS, KeepAliveHttp } from '../../src/engine/keep-alive-http.js';
import { makeTestEvent } from '../support/objects.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A server that answers every POST with 201 and the body it got, counting connections. */
async function echoServer(): Promise<{ url: string; connections: () => number; paths: string[] }> {
  let connections = 0;
  const paths: string[] = [];
  server = createServer((req, res) => {
    paths.push(`${req.method ?? ''} ${req.url ?? ''}`);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections, paths };
}

function kubeConfig(server: string, proxyUrl?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true, ...(proxyUrl ? { proxyUrl } : {}) }],
    users: [{ name: 'u', token: 'secret' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

describe('keep-alive transport', () => {
  it('sends every core/v1 create of a sink over one connection', async () => {
    const { url, connections, paths } = await echoServer();
    const sink = new CoreV1EventSink(kubeConfig(url));
    for (let i = 0; i < 10; i++) {
      const created = await sink.create(makeTestEvent({ metadata: { name: `web-0.${i}`, namespace: 'default' } }));
      expect(created.metadata.name).toBe(`web-0.${i}`);
    }
    expect(connections()).toBe(1);
    expect(paths[0]).toBe('POST /api/v1/namespaces/default/events');
    await sink.close();
  });

  it('does the same for the events.k8s.io/v1 sink', async () => {
    const { url, connections } = await echoServer();
    const sink = new EventsV1EventSink(kubeConfig(url));
    for (let i = 0; i < 5; i++) await sink.create({ metadata: { name: `e.${i}`, namespace: 'default' }, eventTime: new Date(0), reportingController: 'c', reportingInstance: 'i', action: 'A', reason: 'R', type: 'Normal' });
    expect(connections()).toBe(1);
    await sink.close();
  });

  it('opens a fresh pool after AGENT_REFRESH_MS (rotated credentials), and fresh connections after close()', async () => {
    const { url, connections } = await echoServer();
    const kc = kubeConfig(url);
    let now = 0;
    const http = KeepAliveHttp.for(kc, () => now)!;
    const api = kc.makeApiClient(CoreV1Api);
    const create = (i: number) => api.createNamespacedEvent({ namespace: 'default', body: makeTestEvent({ metadata: { name: `e.${i}`, namespace: 'default' } }) }, { httpApi: http });
    await create(1);
    now = AGENT_REFRESH_MS - 1;
    await create(2);
    expect(connections()).toBe(1);
    now = AGENT_REFRESH_MS;
    await create(3);
    await create(4);
    expect(connections()).toBe(2);
    await http.close();
    await create(5);
    await create(6);
    expect(connections()).toBe(4);
  });

  it('leaves clusters behind a proxy to client-node', () => {
    expect(KeepAliveHttp.for(kubeConfig('https://10.0.0.1', 'http://proxy:3128'))).toBeUndefined();
    expect(KeepAliveHttp.for(kubeConfig('https://10.0.0.1'))).toBeInstanceOf(KeepAliveHttp);
  });
});

describe('keep-alive transport over TLS', () => {
  const fixtures = new URL('../fixtures/tls/', import.meta.url);
  const cert = readFileSync(new URL('localhost.crt', fixtures));
  const key = readFileSync(new URL('localhost.key', fixtures));
  let tls: HttpsServer | undefined;
  afterEach(async () => {
    await new Promise((r) => tls?.close(r) ?? r(undefined));
    tls = undefined;
  });

  async function start(mutual = false): Promise<{ url: string; connections: () => number; auth: string[] }> {
    let connections = 0;
    const auth: string[] = [];
    // With `mutual`, the server asks for a client certificate signed by the test CA (the same self-signed one).
    const clientAuth = mutual ? { requestCert: true, rejectUnauthorized: true, ca: cert } : {};
    tls = createHttpsServer({ cert, key, ...clientAuth }, (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      auth.push(req.headers.authorization ?? (peer.subject ? `cert:${String(peer.subject.CN)}` : ''));
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(body);
      });
    });
    tls.on('secureConnection', () => connections++);
    await new Promise<void>((r) => tls!.listen(0, '127.0.0.1', r));
    return { url: `https://127.0.0.1:${(tls.address() as AddressInfo).port}`, connections: () => connections, auth };
  }

  function tlsKubeConfig(server: string, ca: Buffer | undefined, clientCert = false): KubeConfig {
    const kc = new KubeConfig();
    const user = clientCert ? { name: 'u', certData: cert.toString('base64'), keyData: key.toString('base64') } : { name: 'u', token: 'secret' };
    kc.loadFromOptions({
      clusters: [{ name: 'c', server, ...(ca ? { caData: ca.toString('base64') } : {}), skipTLSVerify: false }],
      users: [user],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    return kc;
  }

  it('verifies the server with the cluster CA, sends the bearer token, and keeps one TLS connection', async () => {
    const { url, connections, auth } = await start();
    const sink = new CoreV1EventSink(tlsKubeConfig(url, cert));
    for (let i = 0; i < 5; i++) await sink.create(makeTestEvent({ metadata: { name: `web-0.${i}`, namespace: 'default' } }));
    expect(connections()).toBe(1);
    expect(auth).toEqual(Array.from({ length: 5 }, () => 'Bearer secret'));
    await sink.close();
  });

  it('authenticates with the user client certificate (mutual TLS)', async () => {
    const { url, connections, auth } = await start(true);
    const sink = new CoreV1EventSink(tlsKubeConfig(url, cert, true));
    for (let i = 0; i < 3; i++) await sink.create(makeTestEvent({ metadata: { name: `web-0.${i}`, namespace: 'default' } }));
    expect(auth).toEqual(['cert:kube-record test server', 'cert:kube-record test server', 'cert:kube-record test server']);
    expect(connections()).toBe(1);
    await sink.close();
  });

  it('rejects a server its CA does not vouch for, as a transport error (no HTTP status: retried)', async () => {
    const { url } = await start();
    const sink = new CoreV1EventSink(tlsKubeConfig(url, undefined));
    const error = await sink.create(makeTestEvent()).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code?: unknown }).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    await sink.close();
  });
});
