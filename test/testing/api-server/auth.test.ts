// Token authentication and authorization: 401 for missing/unknown tokens, RBAC-worded 403 for
// non-admin users (per verb and scope), discovery open to every authenticated user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../../src/testing/api-server/index.js';
import { call, configMap } from './helpers.js';

describe('token auth', () => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer({ tokens: { root: { user: 'admin', admin: true }, weak: { user: 'alice' } } });
  });
  afterAll(async () => {
    await api.stop();
  });

  const UNAUTHORIZED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

  it('answers 401 to an unknown token, also for discovery and public paths', async () => {
    for (const path of ['/api/v1/namespaces/default/events', '/apis', '/version']) {
      const r = await call(api, 'GET', path, undefined, { token: 'wrong' });
      expect(r.status).toBe(401);
      expect(r.body).toEqual(UNAUTHORIZED);
    }
  });

  it('serves admins', async () => {
    const r = await call(api, 'POST', '/api/v1/namespaces/default/configmaps', configMap('x'), { token: 'root' });
    expect(r.status).toBe(201);
    expect(api.requests().at(-1)).toMatchObject({ user: 'admin', status: 201, verb: 'create', resource: 'configmaps', namespace: 'default' });
  });

  it.each([
    ['GET', '/api/v1/namespaces/default/configmaps', 'configmaps is forbidden: User "alice" cannot list resource "configmaps" in API group "" in the namespace "default"', { kind: 'configmaps' }],
    ['GET', '/api/v1/namespaces/default/configmaps/x', 'configmaps "x" is forbidden: User "alice" cannot get resource "configmaps" in API group "" in the namespace "default"', { name: 'x', kind: 'configmaps' }],
    ['GET', '/api/v1/configmaps?watch=true', 'configmaps is forbidden: User "alice" cannot watch resource "configmaps" in API group "" at the cluster scope', { kind: 'configmaps' }],
    ['DELETE', '/api/v1/namespaces/default/events', 'events is forbidden: User "alice" cannot deletecollection resource "events" in API group "" in the namespace "default"', { kind: 'events' }],
    ['PATCH', '/apis/events.k8s.io/v1/namespaces/default/events/e', 'events.events.k8s.io "e" is forbidden: User "alice" cannot patch resource "events" in API group "events.k8s.io" in the namespace "default"', { name: 'e', group: 'events.k8s.io', kind: 'events' }],
    ['GET', '/api/v1/namespaces/kube-system', 'namespaces "kube-system" is forbidden: User "alice" cannot get resource "namespaces" in API group "" in the namespace "kube-system"', { name: 'kube-system', kind: 'namespaces' }],
    ['GET', '/metrics', 'forbidden: User "alice" cannot get path "/metrics"', {}],
  ])('answers 403 to a non-admin: %s %s', async (method, path, message, details) => {
    const r = await call(api, method, path, method === 'PATCH' ? {} : undefined, { token: 'weak', contentType: 'application/merge-patch+json' });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details, code: 403 });
  });

  it('lets every authenticated user read discovery', async () => {
    for (const path of ['/api', '/api/v1', '/apis', '/apis/events.k8s.io/v1', '/version']) {
      expect((await call(api, 'GET', path, undefined, { token: 'weak' })).status).toBe(200);
    }
  });

  it('builds KubeConfigs with the admin token, or any token', async () => {
    expect(api.kubeConfig.getCurrentUser()?.token).toBe('root');
    expect(api.kubeConfig.getCurrentCluster()).toMatchObject({ name: 'test', server: api.url });
    expect(api.kubeConfig.getContextObject('test')?.namespace).toBe('default');
    expect(api.kubeConfigFor('weak').getCurrentUser()?.token).toBe('weak');
  });
});
