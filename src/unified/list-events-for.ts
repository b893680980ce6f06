// listEventsFor: the events about one object, listed with the field selector client-go's Search builds and
// sorted by last occurrence as `kubectl events` prints them — for tests, CLIs and status pages.
import { CoreV1Api, EventsV1Api, type CoreV1Event, type EventsV1Event, type KubeConfig } from '@kubernetes/client-node';
import { describeValue, EventQueryError } from '../shared/event-query-error.js';
import { getFieldSelector, involvedObjectFields, type EventSelectorApi } from '../shared/field-selector.js';
import { statusBodyOf, statusOf } from '../engine/api-status.js';

/** kubectl's default `--chunk-size`: events are listed in pages of this many. */
export const DEFAULT_EVENT_LIST_PAGE_SIZE = 500;

/**
 * Options of `listEventsFor`.
 *
 * @category Recording
 */
export interface ListEventsForOptions {
  /**
   * Which API to list through. Default `'v1'`: core/v1 serves every event, whichever API wrote it (the
   * server keeps one Event type and converts), and is served by every cluster — so no discovery is needed.
   * `'events.k8s.io/v1'` returns the same events in that API's shape (`regarding`, `note`, `series`).
   */
  readonly api?: EventSelectorApi;
  /**
   * Namespace to list in. Default: the object's namespace; for a cluster-scoped object (no namespace)
   * `default`, the only namespace the API server accepts such events in (its validation rejects a
   * cluster-scoped `involvedObject` in any other namespace), so namespace-scoped RBAC is enough.
   */
  readonly namespace?: string;
  /**
   * List in every namespace (`GET /api/v1/events`), as `kubectl describe` does for cluster-scoped
   * objects. Needs cluster-wide `list events`. Default false; overrides `namespace`.
   */
  readonly allNamespaces?: boolean;
  /** Events per list request (`limit`, following `continue` tokens). Default 500. */
  readonly pageSize?: number;
}

type Listed<A extends EventSelectorApi> = A extends 'events.k8s.io/v1' ? EventsV1Event : CoreV1Event;

interface ListPage<T> {
  readonly items: T[];
  readonly metadata?: { readonly _continue?: string };
}

/** Where events about a cluster-scoped object live: the API server accepts them in `default` only. */
const CLUSTER_SCOPED_EVENT_NAMESPACE = 'default';

interface Resolved {
  readonly api: EventSelectorApi;
  readonly namespace: string | undefined;
  readonly allNamespaces: boolean;
  readonly pageSize: number;
}

function validated(options: unknown): Resolved {
  if (options === undefined || options === null) return { api: 'v1', namespace: undefined, allNamespaces: false, pageSize: DEFAULT_EVENT_LIST_PAGE_SIZE };
  if (typeof options !== 'object') throw new EventQueryError('InvalidOptions', `options must be an object, got ${typeof options}`);
  const o = options as Record<string, unknown>;
  const api = o['api'] ?? 'v1';
  if (api !== 'v1' && api !== 'events.k8s.io/v1') {
    throw new EventQueryError('InvalidOptions', `options.api must be 'v1' or 'events.k8s.io/v1', got ${describeValue(api)}`);
  }
  const namespace = o['namespace'];
  if (namespace !== undefined && (typeof namespace !== 'string' || namespace === '')) {
    throw new EventQueryError('InvalidOptions', 'options.namespace must be a non-empty string (omit it for the object\'s namespace)');
  }
  const allNamespaces = o['allNamespaces'] ?? false;
  if (typeof allNamespaces !== 'boolean') throw new EventQueryError('InvalidOptions', `options.allNamespaces must be a boolean, got ${typeof allNamespaces}`);
  const pageSize = o['pageSize'] ?? DEFAULT_EVENT_LIST_PAGE_SIZE;
  if (typeof pageSize !== 'number' || !Number.isSafeInteger(pageSize) || pageSize <= 0) {
    throw new EventQueryError('InvalidOptions', `options.pageSize must be a positive integer, got ${describeValue(pageSize)}`);
  }
  return { api, namespace, allNamespaces, pageSize };
}

function timeOf(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'string' && value !== '') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/**
 * When an event last happened, as `kubectl events` sorts them: the series' last observation, else the
 * last timestamp, else eventTime. Events with none sort first (Go's zero time).
 */
export function lastOccurrence(event: CoreV1Event | EventsV1Event): number {
  const e = event as Partial<CoreV1Event> & Partial<EventsV1Event>;
  return timeOf(e.series?.lastObservedTime) ?? timeOf(e.lastTimestamp) ?? timeOf(e.deprecatedLastTimestamp) ?? timeOf(e.eventTime) ?? Number.NEGATIVE_INFINITY;
}

