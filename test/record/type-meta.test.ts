// withTypeMeta: apiVersion/kind for list items and informer objects, so the recorder can reference them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreV1Api, V1ConfigMap } from '@kubernetes/client-node';
import { CoreV1EventSink, EventBroadcaster, getReference, InvalidEventError, withTypeMeta } from '../../src/index.js';
import { startTestApiServer, type TestApiServer } from '../../src/testing/api-server/index.js';
import { capturingLogger } from '../support/logger.js';

const listItem = () => ({ metadata: { name: 'web-0', namespace: 'prod', uid: 'u-1' }, spec: { nodeName: 'n1' } });

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventError);
    return { code: (error as InvalidEventError).code, message: (error as Error).message };
  }
  throw new Error('expected an InvalidEventError');
}

describe('withTypeMeta(object, apiVersion, kind)', () => {
  it('returns a copy with apiVersion and kind set, leaving the input untouched', () => {
    const item = listItem();
    const typed = withTypeMeta(item, 'v1', 'Pod');
    expect(typed).toEqual({ metadata: { name: 'web-0', namespace: 'prod', uid: 'u-1' }, spec: { nodeName: 'n1' }, apiVersion: 'v1', kind: 'Pod' });
    expect(item).toEqual(listItem());
    expect(typed).not.toBe(item);
    // Shallow: the nested objects are the caller's.
    expect(typed.metadata).toBe(item.metadata);
  });

  it('replaces apiVersion and kind the object already had', () => {
    expect(withTypeMeta({ apiVersion: 'v1beta1', kind: 'Old', metadata: { name: 'x' } }, 'apps/v1', 'Deployment')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
    });
  });

  it('keeps the prototype, so a client-node model instance stays one', () => {
    const cm = new V1ConfigMap();
    cm.metadata = { name: 'settings' };
    const typed = withTypeMeta(cm, 'v1', 'ConfigMap');
    expect(typed).toBeInstanceOf(V1ConfigMap);
    expect(typed.kind).toBe('ConfigMap');
    expect(cm.kind).toBeUndefined();
  });

  it('makes an object getReference accepts', () => {
    expect(() => getReference(listItem())).toThrow(/has no apiVersion and kind/);
    expect(getReference(withTypeMeta(listItem(), 'v1', 'Pod'))).toEqual({ apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'prod', uid: 'u-1' });
  });

  it('rejects an empty or missing apiVersion/kind and a non-object, with a typed error', () => {
    expect(errorOf(() => withTypeMeta(listItem(), '', 'Pod'))).toEqual({
      code: 'MissingTypeMeta',
      message: `withTypeMeta needs a non-empty apiVersion (e.g. 'v1' or 'apps/v1'), got ""`,
    });
    // Plain JavaScript callers can leave arguments out.
    const untyped = withTypeMeta as (...args: unknown[]) => unknown;
    expect(errorOf(() => untyped(listItem(), 'v1'))).toEqual({
      code: 'MissingTypeMeta',
      message: `withTypeMeta needs a non-empty kind (e.g. 'Pod'), got a value of type undefined`,
    });
    expect(errorOf(() => untyped(null, 'v1', 'Pod'))).toEqual({
      code: 'InvalidObject',
      message: `withTypeMeta can't set apiVersion/kind on null: pass a Kubernetes object`,
    });
    expect(errorOf(() => untyped([listItem(), 'web-1'], 'v1', 'Pod'))).toEqual({
      code: 'InvalidObject',
      message: `withTypeMeta can't set apiVersion/kind on "web-1": pass a Kubernetes object`,
    });
  });
});

describe('withTypeMeta(items, apiVersion, kind)', () => {
  it('copies every item with apiVersion and kind set', () => {
    const items = [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }];
    expect(withTypeMeta(items, 'v1', 'ConfigMap')).toEqual([
      { metadata: { name: 'a' }, apiVersion: 'v1', kind: 'ConfigMap' },
      { metadata: { name: 'b' }, apiVersion: 'v1', kind: 'ConfigMap' },
    ]);
    expect(items).toEqual([{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }]);
  });

  it('returns an empty array for no items', () => {
    expect(withTypeMeta([], 'v1', 'Pod')).toEqual([]);
  });
});

