// Discovery and routing: /api, /api/v1, /apis, /version, the eventsV1 switch, and the two kinds of 404
// (JSON Status inside a served group-version, Go's plain-text 404 elsewhere) plus 405.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../../src/testing/api-server/index.js';
import { call } from './helpers.js';

describe('discovery and routing', () => {
  let api: TestApiServer;
  afterEach(async () => {
    await api.stop();
  });

  it('serves the discovery documents', async () => {
    api = await startTestApiServer();
    const host = api.url.replace('http://', '');
    expect((await call(api, 'GET', '/api')).body).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }],
    });
    const core = await call(api, 'GET', '/api/v1');
    expect(core.body['kind']).toBe('APIResourceList');
    expect(core.body).not.toHaveProperty('apiVersion');
    expect((core.body['resources'] as { name: string }[]).map((r) => r.name)).toEqual([
      'configmaps',
      'events',
      'namespaces',
      'namespaces/finalize',
      'namespaces/status',
    ]);
    expect((await call(api, 'GET', '/apis')).body).toEqual({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [{ name: 'events.k8s.io', versions: [{ groupVersion: 'events.k8s.io/v1', version: 'v1' }], preferredVersion: { groupVersion: 'events.k8s.io/v1', version: 'v1' } }],
    });
    const version = await call(api, 'GET', '/version');
    expect(version.body).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.13', platform: 'linux/amd64' });
    const health = await call(api, 'GET', '/healthz');
    expect(health.text).toBe('ok');
  });

  it('does not serve events.k8s.io when eventsV1 is false', async () => {
    api = await startTestApiServer({ eventsV1: false });
    expect((await call(api, 'GET', '/apis')).body['groups']).toEqual([]);
    for (const path of ['/apis/events.k8s.io', '/apis/events.k8s.io/v1', '/apis/events.k8s.io/v1/namespaces/default/events']) {
      const r = await call(api, 'GET', path);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(r.text).toBe('404 page not found\n');
    }
    expect(api.eventsV1()).toEqual([]);
  });

  it('answers a JSON NotFound for unknown resources of a served group-version, and 405 for unsupported methods', async () => {
    api = await startTestApiServer();
    const unknown = await call(api, 'GET', '/api/v1/namespaces/default/pods');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server could not find the requested resource',
      reason: 'NotFound',
      details: {},
      code: 404,
    });
    const other = await call(api, 'GET', '/apis/apps/v1/deployments');
    expect(other.text).toBe('404 page not found\n');
    const post = await call(api, 'POST', '/api/v1/events', {});
    expect(post.status).toBe(405);
    expect(post.body).toMatchObject({ reason: 'MethodNotAllowed', message: 'the server does not allow this method on the requested resource' });
  });

  it('logs every request with its API and verb', async () => {
    api = await startTestApiServer();
    await call(api, 'GET', '/apis');
    await call(api, 'GET', '/api/v1/events?watch=false');
    await call(api, 'GET', '/apis/events.k8s.io/v1/namespaces/default/events/x');
    await call(api, 'GET', '/nope');
    expect(api.requests().map((r) => [r.api, r.verb, r.status, r.path])).toEqual([
      ['discovery', 'get', 200, '/apis'],
      ['core', 'list', 200, '/api/v1/events?watch=false'],
      ['events', 'get', 404, '/apis/events.k8s.io/v1/namespaces/default/events/x'],
      ['other', 'get', 404, '/nope'],
    ]);
    api.clearRequests();
    expect(api.requests()).toEqual([]);
  });
});
