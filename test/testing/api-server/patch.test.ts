// The three patch types on configmaps and events: strategic merge (with its directives and list
// strategies), JSON merge patch (RFC 7386) and JSON patch (RFC 6902, every operation), plus their errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApiServer, type JsonValue, type TestApiServer } from '../../../src/testing/api-server/index.js';
import { call, configMap, coreEvent } from './helpers.js';

const SMP = 'application/strategic-merge-patch+json';
const MERGE = 'application/merge-patch+json';
const JSONPATCH = 'application/json-patch+json';

describe('patches', () => {
  let api: TestApiServer;
  const cmPath = '/api/v1/namespaces/default/configmaps/cm';
  const patch = (body: JsonValue, contentType: string, path = cmPath) => call(api, 'PATCH', path, body, { contentType });

  beforeEach(async () => {
    api = await startTestApiServer();
    await call(api, 'POST', '/api/v1/namespaces/default/configmaps', {
      metadata: { name: 'cm', labels: { a: '1', b: '2' }, finalizers: ['example.com/one'] },
      data: { x: '1', y: '2' },
    });
  });
  afterEach(async () => {
    await api.stop();
  });

  describe('merge patch', () => {
    it('merges maps, deletes with null, replaces arrays', async () => {
      const r = await patch({ metadata: { labels: { a: null, c: '3' }, finalizers: ['example.com/two'] }, data: { y: null, z: '3' } }, MERGE);
      expect(r.status).toBe(200);
      expect(r.body['data']).toEqual({ x: '1', z: '3' });
      expect((r.body['metadata'] as { labels: unknown; finalizers: unknown }).labels).toEqual({ b: '2', c: '3' });
      expect((r.body['metadata'] as { finalizers: unknown }).finalizers).toEqual(['example.com/two']);
    });

    it('rejects a non-object patch', async () => {
      const r = await patch([1], MERGE);
      expect(r.status).toBe(400);
      expect(r.body['message']).toBe('error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}');
    });
  });

  describe('strategic merge patch', () => {
    it('merges like a merge patch for maps and unions merge-strategy primitive lists (finalizers)', async () => {
      const r = await patch({ metadata: { labels: { a: null }, finalizers: ['example.com/two'] }, data: { x: '9' } }, SMP);
      expect(r.status).toBe(200);
      expect(r.body['data']).toEqual({ x: '9', y: '2' });
      expect(r.body['metadata']).toMatchObject({ labels: { b: '2' }, finalizers: ['example.com/one', 'example.com/two'] });
    });

    it('supports $patch: replace / delete and $deleteFromPrimitiveList', async () => {
      const replaced = await patch({ data: { $patch: 'replace', only: 'this' } }, SMP);
      expect(replaced.body['data']).toEqual({ only: 'this' });
      const removed = await patch({ metadata: { labels: { $patch: 'delete' } } }, SMP);
      expect((removed.body['metadata'] as Record<string, unknown>)['labels']).toBeUndefined();
      const pruned = await patch({ metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/one'] } }, SMP);
      expect((pruned.body['metadata'] as Record<string, unknown>)['finalizers']).toBeUndefined();
    });

    it('merges ownerReferences by uid', async () => {
      const owner = (uid: string, name: string) => ({ apiVersion: 'v1', kind: 'Pod', name, uid });
      await patch({ metadata: { ownerReferences: [owner('u1', 'p1')] } }, MERGE);
      const r = await patch({ metadata: { ownerReferences: [owner('u2', 'p2'), { uid: 'u1', name: 'p1-renamed' }] } }, SMP);
      expect((r.body['metadata'] as { ownerReferences: unknown }).ownerReferences).toEqual([
        { apiVersion: 'v1', kind: 'Pod', name: 'p1-renamed', uid: 'u1' },
        { apiVersion: 'v1', kind: 'Pod', name: 'p2', uid: 'u2' },
      ]);
    });

    it('patches events with strategic merge semantics (count, lastTimestamp, message)', async () => {
      await call(api, 'POST', '/api/v1/namespaces/default/events', coreEvent('ev'));
      const r = await patch({ count: 2, lastTimestamp: '2026-11-24T10:01:00Z', message: 'again' }, SMP, '/api/v1/namespaces/default/events/ev');
      expect(r.body).toMatchObject({ count: 2, lastTimestamp: '2026-11-24T10:01:00Z', message: 'again', firstTimestamp: '2026-11-24T10:00:00Z' });
    });

    it('echoes the patch map in a 422 when the patched object does not decode', async () => {
      await call(api, 'POST', '/api/v1/namespaces/default/events', coreEvent('ev'));
      const r = await patch({ eventTime: '2026-11-24T10:00:00Z' }, SMP, '/api/v1/namespaces/default/events/ev');
      expect(r.status).toBe(422);
      expect(r.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          ' "" is invalid: patch: Invalid value: "map[eventTime:2026-11-24T10:00:00Z]": parsing time "2026-11-24T10:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
        reason: 'Invalid',
        details: {
          causes: [
            {
              reason: 'FieldValueInvalid',
              message:
                'Invalid value: "map[eventTime:2026-11-24T10:00:00Z]": parsing time "2026-11-24T10:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
              field: 'patch',
            },
          ],
        },
        code: 422,
      });
    });
  });

  describe('JSON patch', () => {
    it('applies add, remove, replace, move, copy and test', async () => {
      const r = await patch(
        [
          { op: 'test', path: '/data/x', value: '1' },
          { op: 'add', path: '/data/new', value: 'n' },
          { op: 'replace', path: '/data/x', value: 'one' },
          { op: 'remove', path: '/data/y' },
          { op: 'copy', from: '/data/new', path: '/data/copied' },
          { op: 'move', from: '/data/new', path: '/data/moved' },
          { op: 'add', path: '/metadata/finalizers/-', value: 'example.com/last' },
          { op: 'add', path: '/metadata/finalizers/0', value: 'example.com/first' },
          { op: 'add', path: '/metadata/labels/with~1slash', value: 'v' },
        ],
        JSONPATCH,
      );
      expect(r.status).toBe(200);
      expect(r.body['data']).toEqual({ x: 'one', copied: 'n', moved: 'n' });
      expect(r.body['metadata']).toMatchObject({
        labels: { a: '1', b: '2', 'with/slash': 'v' },
        finalizers: ['example.com/first', 'example.com/one', 'example.com/last'],
      });
    });

    it('answers the generic 422 when an operation does not apply, and changes nothing', async () => {
      const before = await call(api, 'GET', cmPath);
      for (const ops of [[{ op: 'test', path: '/data/x', value: 'nope' }], [{ op: 'replace', path: '/data/missing', value: 'v' }], [{ op: 'remove', path: '/nope/deeper' }]]) {
        const r = await patch(ops, JSONPATCH);
        expect(r.status).toBe(422);
        expect(r.body).toEqual({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'the server rejected our request due to an error in our request',
          reason: 'Invalid',
          details: {},
          code: 422,
        });
      }
      expect((await call(api, 'GET', cmPath)).body).toEqual(before.body);
    });

    it('rejects a patch that is not an array', async () => {
      const r = await patch({ op: 'add' }, JSONPATCH);
      expect(r.status).toBe(400);
      expect(r.body['message']).toBe('error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp');
    });
  });

  it('answers 415 for an unsupported patch content type, naming the accepted ones', async () => {
    const r = await patch({ data: {} }, 'application/json');
    expect(r.status).toBe(415);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
      reason: 'UnsupportedMediaType',
      code: 415,
    });
  });

  it('answers 400 with Go wording for a patch body that is not JSON', async () => {
    const r = await call(api, 'PATCH', cmPath, undefined, { raw: '{oops', contentType: MERGE });
    expect(r.status).toBe(400);
    expect(r.body['message']).toBe("error decoding patch: invalid character 'o' looking for beginning of object key string");
  });

  it('does not bump the resourceVersion for a patch that changes nothing', async () => {
    const before = await call(api, 'GET', cmPath);
    const r = await patch({ data: { x: '1' } }, MERGE);
    expect((r.body['metadata'] as { resourceVersion: string }).resourceVersion).toBe((before.body['metadata'] as { resourceVersion: string }).resourceVersion);
  });

  it('answers 404 for a missing object with every patch type', async () => {
    const attempts: [string, JsonValue][] = [
      [SMP, {}],
      [MERGE, {}],
      [JSONPATCH, []],
    ];
    for (const [ct, body] of attempts) {
      const r = await patch(body, ct, '/api/v1/namespaces/default/configmaps/missing');
      expect(r.status).toBe(404);
      expect(r.body['message']).toBe('configmaps "missing" not found');
    }
  });

  it('patches through the typed configmap helper too', async () => {
    await call(api, 'POST', '/api/v1/namespaces/default/configmaps', configMap('other', {}, { k: 'v' }));
    const r = await patch([{ op: 'add', path: '/data/k2', value: 'v2' }], JSONPATCH, '/api/v1/namespaces/default/configmaps/other');
    expect(r.body['data']).toEqual({ k: 'v', k2: 'v2' });
  });
});
