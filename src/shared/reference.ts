// Builds the involvedObject reference of an event from an object or a reference (client-go's
// reference.GetReference), with errors that tell the caller how to fix the input.
import type { V1ObjectReference } from '@kubernetes/client-node';
import { asInvalidEventError, InvalidEventError } from './errors.js';

/** The fields of a V1ObjectReference, in client-go's order; the only ones copied from an explicit reference. */
const REFERENCE_FIELDS = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'] as const;

/** Longest namespace name (a DNS-1123 label). */
const NAMESPACE_MAX_LENGTH = 63;
/** apimachinery's DNS-1123 label: what ValidateNamespaceName accepts for the event's namespace. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The default namespace of events about cluster-scoped objects. */
export const DEFAULT_EVENT_NAMESPACE = 'default';

/**
 * Returns the `ObjectReference` for `subject`.
 *
 * - A Kubernetes object (it has `metadata`): `kind`, `apiVersion`, `metadata.name`, `namespace`, `uid`,
 *   `resourceVersion`. Unlike client-go there is no scheme to look kinds up in, so `apiVersion` and `kind`
 *   must be on the object (objects taken from a list response, `listNamespacedPod().items[i]`, do not carry
 *   them), and so must `metadata.name`.
 * - Anything else that is an object (no `metadata`) is an explicit `V1ObjectReference` and is taken as
 *   given, as client-go's GetReference does: its seven fields are copied (empty ones left out, any other
 *   field ignored), nothing is required, so `{}` or a reference without `apiVersion`, `kind` or `name` is
 *   recorded as it is (the API server accepts such events; a reference without a name gets an event name
 *   that is a UUID). kube-record only refuses what the server would: a field that is not a string, and a
 *   `namespace` that is not a DNS-1123 label (the event is written into that namespace).
 *
 * Never throws anything but an {@link InvalidEventError}: a throwing getter or Proxy trap becomes code
 * `UnreadableObject`.
 *
 * @throws {@link InvalidEventError} with code `InvalidObject`, `MissingTypeMeta`, `MissingName`,
 *   `InvalidReference` or `UnreadableObject`.
 * @example
 * ```ts
 * getReference({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'prod', uid: 'u1' } });
 * // { kind: 'Pod', namespace: 'prod', name: 'web-0', uid: 'u1', apiVersion: 'v1' }
 * getReference({ kind: 'Pod', name: 'web-0', namespace: 'prod', fieldPath: 'spec.containers{web}' });
 * // the same fields, as given
 * ```
 *
 * @category Recording
 */
export function getReference(subject: unknown): V1ObjectReference {
  try {
    return referenceOf(subject);
  } catch (err) {
    throw asInvalidEventError(err, 'UnreadableObject', "can't read the object the event is about");
  }
}

function referenceOf(subject: unknown): V1ObjectReference {
  if (!isRecord(subject)) {
    throw new InvalidEventError(
      'InvalidObject',
      `can't reference ${subject === null ? 'a null object' : Array.isArray(subject) ? 'an array' : `a value of type ${typeof subject}`}: ` +
        'pass a Kubernetes object or a V1ObjectReference',
    );
  }
  const metadata = subject['metadata'];
  if (isRecord(metadata)) return fromObject(subject, metadata);
  if (metadata === undefined) return fromReference(subject);
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
        `do not carry apiVersion/kind; set them with withTypeMeta (withTypeMeta(list) for a whole list response, ` +
        `withTypeMeta(pod, 'v1', 'Pod') for one object) or pass a V1ObjectReference`,
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
  for (const key of REFERENCE_FIELDS) {
    const value = subject[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') {
      throw new InvalidEventError(
        'InvalidReference',
        `reference field ${key} is ${typeof value === 'object' ? 'an object' : `a ${typeof value}`}: every field of a V1ObjectReference is a string`,
      );
    }
    ref[key] = value;
  }
  const namespace = ref.namespace;
  if (namespace !== undefined && (namespace.length > NAMESPACE_MAX_LENGTH || !DNS1123_LABEL.test(namespace))) {
    throw new InvalidEventError(
      'InvalidReference',
      `reference namespace ${JSON.stringify(namespace.slice(0, NAMESPACE_MAX_LENGTH + 1))} is not a namespace name ` +
        '(a DNS-1123 label): the API server would reject the event',
    );
  }
  return ref;
}

function describe(metadata: Record<string, unknown>): string {
  const name = str(metadata['name']) ?? '<unnamed>';
  const namespace = str(metadata['namespace']);
  return JSON.stringify(namespace ? `${namespace}/${name}` : name);
}
