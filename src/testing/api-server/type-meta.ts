// What the apiserver's decoder does with a body's apiVersion/kind before the object is decoded: defaults
// from the endpoint, "no kind is registered" for kinds the scheme lacks, "unknown conversion" for kinds it
// has but cannot convert to the endpoint's type, and the API-version mismatch check of the create/update
// handlers — with transformDecodeError's wording and its 30-byte body summary.
import type { JsonObject } from './json.js';
import { badRequest, type StatusError } from './status.js';

/**
 * kube-apiserver's scheme (legacyscheme.Scheme) as notRegisteredErr names it: the file:line that created it,
 * printed without the module prefix (release binaries are built with -trimpath).
 */
export const SCHEME_NAME = 'pkg/api/legacyscheme/scheme.go:30';

/** Kinds metav1.AddToGroupVersion registers in every group version (the Go package of their type is `v1`). */
const META_KINDS = ['WatchEvent', 'ListOptions', 'GetOptions', 'DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions'];

const lists = (kinds: string[]): string[] => kinds.flatMap((k) => [k, `${k}List`]);

/**
 * Kinds registered per group version, for the groups controllers commonly send by mistake. A kind that is
 * not listed answers "no kind is registered", which is also what the real scheme answers for any group
 * it does not know (custom resources are not in the core scheme).
 */
const REGISTERED: Readonly<Record<string, readonly string[]>> = {
  v1: [
    ...lists(['Pod', 'PodTemplate', 'ReplicationController', 'Service', 'Endpoints', 'Node', 'Event', 'LimitRange', 'ResourceQuota', 'Namespace']),
    ...lists(['Secret', 'ServiceAccount', 'PersistentVolume', 'PersistentVolumeClaim', 'ComponentStatus', 'ConfigMap']),
    'PodStatusResult', 'Binding', 'List', 'RangeAllocation', 'SerializedReference', 'NodeProxyOptions', 'ServiceProxyOptions',
    'PodAttachOptions', 'PodLogOptions', 'PodExecOptions', 'PodPortForwardOptions', 'PodProxyOptions',
    // metav1.AddUnversionedTypes puts these in group "" version v1.
    'Status', 'APIVersions', 'APIGroupList', 'APIGroup', 'APIResourceList',
  ],
  'apps/v1': lists(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision']),
  'batch/v1': lists(['Job', 'CronJob']),
  'events.k8s.io/v1': lists(['Event']),
  'events.k8s.io/v1beta1': lists(['Event']),
  'coordination.k8s.io/v1': lists(['Lease']),
  'discovery.k8s.io/v1': lists(['EndpointSlice']),
  'networking.k8s.io/v1': lists(['Ingress', 'IngressClass', 'NetworkPolicy']),
  'policy/v1': [...lists(['PodDisruptionBudget']), 'Eviction'],
  'rbac.authorization.k8s.io/v1': lists(['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']),
  'autoscaling/v1': [...lists(['HorizontalPodAutoscaler']), 'Scale'],
  'autoscaling/v2': lists(['HorizontalPodAutoscaler']),
  'storage.k8s.io/v1': lists(['StorageClass', 'VolumeAttachment', 'CSIDriver', 'CSINode', 'CSIStorageCapacity']),
};

/** The endpoint a body is decoded for. */
export interface TypeMetaTarget {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Other group/version/kinds that convert to the same internal type (events: core v1 and events.k8s.io). */
  readonly convertibleFrom: readonly string[];
}

/** apimachinery's summarizeData(body, 30): JSON objects as text, anything else as hex; " ..." when cut. */
export function summarizeBody(text: string): string {
  const SUMMARY_BYTES = 30;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return '<empty>';
  const cut = bytes.length > SUMMARY_BYTES;
  const head = cut ? bytes.subarray(0, SUMMARY_BYTES) : bytes;
  const shown = bytes[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return cut ? `${shown} ...` : shown;
}

/** transformDecodeError without a kind: "the object provided is unrecognized (must be of type X): err (summary)". */
export function unrecognizedObject(kind: string, cause: string, bodyText: string): StatusError {
  return badRequest(`the object provided is unrecognized (must be of type ${kind}): ${cause} (${summarizeBody(bodyText)})`);
}

function jsonKindOf(v: unknown): string {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (v !== null && typeof v === 'object') return 'object';
  return 'string';
}

/**
 * Checks a JSON body's apiVersion/kind the way the create and update handlers' decoder does. Returns the
 * 400 to answer, or undefined when the body is of the endpoint's own kind and version.
 */
export function checkTypeMeta(body: JsonObject, target: TypeMetaTarget, bodyText: string): StatusError | undefined {
  // meta.Interpret: json.Unmarshal into struct { APIVersion string; Kind string }.
  for (const field of ['apiVersion', 'kind'] as const) {
    const v = body[field];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      return unrecognizedObject(target.kind, `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonKindOf(v)} into Go struct field .${field} of type string`, bodyText);
    }
  }
  const apiVersion = typeof body['apiVersion'] === 'string' ? body['apiVersion'] : '';
  let kind = typeof body['kind'] === 'string' ? body['kind'] : '';
  // schema.ParseGroupVersion.
  const parts = apiVersion === '' ? [] : apiVersion.split('/');
  if (parts.length > 2) return unrecognizedObject(target.kind, `unexpected GroupVersion string: ${apiVersion}`, bodyText);
  let group = parts.length === 2 ? (parts[0] ?? '') : '';
  let version = parts.length === 2 ? (parts[1] ?? '') : (parts[0] ?? '');
  // gvkWithDefaults(actual, endpoint's kind).
  if (kind === '') kind = target.kind;
  if (version === '' && group === '') {
    group = target.group;
    version = target.version;
  }
  if (version === '' && group === target.group) version = target.version;
  const cannotHandle = (cause: string): StatusError => badRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${target.kind}: ${cause}`);
  if (version === '') return cannotHandle(`Object 'apiVersion' is missing in '${bodyText}'`);
  const gv = group === '' ? version : `${group}/${version}`;
  const gvk = `${gv}/${kind}`;
  const own = `${target.group === '' ? target.version : `${target.group}/${target.version}`}/${target.kind}`;
  if (gvk === own) return undefined;
  if (target.convertibleFrom.includes(gvk)) {
    // Decoded and converted fine, then refused by the handler's AcceptsGroupVersion check.
    return badRequest(`the API version in the data (${gv}) does not match the expected API version (${own.slice(0, own.lastIndexOf('/'))})`);
  }
  const registered = REGISTERED[gv]?.includes(kind) === true || (REGISTERED[gv] !== undefined && META_KINDS.includes(kind));
  if (!registered) return cannotHandle(`no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(gv)} in scheme ${JSON.stringify(SCHEME_NAME)}`);
  // The Go package of a built-in type is named after its version (k8s.io/api/apps/v1 is package v1); the
  // handler decodes into the internal type, whose package is the group's short name (core for "" and events).
  const goPackage = META_KINDS.includes(kind) ? 'v1' : version;
  return cannotHandle(`converting (${goPackage}.${kind}) to (core.${target.kind}): unknown conversion`);
}
