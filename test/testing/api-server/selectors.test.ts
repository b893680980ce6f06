// Label and field selectors: the parsers on their own, then list filtering over HTTP for configmaps and
// for both event APIs (involvedObject.* / regarding.* and the other selectable event fields).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFieldSelector, defaultFieldLabel } from '../../../src/testing/api-server/field-selector.js';
import { parseLabelSelector } from '../../../src/testing/api-server/label-selector.js';
import { startTestApiServer, type TestApiServer } from '../../../src/testing/api-server/index.js';
import { call, configMap, coreEvent, v1Event } from './helpers.js';

describe('label selector parser', () => {
  const labels = { app: 'web', tier: 'front', env: 'prod' };
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=db', true],
    ['app!=web', false],
    ['missing!=x', true],
    ['app', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['app in (web,db)', true],
    ['app in (db, cache)', false],
    ['app notin (db,cache)', true],
    ['missing notin (a)', true],
    ['app=web,tier=front', true],
    ['app=web,tier=back', false],
    ['app=web, !missing, env in (prod)', true],
  ])('%j matches the labels: %s', (sel, expected) => {
    expect(parseLabelSelector(sel).matches(labels)).toBe(expected);
  });

  it('compares numbers with > and <', () => {
    expect(parseLabelSelector('replicas>2').matches({ replicas: '3' })).toBe(true);
    expect(parseLabelSelector('replicas<2').matches({ replicas: '3' })).toBe(false);
  });

  it('rejects malformed selectors', () => {
    expect(() => parseLabelSelector('app in web')).toThrow("found 'web', expected: '('");
    expect(() => parseLabelSelector('app=web,')).toThrow("found '', expected: identifier");
    expect(() => parseLabelSelector('a b')).toThrow("found 'b', expected: in, notin, =, ==, !=, gt, lt");
  });
});

describe('field selector parser', () => {
  it('parses =, ==, != and comma-AND with escapes', () => {
    const sel = parseFieldSelector('metadata.name==a\\,b,metadata.namespace!=kube-system', defaultFieldLabel);
    expect(sel.terms).toEqual([
      { field: 'metadata.name', op: '=', value: 'a,b' },
      { field: 'metadata.namespace', op: '!=', value: 'kube-system' },
    ]);
    expect(sel.matches({ 'metadata.name': 'a,b', 'metadata.namespace': 'default' })).toBe(true);
    expect(sel.matches({ 'metadata.name': 'a,b', 'metadata.namespace': 'kube-system' })).toBe(false);
  });

  it('reports the server messages for bad input', () => {
    expect(() => parseFieldSelector('foo', defaultFieldLabel)).toThrow("invalid selector: 'foo'; can't understand 'foo'");
    expect(() => parseFieldSelector('spec.x=1', defaultFieldLabel)).toThrow('"spec.x" is not a known field selector: only "metadata.name", "metadata.namespace"');
    expect(() => parseFieldSelector('metadata.name=a\\b', defaultFieldLabel)).toThrow('invalid field selector: invalid escape sequence: \\b');
  });
});

