// withTypeMeta: gives objects read from list responses and informer caches the apiVersion/kind the API
// server leaves off list items, which the recorder needs for the event's involvedObject/regarding.
import { InvalidEventError } from './errors.js';

/**
 * `T` with its `apiVersion` and `kind` set (client-go's `metav1.TypeMeta`).
 *
 * @category Recording
 */
export type WithTypeMeta<T> = T & {
  /** `group/version`, e.g. `v1` or `apps/v1`. */
  apiVersion: string;
  /** Kind, e.g. `Pod`. */
  kind: string;
};

/**
 * A list response as client-node returns it (`V1PodList`, `V1ConfigMapList`, …): the list's own
 * `apiVersion` and `kind` (`v1`, `PodList`) and items that carry neither.
 *
 * @category Recording
 */
export interface KubernetesListLike<T> {
  /** The items' group/version, e.g. `v1` or `apps/v1`. */
  readonly apiVersion?: string;
  /** `<Kind>List`, e.g. `PodList`. */
  readonly kind?: string;
  /** The objects. */
  readonly items: readonly T[];
}

/** Suffix of a list kind: `PodList` lists `Pod`s (apimachinery's convention for every built-in and CRD list). */
const LIST_KIND_SUFFIX = 'List';

/**
 * Returns the items of a list response with the list's `apiVersion` and its `kind` without the `List`
 * suffix (`PodList` → `Pod`).
 *
 * @throws {@link InvalidEventError} with code `MissingTypeMeta` when the list has no `apiVersion` or its
 * `kind` is not `<Kind>List` (e.g. the generic `List`), and `InvalidObject` when an item is not an object.
 * @example
 * ```ts
 * const pods = withTypeMeta(await core.listNamespacedPod({ namespace: 'prod' }));
 * recorder.eventf(pods[0], 'Normal', 'Checked', 'pod checked'); // involvedObject: { apiVersion: 'v1', kind: 'Pod', … }
 * ```
 *
 * @category Recording
 */
export function withTypeMeta<T extends object>(list: KubernetesListLike<T>): Array<WithTypeMeta<T>>;
/**
 * Returns copies of `items` with `apiVersion` and `kind` set: for the items of a list response or an
 * informer's cache (`informer.list()`).
 *
 * @throws {@link InvalidEventError} with code `MissingTypeMeta` when `apiVersion` or `kind` is not a
 * non-empty string, and `InvalidObject` when an item is not an object.
 * @example
 * ```ts
 * const configMaps = withTypeMeta(informer.list(), 'v1', 'ConfigMap');
 * ```
 */
export function withTypeMeta<T extends object>(items: readonly T[], apiVersion: string, kind: string): Array<WithTypeMeta<T>>;
/**
 * Returns a copy of `object` with `apiVersion` and `kind` set, for one item of a list response or an
 * object an informer handler received.
 *
 * @throws {@link InvalidEventError} with code `MissingTypeMeta` when `apiVersion` or `kind` is not a
 * non-empty string, and `InvalidObject` when `object` is not an object.
 * @example
 * ```ts
 * informer.on('update', (cm) => recorder.eventf(withTypeMeta(cm, 'v1', 'ConfigMap'), 'Normal', 'Synced', 'synced'));
 * ```
 */
export function withTypeMeta<T extends object>(object: T, apiVersion: string, kind: string): WithTypeMeta<T>;
/**
 * Sets `apiVersion` and `kind` on objects that do not carry them. Objects from list responses
 * (`(await core.listNamespacedPod(…)).items`) and from informer caches have neither, and the recorder
 * drops events about them (it has no scheme to look kinds up in, unlike client-go).
 *
 * Never mutates its input: every object is copied (own enumerable properties, same prototype, so a
 * client-node model class instance stays one), and the given `apiVersion`/`kind` replace any the
 * object had. The copy is shallow: `metadata`, `spec` and `status` are shared with the input.
 *
 * @example
 * ```ts
 * const pod = withTypeMeta({ metadata: { name: 'web-0', namespace: 'prod' } }, 'v1', 'Pod');
 * // { metadata: { name: 'web-0', namespace: 'prod' }, apiVersion: 'v1', kind: 'Pod' }
 * const deployments = withTypeMeta(await apps.listNamespacedDeployment({ namespace: 'prod' })); // kind 'Deployment'
 * ```
 */
export function withTypeMeta<T extends object>(
  subject: T | readonly T[] | KubernetesListLike<T>,
  apiVersion?: string,
  kind?: string,
): WithTypeMeta<T> | Array<WithTypeMeta<T>> {
  if (apiVersion === undefined && kind === undefined && isList<T>(subject)) {
    const typeMeta = itemTypeMeta(subject);
    return subject.items.map((item) => copyWithTypeMeta(item, typeMeta.apiVersion, typeMeta.kind));
  }
  const version = requireName(apiVersion, 'apiVersion');
  const itemKind = requireName(kind, 'kind');
  if (Array.isArray(subject)) return (subject as readonly T[]).map((item) => copyWithTypeMeta(item, version, itemKind));
  return copyWithTypeMeta(subject as T, version, itemKind);
}

function isList<T>(subject: unknown): subject is KubernetesListLike<T> {
  return typeof subject === 'object' && subject !== null && !Array.isArray(subject) && Array.isArray((subject as { items?: unknown }).items);
}

function itemTypeMeta(list: KubernetesListLike<unknown>): { apiVersion: string; kind: string } {
  const listKind = typeof list.kind === 'string' ? list.kind : '';
  const kind = listKind.endsWith(LIST_KIND_SUFFIX) ? listKind.slice(0, -LIST_KIND_SUFFIX.length) : '';
  if (typeof list.apiVersion !== 'string' || list.apiVersion === '' || kind === '') {
    throw new InvalidEventError(
      'MissingTypeMeta',
      `can't derive the items' apiVersion/kind from a list with apiVersion ${JSON.stringify(list.apiVersion ?? '')} and kind ` +
        `${JSON.stringify(listKind)} (expected e.g. 'v1' and 'PodList'): pass them, withTypeMeta(list.items, 'v1', 'Pod')`,
    );
  }
  return { apiVersion: list.apiVersion, kind };
}

function requireName(value: unknown, field: 'apiVersion' | 'kind'): string {
  if (typeof value === 'string' && value !== '') return value;
  const example = field === 'apiVersion' ? "'v1' or 'apps/v1'" : "'Pod'";
  throw new InvalidEventError('MissingTypeMeta', `withTypeMeta needs a non-empty ${field} (e.g. ${example}), got ${describeValue(value)}`);
}

function copyWithTypeMeta<T extends object>(object: T, apiVersion: string, kind: string): WithTypeMeta<T> {
  if (typeof object !== 'object' || object === null) {
    throw new InvalidEventError('InvalidObject', `withTypeMeta can't set apiVersion/kind on ${describeValue(object)}: pass a Kubernetes object`);
  }
  const copy = Object.create(Object.getPrototypeOf(object) as object | null) as T;
  return Object.assign(copy, object, { apiVersion, kind });
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return `a value of type ${typeof value}`;
}
