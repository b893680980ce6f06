// Updates and deletes: optimistic concurrency on PUT and PATCH, unconditional updates, create-on-update
// for events only, name checks, no-op writes, delete preconditions, finalizers and deletecollection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../../src/testing/api-server/index.js';
import { call, configMap, coreEvent } from './helpers.js';

describe('updates and deletes', () => {
  let api: TestApiServer;
  const path = '/api/v1/namespaces/default/configmaps/cm';
  const rvOf = (body: Record<string, unknown>): string => (body['metadata'] as { resourceVersion: string }).resourceVersion;

  beforeEach(async () => {
    api = await startTestApiServer();
    await call(api, 'POST', '/api/v1/namespaces/default/configmaps', configMap('cm', { app: 'x' }, { a: '1' }));
  });
  afterEach(async () => {
    await api.stop();
  });

  it('rejects a PUT with a stale resourceVersion with the storage conflict', async () => {
    const current = await call(api, 'GET', path);
    const stale = rvOf(current.body);
    await call(api, 'PUT', path, { ...current.body, data: { a: '2' } });
    const r = await call(api, 'PUT', path, { ...current.body, data: { a: '3' }, metadata: { name: 'cm', resourceVersion: stale } });
    expect(r.status).toBe(409);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Operation cannot be fulfilled on configmaps "cm": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'cm', kind: 'configmaps' },
      code: 409,
    });
  });

  it('accepts a PUT with the current resourceVersion or none, bumping it and keeping uid and creationTimestamp', async () => {
    const current = await call(api, 'GET', path);
    const withRv = await call(api, 'PUT', path, { ...current.body, data: { a: '2' } });
    expect(withRv.status).toBe(200);
    expect(Number(rvOf(withRv.body))).toBeGreaterThan(Number(rvOf(current.body)));
    const noRv = await call(api, 'PUT', path, { metadata: { name: 'cm' }, data: { a: '3' } });
    expect(noRv.status).toBe(200);
    const meta = noRv.body['metadata'] as Record<string, unknown>;
    const before = current.body['metadata'] as Record<string, unknown>;
    expect(meta['uid']).toBe(before['uid']);
    expect(meta['creationTimestamp']).toBe(before['creationTimestamp']);
    expect(meta['labels']).toBeUndefined();
  });

  it('keeps the resourceVersion when a PUT changes nothing', async () => {
    const current = await call(api, 'GET', path);
    const same = await call(api, 'PUT', path, current.body);
    expect(rvOf(same.body)).toBe(rvOf(current.body));
  });

  it('answers 404 for a PUT of a missing configmap but creates a missing event', async () => {
    const cm = await call(api, 'PUT', '/api/v1/namespaces/default/configmaps/missing', configMap('missing'));
    expect(cm.status).toBe(404);
    expect(cm.body['message']).toBe('configmaps "missing" not found');
    const ev = await call(api, 'PUT', '/api/v1/namespaces/default/events/new-ev', coreEvent('new-ev'));
    expect(ev.status).toBe(201);
  });

  it('rejects a body whose name differs from the URL', async () => {
    const r = await call(api, 'PUT', path, configMap('other'));
    expect(r.status).toBe(400);
    expect(r.body['message']).toBe('the name of the object (other) does not match the name on the URL (cm)');
  });

  it('treats metadata.resourceVersion in a patch as a precondition', async () => {
    const current = await call(api, 'GET', path);
    const rv = rvOf(current.body);
    const ok = await call(api, 'PATCH', path, { metadata: { resourceVersion: rv }, data: { a: '2' } }, { contentType: 'application/merge-patch+json' });
    expect(ok.status).toBe(200);
    const stale = await call(api, 'PATCH', path, { metadata: { resourceVersion: rv }, data: { a: '3' } }, { contentType: 'application/merge-patch+json' });
    expect(stale.status).toBe(409);
    expect(stale.body['reason']).toBe('Conflict');
  });

  it('deletes with a Success status and checks preconditions', async () => {
    const current = await call(api, 'GET', path);
    const uid = (current.body['metadata'] as { uid: string }).uid;
    const wrongUid = await call(api, 'DELETE', path, { preconditions: { uid: 'nope' } });
    expect(wrongUid.status).toBe(409);
    expect(wrongUid.body['message']).toBe(`Operation cannot be fulfilled on configmaps "cm": Precondition failed: UID in precondition: nope, UID in object meta: ${uid}`);
    const wrongRv = await call(api, 'DELETE', path, { preconditions: { resourceVersion: '1' } });
    expect(wrongRv.body['message']).toBe(
      `Operation cannot be fulfilled on configmaps "cm": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${rvOf(current.body)}`,
    );
    const del = await call(api, 'DELETE', path, { preconditions: { uid } });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'cm', kind: 'configmaps', uid } });
    const again = await call(api, 'DELETE', path);
    expect(again.status).toBe(404);
  });

  it('only marks an object with finalizers, and removes it when the last finalizer goes', async () => {
    await call(api, 'PATCH', path, { metadata: { finalizers: ['example.com/keep'] } }, { contentType: 'application/merge-patch+json' });
    const marked = await call(api, 'DELETE', path);
    expect(marked.status).toBe(200);
    expect(marked.body['kind']).toBe('ConfigMap');
    expect(marked.body['metadata']).toMatchObject({ deletionGracePeriodSeconds: 0, finalizers: ['example.com/keep'] });
    expect((marked.body['metadata'] as Record<string, unknown>)['deletionTimestamp']).toMatch(/Z$/);
    expect((await call(api, 'GET', path)).status).toBe(200);
    const adding = await call(api, 'PATCH', path, { metadata: { finalizers: ['example.com/keep', 'example.com/more'] } }, { contentType: 'application/merge-patch+json' });
    expect(adding.status).toBe(422);
    expect(adding.body['message']).toContain('no new finalizers can be added if the object is being deleted');
    const released = await call(api, 'PATCH', path, { metadata: { finalizers: null } }, { contentType: 'application/merge-patch+json' });
    expect(released.status).toBe(200);
    expect((await call(api, 'GET', path)).status).toBe(404);
  });

  it('deletes a collection by selector and returns the deleted items', async () => {
    await call(api, 'POST', '/api/v1/namespaces/default/configmaps', configMap('cm2', { app: 'y' }));
    await call(api, 'POST', '/api/v1/namespaces/default/configmaps', configMap('cm3', { app: 'x' }));
    const r = await call(api, 'DELETE', '/api/v1/namespaces/default/configmaps?labelSelector=app%3Dx');
    expect(r.status).toBe(200);
    expect(r.body['kind']).toBe('ConfigMapList');
    expect((r.body['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual(['cm', 'cm3']);
    const left = await call(api, 'GET', '/api/v1/namespaces/default/configmaps');
    expect((left.body['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual(['cm2']);
  });
});