describe('selectors over HTTP', () => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer();
    await call(api, 'POST', '/api/v1/namespaces', { metadata: { name: 'other' } });
    await call(api, 'POST', '/api/v1/namespaces/default/configmaps', configMap('a', { app: 'web', tier: 'front' }));
    await call(api, 'POST', '/api/v1/namespaces/default/configmaps', configMap('b', { app: 'db', tier: 'back' }));
    await call(api, 'POST', '/api/v1/namespaces/default/configmaps', configMap('c', { app: 'cache' }));
    await call(api, 'POST', '/api/v1/namespaces/other/configmaps', configMap('d', { app: 'web' }, {}, 'other'));
    await call(api, 'POST', '/api/v1/namespaces/default/events', coreEvent('e1'));
    await call(
      api,
      'POST',
      '/api/v1/namespaces/default/events',
      coreEvent('e2', 'default', {
        involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web', uid: 'u2', fieldPath: 'spec', resourceVersion: '7' },
        reason: 'ScalingReplicaSet',
        type: 'Warning',
        source: {},
        reportingComponent: 'deployment-controller',
        reportingInstance: 'kcm-1',
      }),
    );
    await call(api, 'POST', '/apis/events.k8s.io/v1/namespaces/default/events', v1Event('e3', 'default', { reportingController: 'example.com/other' }));
  });
  afterAll(async () => {
    await api.stop();
  });

  const names = (body: Record<string, unknown>): string[] => (body['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name);
  const cms = async (query: string): Promise<string[]> => names((await call(api, 'GET', `/api/v1/namespaces/default/configmaps?${query}`)).body);

  it.each([
    ['labelSelector=app%3Dweb', ['a']],
    ['labelSelector=tier', ['a', 'b']],
    ['labelSelector=!tier', ['c']],
    ['labelSelector=app!%3Dweb', ['b', 'c']],
    ['labelSelector=app+in+(web,db)', ['a', 'b']],
    ['labelSelector=app+notin+(web,db)', ['c']],
    ['labelSelector=app%3Dweb,tier%3Dfront', ['a']],
    ['fieldSelector=metadata.name%3Db', ['b']],
    ['fieldSelector=metadata.name!%3Db', ['a', 'c']],
    ['fieldSelector=metadata.namespace%3Ddefault', ['a', 'b', 'c']],
  ])('configmaps ?%s', async (query, expected) => {
    expect(await cms(query)).toEqual(expected);
  });

  it('lists configmaps across namespaces with selectors', async () => {
    const all = await call(api, 'GET', '/api/v1/configmaps?labelSelector=app%3Dweb');
    expect((all.body['items'] as { metadata: { namespace: string; name: string } }[]).map((i) => `${i.metadata.namespace}/${i.metadata.name}`)).toEqual([
      'default/a',
      'other/d',
    ]);
    const byNs = await call(api, 'GET', '/api/v1/configmaps?fieldSelector=metadata.namespace%3Dother');
    expect(names(byNs.body)).toEqual(['d']);
  });

  it('rejects unsupported configmap field selectors with 400', async () => {
    const r = await call(api, 'GET', '/api/v1/namespaces/default/configmaps?fieldSelector=data.x%3D1');
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"',
      reason: 'BadRequest',
      code: 400,
    });
  });

  const coreEvents = async (fs: string): Promise<string[]> => names((await call(api, 'GET', `/api/v1/namespaces/default/events?fieldSelector=${encodeURIComponent(fs)}`)).body);
  const v1Events = async (fs: string): Promise<string[]> =>
    names((await call(api, 'GET', `/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=${encodeURIComponent(fs)}`)).body);

  it.each([
    ['involvedObject.name=web-0', ['e1', 'e3']],
    ['involvedObject.name==web', ['e2']],
    ['involvedObject.kind=Deployment', ['e2']],
    ['involvedObject.uid=u1', ['e1', 'e3']],
    ['involvedObject.apiVersion=apps/v1', ['e2']],
    ['involvedObject.namespace=default', ['e1', 'e2', 'e3']],
    ['involvedObject.fieldPath=spec', ['e2']],
    ['involvedObject.resourceVersion=7', ['e2']],
    ['reason=ScalingReplicaSet', ['e2']],
    ['type=Warning', ['e2']],
    ['type!=Warning', ['e1', 'e3']],
    ['source=demo-controller', ['e1']],
    ['source=deployment-controller', ['e2']],
    ['reportingComponent=example.com/other', ['e3']],
    ['metadata.name=e1', ['e1']],
    ['involvedObject.kind=Pod,involvedObject.name=web-0,type=Normal', ['e1', 'e3']],
  ])('core/v1 events ?fieldSelector=%s', async (fs, expected) => {
    expect(await coreEvents(fs)).toEqual(expected);
  });

  it.each([
    ['regarding.name=web-0', ['e1', 'e3']],
    ['regarding.kind=Deployment', ['e2']],
    ['regarding.uid=u2', ['e2']],
    ['regarding.apiVersion=v1', ['e1', 'e3']],
    ['regarding.namespace=default', ['e1', 'e2', 'e3']],
    ['regarding.fieldPath=spec', ['e2']],
    ['regarding.resourceVersion=7', ['e2']],
    ['reportingController=deployment-controller', ['e2']],
    ['reason!=Started', ['e2']],
    ['type=Normal,regarding.name=web-0', ['e1', 'e3']],
    ['metadata.namespace=default,metadata.name=e3', ['e3']],
  ])('events.k8s.io/v1 events ?fieldSelector=%s', async (fs, expected) => {
    expect(await v1Events(fs)).toEqual(expected);
  });

  it('rejects field labels each API does not support', async () => {
    const core = await call(api, 'GET', '/api/v1/namespaces/default/events?fieldSelector=regarding.name%3Dweb-0');
    expect(core.status).toBe(400);
    expect(core.body['message']).toBe('field label not supported: regarding.name');
    const v1 = await call(api, 'GET', '/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=source%3Dx');
    expect(v1.status).toBe(400);
    expect(v1.body['message']).toBe('field label not supported: source');
  });

  it('filters events by label too', async () => {
    await call(api, 'POST', '/api/v1/namespaces/default/events', coreEvent('e4', 'default', { metadata: { name: 'e4', namespace: 'default', labels: { team: 'a' } } }));
    expect(names((await call(api, 'GET', '/api/v1/namespaces/default/events?labelSelector=team%3Da')).body)).toEqual(['e4']);
    expect(names((await call(api, 'GET', '/apis/events.k8s.io/v1/events?labelSelector=team')).body)).toEqual(['e4']);
  });

  it('pages with limit and continue', async () => {
    const first = await call(api, 'GET', '/api/v1/namespaces/default/configmaps?limit=2');
    expect(names(first.body)).toEqual(['a', 'b']);
    const meta = first.body['metadata'] as { continue: string; remainingItemCount: number };
    expect(meta.remainingItemCount).toBe(1);
    const second = await call(api, 'GET', `/api/v1/namespaces/default/configmaps?limit=2&continue=${meta.continue}`);
    expect(names(second.body)).toEqual(['c']);
    expect((second.body['metadata'] as Record<string, unknown>)['continue']).toBeUndefined();
  });
});
