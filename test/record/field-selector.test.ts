// getFieldSelector / getFieldSelectorFor: client-go's EventExpansion.GetFieldSelector (core/v1) and
// tools/events.GetFieldSelector (events.k8s.io) tables, and apimachinery's fields.EscapeValue cases.
import { describe, expect, it } from 'vitest';
import {
  EventQueryError,
  escapeFieldSelectorValue,
  getFieldSelector,
  getFieldSelectorFor,
} from '../../src/index.js';
import { involvedObjectFields } from '../../src/shared/field-selector.js';

describe('escapeFieldSelectorValue (apimachinery TestEscapeValue)', () => {
  it.each([
    ['', ''],
    ['a', 'a'],
    ['=', '\\='],
    [',', '\\,'],
    ['\\', '\\\\'],
    ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\'],
  ])('escapes %j as %j', (raw, escaped) => {
    expect(escapeFieldSelectorValue(raw)).toBe(escaped);
  });
});

describe('getFieldSelector (client-go tools/events TestGetFieldSelector)', () => {
  const deployment = { name: 'test-deployment', kind: 'Deployment', apiVersion: 'apps/v1', uid: '2c55cad7-ee4e-11e9-abe1-525400e7bc6b' };

  it('gives the empty selector for empty parameters, on both APIs', () => {
    expect(getFieldSelector({}, { api: 'events.k8s.io/v1' })).toBe('');
    expect(getFieldSelector({})).toBe('');
  });

  it('selects regarding.* on events.k8s.io/v1', () => {
    expect(getFieldSelector(deployment, { api: 'events.k8s.io/v1' })).toBe(
      'regarding.apiVersion=apps/v1,regarding.kind=Deployment,regarding.name=test-deployment,regarding.uid=2c55cad7-ee4e-11e9-abe1-525400e7bc6b',
    );
  });

  it('selects involvedObject.* on core/v1', () => {
    expect(getFieldSelector(deployment, { api: 'v1' })).toBe(
      'involvedObject.apiVersion=apps/v1,involvedObject.kind=Deployment,involvedObject.name=test-deployment,involvedObject.uid=2c55cad7-ee4e-11e9-abe1-525400e7bc6b',
    );
  });

  it('rejects an unknown group version with a typed error ("unknown version")', () => {
    const err = catchError(() => getFieldSelector(deployment, { api: 'v1alpha1' as 'v1' }));
    expect(err).toBeInstanceOf(EventQueryError);
    expect(err).toMatchObject({ code: 'InvalidOptions', message: `options.api must be 'v1' or 'events.k8s.io/v1', got "v1alpha1"` });
  });
});

describe('getFieldSelector (client-go core/v1 EventExpansion.GetFieldSelector)', () => {
  it('leaves undefined fields out and keeps empty ones, like nil and non-nil *string', () => {
    expect(getFieldSelector({ name: 'web-0' })).toBe('involvedObject.name=web-0');
    expect(getFieldSelector({ name: 'n1', namespace: '' })).toBe('involvedObject.name=n1,involvedObject.namespace=');
    expect(getFieldSelector({ name: 'web-0', namespace: 'prod', kind: 'Pod', uid: 'u1' })).toBe(
      'involvedObject.kind=Pod,involvedObject.name=web-0,involvedObject.namespace=prod,involvedObject.uid=u1',
    );
  });

  it('escapes values with fields.EscapeValue', () => {
    expect(getFieldSelector({ name: 'a,b=c\\d', kind: 'X=Y' })).toBe('involvedObject.kind=X\\=Y,involvedObject.name=a\\,b\\=c\\\\d');
  });

  it('rejects fields that are not strings, for plain JavaScript callers', () => {
    expect(catchError(() => getFieldSelector({ name: 5 as unknown as string }))).toMatchObject({ code: 'InvalidSubject', message: 'name must be a string, got number' });
    expect(catchError(() => getFieldSelector(null as unknown as object))).toMatchObject({ code: 'InvalidSubject' });
  });
});

describe('getFieldSelectorFor (client-go Search: name, namespace, kind, uid)', () => {
  it('reads an object: namespace always present, empty for cluster-scoped objects', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'prod', uid: 'u1', resourceVersion: '7' } };
    expect(getFieldSelectorFor(pod)).toBe('involvedObject.kind=Pod,involvedObject.name=web-0,involvedObject.namespace=prod,involvedObject.uid=u1');
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } };
    expect(getFieldSelectorFor(node, { api: 'events.k8s.io/v1' })).toBe('regarding.kind=Node,regarding.name=n1,regarding.namespace=');
  });

  it('reads a V1ObjectReference and an object from a list response (no kind)', () => {
    expect(involvedObjectFields({ kind: 'Pod', name: 'web-0', namespace: 'prod', uid: 'u1', fieldPath: 'spec.containers{web}' })).toEqual({
      name: 'web-0',
      namespace: 'prod',
      kind: 'Pod',
      uid: 'u1',
    });
    expect(getFieldSelectorFor({ metadata: { name: 'web-0', namespace: 'prod' } })).toBe('involvedObject.name=web-0,involvedObject.namespace=prod');
  });

  it.each([
    [undefined, 'pass a Kubernetes object or a V1ObjectReference, got undefined'],
    [[], 'pass a Kubernetes object or a V1ObjectReference, got an array'],
    [{ metadata: {} }, 'the object has no name: events are listed for one named object'],
    [{ metadata: 'x' }, 'metadata must be an object'],
    [{ metadata: { name: 3 } }, 'metadata.name must be a string, got number'],
  ])('rejects %j with InvalidSubject', (subject, message) => {
    expect(catchError(() => getFieldSelectorFor(subject))).toMatchObject({ name: 'EventQueryError', code: 'InvalidSubject', message });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}