function failure(err: unknown, what: string): EventQueryError {
  const status = statusOf(err);
  if (status === undefined) {
    return new EventQueryError('TransportError', `${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const body = statusBodyOf(err);
  const detail = body?.message ? `: ${body.message}` : '';
  return new EventQueryError('ListFailed', `${what} answered HTTP ${status}${detail}`, { status, reason: body?.reason, cause: err });
}

/**
 * Lists the events about one object — the object's own events, as `kubectl describe` shows them — oldest
 * first by last occurrence (`kubectl events` order). The field selector is client-go's `Search`:
 * name, namespace, kind and uid of the object (`involvedObject.*`, or `regarding.*` with
 * `api: 'events.k8s.io/v1'`). Works with client-node 1.4+ and 2.x.
 *
 * @param kubeConfig - where to list (a `CoreV1Api` or `EventsV1Api` is made from it).
 * @param subject - a Kubernetes object (`metadata.name` required; `kind` and `metadata.uid` narrow the
 *   selection when present) or a `V1ObjectReference`.
 * @throws {@link EventQueryError} (as a rejection): `InvalidSubject`, `InvalidOptions`, `ListFailed`
 *   (with `status` and `reason`, e.g. 403 `Forbidden`) or `TransportError`.
 * @example
 * ```ts
 * const events = await listEventsFor(kc, pod);
 * for (const e of events) console.log(e.type, e.reason, e.count, e.message);
 *
 * const v1 = await listEventsFor(kc, node, { api: 'events.k8s.io/v1' }); // EventsV1Event[] from `default`
 * ```
 *
 * @category Recording
 */
export function listEventsFor(kubeConfig: KubeConfig, subject: unknown, options?: ListEventsForOptions & { readonly api?: 'v1' }): Promise<CoreV1Event[]>;
export function listEventsFor(kubeConfig: KubeConfig, subject: unknown, options: ListEventsForOptions & { readonly api: 'events.k8s.io/v1' }): Promise<EventsV1Event[]>;
export function listEventsFor(kubeConfig: KubeConfig, subject: unknown, options?: ListEventsForOptions): Promise<CoreV1Event[] | EventsV1Event[]>;
export async function listEventsFor(kubeConfig: KubeConfig, subject: unknown, options?: ListEventsForOptions): Promise<CoreV1Event[] | EventsV1Event[]> {
  const { api, namespace: namespaceOption, allNamespaces, pageSize } = validated(options);
  const fields = involvedObjectFields(subject);
  const fieldSelector = getFieldSelector(fields, { api });
  const namespace = allNamespaces ? undefined : (namespaceOption ?? (fields.namespace || CLUSTER_SCOPED_EVENT_NAMESPACE));
  if (typeof kubeConfig !== 'object' || kubeConfig === null || typeof (kubeConfig as { makeApiClient?: unknown }).makeApiClient !== 'function') {
    throw new EventQueryError('InvalidOptions', 'kubeConfig must be a client-node KubeConfig');
  }
  return api === 'events.k8s.io/v1'
    ? listAll<EventsV1Event>(kubeConfig.makeApiClient(EventsV1Api), namespace, fieldSelector, pageSize)
    : listAll<CoreV1Event>(kubeConfig.makeApiClient(CoreV1Api), namespace, fieldSelector, pageSize);
}

/** The list calls both APIs share (object-parameter style, the same in client-node 1.x and 2.x). */
interface EventLister<T> {
  listNamespacedEvent(param: { namespace: string; fieldSelector: string; limit: number; _continue?: string }): Promise<ListPage<T>>;
  listEventForAllNamespaces(param: { fieldSelector: string; limit: number; _continue?: string }): Promise<ListPage<T>>;
}

async function listAll<T extends Listed<EventSelectorApi>>(client: unknown, namespace: string | undefined, fieldSelector: string, limit: number): Promise<T[]> {
  const lister = client as EventLister<T>;
  const where = namespace === undefined ? 'all namespaces' : `namespace ${JSON.stringify(namespace)}`;
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page: { _continue?: string } = token === undefined ? {} : { _continue: token };
    let list: ListPage<T>;
    try {
      list =
        namespace === undefined
          ? await lister.listEventForAllNamespaces({ fieldSelector, limit, ...page })
          : await lister.listNamespacedEvent({ namespace, fieldSelector, limit, ...page });
    } catch (err) {
      throw failure(err, `listing events (${fieldSelector}) in ${where}`);
    }
    items.push(...(Array.isArray(list.items) ? list.items : []));
    token = list.metadata?._continue || undefined;
  } while (token !== undefined);
  // Array#sort is stable: events with the same last occurrence keep the server's (name) order.
  return items.sort((a, b) => lastOccurrence(a) - lastOccurrence(b) || 0);
}
