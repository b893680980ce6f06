// The ClusterRole in deploy/ grants exactly what the operator calls: the operator runs (as deployed:
// cluster-wide, event group by discovery) against the in-memory API server, once with events.k8s.io/v1
// served and once without, and every request it sent is mapped to an RBAC (group, resource, verb).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CoreV1Api, type V1ConfigMap } from '@kubernetes/client-node';
import { silentLogger } from '../../src/index.js';
import { startTestApiServer, type RecordedRequest } from '../../src/testing/api-server/index.js';
import { pendingWrites } from '../../examples/configmap-operator/report.js';
import { startRecordingOperator } from '../../examples/configmap-operator/run.js';
import { REQUIRED_KEYS_ANNOTATION, VALIDATE_LABEL } from '../../examples/configmap-operator/validate.js';

const MANIFEST = fileURLToPath(new URL('../../examples/configmap-operator/deploy/configmap-operator.yaml', import.meta.url));
const OPERATOR_USER = 'system:serviceaccount:configmap-operator:configmap-operator';
const TOKENS = { 'admin-token': { user: 'admin', admin: true }, 'operator-token': { user: OPERATOR_USER, admin: true } } as const;

/** What RBAC sees of a resource request. */
interface RbacRequest {
  readonly group: string;
  readonly resource: string;
  readonly verb: string;
}

/**
 * Maps an HTTP request to RBAC's view (k8s.io/apiserver's RequestInfoFactory): `/api/v1/…` is group "",
 * `/apis/<group>/<version>/…` that group; GET is `watch` with `?watch=true`, `get` with a name, else
 * `list`; POST create, PUT update, PATCH patch, DELETE delete (deletecollection without a name).
 * Undefined for non-resource (discovery) paths.
 */
function rbacRequest(method: string, path: string): RbacRequest | undefined {
  const url = new URL(path, 'http://api.invalid');
  const segments = url.pathname.split('/').filter((s) => s !== '');
  let group: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length > 2) [group, rest] = ['', segments.slice(2)];
  else if (segments[0] === 'apis' && segments.length > 3) [group, rest] = [segments[1]!, segments.slice(3)];
  else return undefined;
  if (rest[0] === 'namespaces' && rest.length > 2) rest = rest.slice(2);
  const [resource = '', name] = rest;
  const watch = url.searchParams.get('watch');
  const verbs: Record<string, string> = {
    GET: watch === 'true' || watch === '1' ? 'watch' : name !== undefined ? 'get' : 'list',
    POST: 'create',
    PUT: 'update',
    PATCH: 'patch',
    DELETE: name !== undefined ? 'delete' : 'deletecollection',
  };
  return { group, resource, verb: verbs[method] ?? method.toLowerCase() };
}

const key = ({ group, resource, verb }: RbacRequest): string => `${group === '' ? 'core' : group} ${resource} ${verb}`;

/** Every (group, resource, verb) the manifest's ClusterRole grants, sorted. */
function granted(): string[] {
  const role = parseAllDocuments(readFileSync(MANIFEST, 'utf8'))
    .map((d) => d.toJS() as { kind: string; rules?: Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }> })
    .find((d) => d.kind === 'ClusterRole');
  const grants = (role?.rules ?? []).flatMap((r) => r.apiGroups.flatMap((group) => r.resources.flatMap((resource) => r.verbs.map((verb) => key({ group, resource, verb })))));
  return [...new Set(grants)].sort();
}

function configMap(name: string, data: Record<string, string>): V1ConfigMap {
  return { metadata: { name, labels: { [VALIDATE_LABEL]: 'true' }, annotations: { [REQUIRED_KEYS_ANNOTATION]: 'host,port' } }, data };
}

