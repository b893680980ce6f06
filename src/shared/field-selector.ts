// "Events about this object": the field selector that lists the events regarding one object, as
// client-go's EventExpansion.GetFieldSelector (core/v1) and tools/events.GetFieldSelector (events.k8s.io) build it.
import { describeValue, EventQueryError } from './event-query-error.js';

/**
 * The Event API a selector is written for: core `v1` (`involvedObject.*`) or `events.k8s.io/v1` (`regarding.*`).
 *
 * @category Recording
 */
export type EventSelectorApi = 'v1' | 'events.k8s.io/v1';

/**
 * The fields of the object an event is about. As with client-go's `*string` parameters, a field that is
 * `undefined` is left out of the selector, while `''` selects events whose field is empty (e.g.
 * `namespace: ''` for a cluster-scoped object).
 *
 * @category Recording
 */
export interface InvolvedObjectFields {
  /** `involvedObject.name` / `regarding.name`. */
  readonly name?: string;
  /** `involvedObject.namespace` / `regarding.namespace`. */
  readonly namespace?: string;
  /** `involvedObject.kind` / `regarding.kind`. */
  readonly kind?: string;
  /** `involvedObject.uid` / `regarding.uid`. */
  readonly uid?: string;
  /** `involvedObject.apiVersion` / `regarding.apiVersion` (tools/events' GetFieldSelector sets it; core's does not). */
  readonly apiVersion?: string;
}

/**
 * Options of {@link getFieldSelector}.
 *
 * @category Recording
 */
export interface FieldSelectorOptions {
  /** Which Event API the selector is for. Default `'v1'` (`involvedObject.*`). */
  readonly api?: EventSelectorApi;
}

/** The reference field each Event API names the involved object by (client-go tools/events' `mapping`). */
const PREFIX: Readonly<Record<EventSelectorApi, string>> = { v1: 'involvedObject', 'events.k8s.io/v1': 'regarding' };

const FIELD_KEYS = ['apiVersion', 'kind', 'name', 'namespace', 'uid'] as const;

/**
 * apimachinery's `fields.EscapeValue`: `\` → `\\`, then `,` → `\,` and `=` → `\=`, so any value (a name
 * with a comma, a UID with `=`) survives the server's selector parser unchanged.
 *
 * @example
 * ```ts
 * escapeFieldSelectorValue('a,b=c\\d'); // 'a\\,b\\=c\\\\d'
 * ```
 *
 * @category Recording
 */
export function escapeFieldSelectorValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

function apiOf(options: unknown): EventSelectorApi {
  if (options === undefined || options === null) return 'v1';
  if (typeof options !== 'object') throw new EventQueryError('InvalidOptions', `options must be an object, got ${typeof options}`);
  const api = (options as { api?: unknown }).api;
  if (api === undefined) return 'v1';
  if (api === 'v1' || api === 'events.k8s.io/v1') return api;
  throw new EventQueryError('InvalidOptions', `options.api must be 'v1' or 'events.k8s.io/v1', got ${describeValue(api)}`);
}

/**
 * Builds the field selector that selects the events about one object: client-go's
 * `GetFieldSelector(involvedObjectName, involvedObjectNamespace, involvedObjectKind, involvedObjectUID)`
 * for core/v1, and the same with `regarding.*` for events.k8s.io/v1 (tools/events.GetFieldSelector).
 * Values are escaped with `fields.EscapeValue`.
 *
 * Terms come in sorted key order. (client-go builds them from a Go map, whose order is random; the
 * API server sorts the terms when it parses them, so every order selects the same events. Sorted is
 * the deterministic one, and what `fields.ParseSelector(s).String()` prints.)
 *
 * @throws {@link EventQueryError} `InvalidSubject` when a field is neither a string nor undefined;
 * `InvalidOptions` for an unknown `api`.
 * @example
 * ```ts
 * getFieldSelector({ name: 'web-0', namespace: 'prod', kind: 'Pod', uid: 'u1' });
 * // 'involvedObject.kind=Pod,involvedObject.name=web-0,involvedObject.namespace=prod,involvedObject.uid=u1'
 * getFieldSelector({ name: 'n1', namespace: '' }, { api: 'events.k8s.io/v1' });
 * // 'regarding.name=n1,regarding.namespace='
 * ```
 *
 * @category Recording
 */
export function getFieldSelector(fields: InvolvedObjectFields, options?: FieldSelectorOptions): string {
  const prefix = PREFIX[apiOf(options)];
  if (typeof fields !== 'object' || fields === null) {
    throw new EventQueryError('InvalidSubject', `fields must be an object of involved-object fields, got ${fields === null ? 'null' : typeof fields}`);
  }
  const terms: string[] = [];
  for (const key of FIELD_KEYS) {
    const value: unknown = fields[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new EventQueryError('InvalidSubject', `${key} must be a string, got ${value === null ? 'null' : typeof value}`);
    terms.push(`${prefix}.${key}=${escapeFieldSelectorValue(value)}`);
  }
  return terms.join(',');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new EventQueryError('InvalidSubject', `${what} must be a string, got ${typeof value}`);
  return value;
}

/**
 * The involved-object fields of an object or a `V1ObjectReference`, as client-go's `Search` selects
 * them: name, namespace (always present, `''` for a cluster-scoped object), kind and uid when set.
 *
 * @throws {@link EventQueryError} `InvalidSubject` when the subject has no name or is not an object.
 * @example
 * ```ts
 * involvedObjectFields({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'u9' } });
 * // { name: 'n1', namespace: '', kind: 'Node', uid: 'u9' }
 * ```
 */
export function involvedObjectFields(subject: unknown): InvolvedObjectFields {
  if (!isRecord(subject)) {
    throw new EventQueryError('InvalidSubject', `pass a Kubernetes object or a V1ObjectReference, got ${subject === null ? 'null' : Array.isArray(subject) ? 'an array' : typeof subject}`);
  }
  const metadata = subject['metadata'];
  const source = isRecord(metadata) ? metadata : subject;
  if (metadata !== undefined && !isRecord(metadata)) throw new EventQueryError('InvalidSubject', 'metadata must be an object');
  const name = optionalString(source['name'], isRecord(metadata) ? 'metadata.name' : 'name');
  if (name === undefined) throw new EventQueryError('InvalidSubject', 'the object has no name: events are listed for one named object');
  const kind = optionalString(subject['kind'], 'kind');
  const uid = optionalString(source['uid'], isRecord(metadata) ? 'metadata.uid' : 'uid');
  const fields: { name: string; namespace: string; kind?: string; uid?: string } = {
    name,
    namespace: optionalString(source['namespace'], isRecord(metadata) ? 'metadata.namespace' : 'namespace') ?? '',
  };
  if (kind !== undefined) fields.kind = kind;
  if (uid !== undefined) fields.uid = uid;
  return fields;
}

/**
 * {@link getFieldSelector} for an object or a `V1ObjectReference` (client-go's `Search`: name, namespace,
 * kind and uid of the object).
 *
 * @throws {@link EventQueryError} `InvalidSubject` or `InvalidOptions`.
 * @example
 * ```ts
 * getFieldSelectorFor(pod, { api: 'events.k8s.io/v1' });
 * // 'regarding.kind=Pod,regarding.name=web-0,regarding.namespace=prod,regarding.uid=…'
 * ```
 *
 * @category Recording
 */
export function getFieldSelectorFor(subject: unknown, options?: FieldSelectorOptions): string {
  return getFieldSelector(involvedObjectFields(subject), options);
}
