// Builds the involvedObject reference of an event from an object or a reference (client-go's
// reference.GetReference), with errors that tell the caller how to fix the input.
import type { V1ObjectReference } from '@kubernetes/client-node';
import { InvalidEventError } from './errors.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Returns the `ObjectReference` for `subject`: `kind`, `apiVersion`, `name`, `namespace`, `uid`,
 * `resourceVersion` from a Kubernetes object, or the reference itself (copied) when `subject` is an
 * `ObjectReference` (an object with top-level `kind` and `name` and no `metadata`).
 *
 * Unlike client-go there is no scheme to look kinds up in, so `apiVersion` and `kind` must be on the
 * object. Objects taken from a list response (`listNamespacedPod().items[i]`) do not carry them.
 *
 * @throws {@link InvalidEventError} with code `InvalidObject`, `MissingTypeMeta` or `MissingName`.
 * @example
 * ```ts
 * getReference({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'prod', uid: 'u1' } });
 * // { kind: 'Pod', namespace: 'prod', name: 'web-0', uid: 'u1', apiVersion: 'v1' }
 * ```
 *
 * @category Recording
 */
export function getReference(subject: unknown): V1ObjectReference {
  if (!isRecord(subject)) {
    throw new InvalidEventError(
      'InvalidObject',
      `can't reference ${subject === null ? 'a null object' : `a value of type ${typeof subject}`}: pass a Kubernetes object or a V1ObjectReference`,
    );
  }
  const metadata = subject['metadata'];
  if (isRecord(metadata)) return fromObject(subject, metadata);
  if (metadata === undefined && str(subject['kind']) !== undefined && 'name' in subject) return fromReference(subject);
  if (metadata === undefined) {
    throw new InvalidEventError(
      'InvalidObject',
      "can't reference an object without metadata: pass a Kubernetes object (apiVersion, kind, metadata) or a V1ObjectReference (kind, name, …)",
    );
  }
  throw new InvalidEventError('InvalidObject', "can't reference an object whose metadata is not an object");
}

function fromObject(subject: Record<string, unknown>, metadata: Record<string, unknown>): V1ObjectReference {
  const kind = str(subject['kind']);
  const apiVersion = str(subject['apiVersion']);
  const name = str(metadata['name']);
  if (kind === undefined || apiVersion === undefined) {
    const missing = [apiVersion === undefined ? 'apiVersion' : '', kind === undefined ? 'kind' : ''].filter(Boolean).join(' and ');
    throw new InvalidEventError(
      'MissingTypeMeta',
      `object ${describe(metadata)} has no ${missing}: objects read from list responses (e.g. listNamespacedPod().items) ` +
        `do not carry apiVersion/kind; set them on the object (e.g. { ...pod, apiVersion: 'v1', kind: 'Pod' }) or pass a V1ObjectReference`,
    );
  }
  if (name === undefined) {
    throw new InvalidEventError('MissingName', `${kind} ${apiVersion} object has no metadata.name: an event must be about a named object`);
  }
  const ref: V1ObjectReference = { kind, apiVersion, name };
  const namespace = str(metadata['namespace']);
  const uid = str(metadata['uid']);
  const resourceVersion = str(metadata['resourceVersion']);
  if (namespace !== undefined) ref.namespace = namespace;
  if (uid !== undefined) ref.uid = uid;
  if (resourceVersion !== undefined) ref.resourceVersion = resourceVersion;
  return ref;
}

function fromReference(subject: Record<string, unknown>): V1ObjectReference {
  const ref: V1ObjectReference = {};
  for (const key of ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'] as const) {
    const value = str(subject[key]);
    if (value !== undefined) ref[key] = value;
  }
  if (ref.apiVersion === undefined) {
    throw new InvalidEventError(
      'MissingTypeMeta',
      `reference to ${ref.kind ?? ''} ${ref.name ?? ''} has no apiVersion: set apiVersion (e.g. 'v1' or 'apps/v1') on the V1ObjectReference`,
    );
  }
  if (ref.name === undefined) {
    throw new InvalidEventError('MissingName', `reference to a ${ref.kind ?? ''} has no name: an event must be about a named object`);
  }
  return ref;
}

function describe(metadata: Record<string, unknown>): string {
  const name = str(metadata['name']) ?? '<unnamed>';
  const namespace = str(metadata['namespace']);
  return JSON.stringify(namespace ? `${namespace}/${name}` : name);
}
