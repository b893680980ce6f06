// Namespaces: initial ones, Terminating on delete with manual or immediate finalization, content admission
// (404 missing, 403 NamespaceTerminating), immortal system namespaces, and the /finalize subresource.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../../src/testing/api-server/index.js';
import { call, configMap, coreEvent, WatchReader } from './helpers.js';

describe('namespaces', () => {
  let api: TestApiServer;
  afterEach(async () => {
    await api.stop();
  });

  it('starts with default and kube-system, Active', async () => {
    api = await startTestApiServer({ clock: { now: () => new Date('2026-01-02T03:04:05.678Z') } });
    const r = await call(api, 'GET', '/api/v1/namespaces');
    expect(r.body['kind']).toBe('NamespaceList');
    const items = r.body['items'] as { metadata: Record<string, unknown>; spec: unknown; status: unknown }[];
    expect(items.map((i) => i.metadata['name'])).toEqual(['default', 'kube-system']);
    expect(items[0]).toMatchObject({
      metadata: { name: 'default', creationTimestamp: '2026-01-02T03:04:05Z', labels: { 'kubernetes.io/metadata.name': 'default' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    const active = await call(api, 'GET', '/api/v1/namespaces?fieldSelector=status.phase%3DActive');
    expect((active.body['items'] as unknown[]).length).toBe(2);
  });

  it('goes Terminating on delete, refuses new content, and disappears with its content on finalizeNamespace', async () => {
    api = await startTestApiServer();
    await call(api, 'POST', '/api/v1/namespaces', { metadata: { name: 'doomed' } });
    await call(api, 'POST', '/api/v1/namespaces/doomed/configmaps', configMap('cm', {}, {}, 'doomed'));
    await call(api, 'POST', '/api/v1/namespaces/doomed/events', coreEvent('ev', 'doomed'));
    const w = await WatchReader.open(api, '/api/v1/configmaps?watch=true');
    await w.waitFor(1);

    const del = await call(api, 'DELETE', '/api/v1/namespaces/doomed');
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({
      kind: 'Namespace',
      metadata: { name: 'doomed', deletionTimestamp: expect.stringMatching(/Z$/) as string },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Terminating' },
    });

    const refused = await call(api, 'POST', '/api/v1/namespaces/doomed/configmaps', configMap('cm2', {}, {}, 'doomed'));
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'configmaps "cm2" is forbidden: unable to create new content in namespace doomed because it is being terminated',
      reason: 'Forbidden',
      details: {
        name: 'cm2',
        kind: 'configmaps',
        causes: [{ reason: 'NamespaceTerminating', message: 'namespace doomed is being terminated', field: 'metadata.namespace' }],
      },
      code: 403,
    });
    // Existing content can still be read and updated while terminating.
    expect((await call(api, 'GET', '/api/v1/namespaces/doomed/configmaps/cm')).status).toBe(200);
    const again = await call(api, 'DELETE', '/api/v1/namespaces/doomed');
    expect(again.status).toBe(409);
    expect(again.body['message']).toBe(
      'Operation cannot be fulfilled on namespaces "doomed": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
    );

    expect(api.finalizeNamespace('doomed')).toBe(true);
    expect((await call(api, 'GET', '/api/v1/namespaces/doomed')).status).toBe(404);
    expect((await call(api, 'GET', '/api/v1/namespaces/doomed/configmaps/cm')).status).toBe(404);
    expect(api.events({ namespace: 'doomed' })).toEqual([]);
    const events = await w.waitFor(2);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
    await w.close();
    expect(api.finalizeNamespace('doomed')).toBe(false);
    const recreated = await call(api, 'POST', '/api/v1/namespaces', { metadata: { name: 'doomed' } });
    expect(recreated.status).toBe(201);
  });

  it('throws when finalizing a namespace that is not terminating', async () => {
    api = await startTestApiServer();
    expect(() => api.finalizeNamespace('default')).toThrow('namespace "default" is not terminating; delete it first');
  });

  it('removes a deleted namespace at once with namespaceFinalization: immediate', async () => {
    api = await startTestApiServer({ namespaceFinalization: 'immediate' });
    await call(api, 'POST', '/api/v1/namespaces', { metadata: { name: 'quick' } });
    await call(api, 'POST', '/api/v1/namespaces/quick/configmaps', configMap('cm', {}, {}, 'quick'));
    const del = await call(api, 'DELETE', '/api/v1/namespaces/quick');
    expect(del.body['status']).toEqual({ phase: 'Terminating' });
    expect((await call(api, 'GET', '/api/v1/namespaces/quick')).status).toBe(404);
    expect((await call(api, 'GET', '/api/v1/configmaps')).body['items']).toEqual([]);
  });

  it('finishes a terminating namespace through PUT /finalize with empty finalizers', async () => {
    api = await startTestApiServer();
    await call(api, 'POST', '/api/v1/namespaces', { metadata: { name: 'stuck' } });
    const del = await call(api, 'DELETE', '/api/v1/namespaces/stuck');
    const r = await call(api, 'PUT', '/api/v1/namespaces/stuck/finalize', { ...del.body, spec: { finalizers: [] } });
    expect(r.status).toBe(200);
    expect((await call(api, 'GET', '/api/v1/namespaces/stuck')).status).toBe(404);
  });

  it('answers 404 for content in a missing namespace and 403 for deleting a system namespace', async () => {
    api = await startTestApiServer();
    const missing = await call(api, 'POST', '/api/v1/namespaces/nope/configmaps', configMap('cm', {}, {}, 'nope'));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: 'namespaces "nope" not found', details: { name: 'nope', kind: 'namespaces' } });
    const sys = await call(api, 'DELETE', '/api/v1/namespaces/default');
    expect(sys.status).toBe(403);
    expect(sys.body).toMatchObject({ message: 'namespaces "default" is forbidden: this namespace may not be deleted', details: { name: 'default', kind: 'namespaces' } });
  });

  it('validates namespace names as DNS labels and rejects duplicates', async () => {
    api = await startTestApiServer();
    const bad = await call(api, 'POST', '/api/v1/namespaces', { metadata: { name: 'Not.A.Label' } });
    expect(bad.status).toBe(422);
    expect(bad.body['message']).toBe(
      `Namespace "Not.A.Label" is invalid: metadata.name: Invalid value: "Not.A.Label": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
    const dup = await call(api, 'POST', '/api/v1/namespaces', { metadata: { name: 'default' } });
    expect(dup.status).toBe(409);
    expect(dup.body['message']).toBe('namespaces "default" already exists');
  });
});