/** Runs the operator as deployed, makes it create and then patch one event, stops it; returns its requests. */
async function operatorRequests(eventsV1: boolean): Promise<{ api: string; requests: RecordedRequest[] }> {
  const server = await startTestApiServer({ tokens: TOKENS, eventsV1 });
  try {
    const running = await startRecordingOperator({ kubeConfig: server.kubeConfigFor('operator-token'), logger: silentLogger });
    try {
      await running.operator.ready;
      const core = server.kubeConfigFor('admin-token').makeApiClient(CoreV1Api);
      const first = await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('db', { host: 'db' }) });
      // Same outcome again (port still missing): core/v1 patches the count, events.k8s.io/v1 starts a series.
      await core.replaceNamespacedConfigMap({ name: 'db', namespace: 'default', body: { ...first, data: { host: 'db2' } } });
      await vi.waitFor(
        () => {
          const stats = running.stats();
          expect([stats.accepted, stats.created, stats.patched, pendingWrites(stats)]).toEqual([2, 1, 1, 0]);
        },
        { timeout: 10_000, interval: 10 },
      );
    } finally {
      await running.stop(5_000);
    }
    return { api: running.api, requests: server.requests().filter((r) => r.user === OPERATOR_USER) };
  } finally {
    await server.stop();
  }
}

describe('RBAC of the example operator', () => {
  it('maps requests the way the API server authorizes them', () => {
    expect(rbacRequest('GET', '/api/v1/configmaps?labelSelector=a%3Dtrue')).toEqual({ group: '', resource: 'configmaps', verb: 'list' });
    expect(rbacRequest('GET', '/api/v1/configmaps?watch=true&resourceVersion=5')).toEqual({ group: '', resource: 'configmaps', verb: 'watch' });
    expect(rbacRequest('GET', '/api/v1/namespaces/shop/configmaps/db')).toEqual({ group: '', resource: 'configmaps', verb: 'get' });
    expect(rbacRequest('POST', '/apis/events.k8s.io/v1/namespaces/shop/events')).toEqual({ group: 'events.k8s.io', resource: 'events', verb: 'create' });
    expect(rbacRequest('PATCH', '/api/v1/namespaces/shop/events/db.1')).toEqual({ group: '', resource: 'events', verb: 'patch' });
    expect(rbacRequest('PUT', '/api/v1/namespaces/shop/events/db.1')).toEqual({ group: '', resource: 'events', verb: 'update' });
    expect(rbacRequest('DELETE', '/api/v1/namespaces/shop/events')).toEqual({ group: '', resource: 'events', verb: 'deletecollection' });
    expect(rbacRequest('GET', '/api/v1/namespaces/shop')).toEqual({ group: '', resource: 'namespaces', verb: 'get' });
    expect(rbacRequest('GET', '/apis/events.k8s.io/v1')).toBeUndefined();
    expect(rbacRequest('GET', '/apis')).toBeUndefined();
  });

  it('grants exactly the calls the operator makes, with and without events.k8s.io/v1', async () => {
    const withV1 = await operatorRequests(true);
    const withoutV1 = await operatorRequests(false);
    const observed = (requests: RecordedRequest[]): string[] => {
      const keys = requests.flatMap((r) => {
        const rbac = rbacRequest(r.method, r.path);
        // The server's own classification agrees with the mapping.
        if (rbac !== undefined) expect([r.resource, r.verb]).toEqual([rbac.resource, rbac.verb]);
        return rbac === undefined ? [] : [key(rbac)];
      });
      return [...new Set(keys)].sort();
    };
    const discovery = (requests: RecordedRequest[]): string[] => requests.filter((r) => rbacRequest(r.method, r.path) === undefined).map((r) => `${r.method} ${r.path} ${r.status}`);

    expect(withV1.api).toBe('events.k8s.io/v1');
    expect(observed(withV1.requests)).toEqual(['core configmaps list', 'core configmaps watch', 'events.k8s.io events create', 'events.k8s.io events patch']);
    expect(discovery(withV1.requests)).toEqual(['GET /apis/events.k8s.io/v1 200']);

    expect(withoutV1.api).toBe('v1');
    expect(observed(withoutV1.requests)).toEqual(['core configmaps list', 'core configmaps watch', 'core events create', 'core events patch']);
    expect(discovery(withoutV1.requests)).toEqual(['GET /apis/events.k8s.io/v1 404']);

    // Every call it makes is granted, and nothing is granted that it never calls.
    expect(granted()).toEqual([...new Set([...observed(withV1.requests), ...observed(withoutV1.requests)])].sort());
    expect(granted()).toEqual([
      'core configmaps list',
      'core configmaps watch',
      'core events create',
      'core events patch',
      'events.k8s.io events create',
      'events.k8s.io events patch',
    ]);
  });
});
