// Discovery documents (/api, /api/v1, /apis, /apis/<group>, /apis/<group>/<version>) built from the
// served resource views, and /version, shaped like kube-apiserver v1.32's answers.
import type { JsonObject } from './json.js';
import type { ResourceInfo } from './resource-view.js';

/** The /version document of the emulated server. */
export const VERSION_INFO: Readonly<JsonObject> = Object.freeze({
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.13',
  gitCommit: '0e3c3e7b4a1d2c5f6e8a9b0c1d2e3f4a5b6c7d8e',
  gitTreeState: 'clean',
  buildDate: '2026-02-10T12:00:00Z',
  goVersion: 'go1.24.11',
  compiler: 'gc',
  platform: 'linux/amd64',
});

function resourceEntry(v: ResourceInfo): JsonObject {
  const out: JsonObject = { name: v.resource, singularName: v.singularName, namespaced: v.namespaced, kind: v.kind, verbs: [...v.verbs] };
  if (v.shortNames.length > 0) out['shortNames'] = [...v.shortNames];
  out['storageVersionHash'] = v.storageVersionHash;
  return out;
}

/** GET /api/v1 or /apis/<group>/<version>: the resource list, sorted by name as the server sorts it. */
export function resourceList(groupVersion: string, views: readonly ResourceInfo[]): JsonObject {
  const resources: JsonObject[] = [];
  for (const v of views) {
    resources.push(resourceEntry(v));
    if (v.resource === 'namespaces') {
      resources.push({ name: 'namespaces/finalize', singularName: '', namespaced: false, kind: 'Namespace', verbs: ['update'] });
      resources.push({ name: 'namespaces/status', singularName: '', namespaced: false, kind: 'Namespace', verbs: ['get', 'patch', 'update'] });
    }
  }
  resources.sort((a, b) => ((a['name'] as string) < (b['name'] as string) ? -1 : 1));
  // The core group's list has no apiVersion (a quirk of the legacy /api handler), named groups do.
  return groupVersion === 'v1'
    ? { kind: 'APIResourceList', groupVersion, resources }
    : { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

function groupEntry(group: string, version: string): JsonObject {
  const gv = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [gv], preferredVersion: { ...gv } };
}

/** GET /apis/<group>. */
export function apiGroup(group: string, version: string): JsonObject {
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group, version) };
}

/** GET /apis. */
export function apiGroupList(groups: readonly { group: string; version: string }[]): JsonObject {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => groupEntry(g.group, g.version)) };
}

/** GET /api. */
export function apiVersions(serverAddress: string): JsonObject {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}