describe('withTypeMeta(list)', () => {
  it("takes the items' apiVersion from the list and their kind from the list kind without 'List'", () => {
    const list = { apiVersion: 'apps/v1', kind: 'DeploymentList', metadata: { resourceVersion: '7' }, items: [{ metadata: { name: 'web' } }] };
    expect(withTypeMeta(list)).toEqual([{ metadata: { name: 'web' }, apiVersion: 'apps/v1', kind: 'Deployment' }]);
  });

  it('rejects a list whose kind names no item kind, or that has no apiVersion', () => {
    expect(errorOf(() => withTypeMeta({ apiVersion: 'v1', kind: 'List', items: [] }))).toEqual({
      code: 'MissingTypeMeta',
      message: `can't derive the items' apiVersion/kind from a list with apiVersion "v1" and kind "List" (expected e.g. 'v1' and 'PodList'): pass them, withTypeMeta(list.items, 'v1', 'Pod')`,
    });
    expect(errorOf(() => withTypeMeta({ items: [] }))).toEqual({
      code: 'MissingTypeMeta',
      message: `can't derive the items' apiVersion/kind from a list with apiVersion "" and kind "" (expected e.g. 'v1' and 'PodList'): pass them, withTypeMeta(list.items, 'v1', 'Pod')`,
    });
    expect(errorOf(() => withTypeMeta({ apiVersion: 'v1', kind: 'PodSet', items: [] })).code).toBe('MissingTypeMeta');
  });
});

describe('withTypeMeta on a real list response', () => {
  let api: TestApiServer;
  beforeEach(async () => {
    api = await startTestApiServer();
  });
  afterEach(async () => {
    await api.stop();
  });

  it('turns dropped events about list items into written ones', async () => {
    const core = api.kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'settings' }, data: { a: '1' } } });
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    expect([list.apiVersion, list.kind, list.items[0]?.apiVersion, list.items[0]?.kind]).toEqual(['v1', 'ConfigMapList', undefined, undefined]);

    const logger = capturingLogger();
    const broadcaster = new EventBroadcaster({ logger });
    broadcaster.startRecordingToSink(new CoreV1EventSink(api.kubeConfig));
    const recorder = broadcaster.newRecorder({ component: 'type-meta-test' });
    recorder.event(list.items[0]!, 'Normal', 'Untyped', 'dropped: no apiVersion/kind');
    for (const cm of withTypeMeta(list)) recorder.event(cm, 'Normal', 'Typed', 'written');
    await broadcaster.shutdown({ timeoutMs: 5_000 });

    expect(broadcaster.stats()).toMatchObject({ accepted: 1, created: 1, dropped: { invalid: 1 } });
    // The drop's log line names the fix.
    expect(logger.lines.filter((l) => l.message.startsWith('Could not')).map((l) => [l.message, l.fields?.['reason'], l.fields?.['error']])).toEqual([
      [
        'Could not construct reference, will not report event',
        'Untyped',
        `object "default/settings" has no apiVersion and kind: objects read from list responses (e.g. listNamespacedPod().items) do not carry ` +
          `apiVersion/kind; set them with withTypeMeta (withTypeMeta(list) for a whole list response, withTypeMeta(pod, 'v1', 'Pod') for one object) ` +
          'or pass a V1ObjectReference',
      ],
    ]);
    const uid = list.items[0]!.metadata!.uid!;
    expect(api.events({ namespace: 'default' }).map((e) => [e['reason'], e['involvedObject']])).toEqual([
      ['Typed', { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: 'default', uid, resourceVersion: list.items[0]!.metadata!.resourceVersion }],
    ]);
  });
});
