// Parses a request path the way the apiserver's RequestInfoFactory does: resource or non-resource,
// API group/version, namespace, resource, name, subresource, and the verb (get/list/watch/create/...).

/** What a request is about, as authorization and routing see it. */
export interface RequestInfo {
  readonly isResourceRequest: boolean;
  readonly path: string;
  /** Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection (or the HTTP verb for non-resource paths). */
  readonly verb: string;
  readonly apiPrefix: 'api' | 'apis' | '';
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
  /** Path parts from the resource on: resource/name/subresource/... */
  readonly parts: readonly string[];
}

const METHOD_VERBS: Record<string, string> = { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);
const BOOL_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const BOOL_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** How the server reads the `watch` query parameter (strconv.ParseBool, anything unparsable but not false/0 is true). */
export function isWatchParam(value: string | null): boolean {
  if (value === null) return false;
  if (BOOL_TRUE.has(value)) return true;
  if (BOOL_FALSE.has(value)) return false;
  const lower = value.toLowerCase();
  return lower !== 'false' && lower !== '0';
}

export function parseRequestInfo(method: string, url: URL): RequestInfo {
  const path = url.pathname;
  const nonResource: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  let parts = path.replace(/^\/+|\/+$/g, '').split('/');
  if (parts.length < 1 || (parts[0] !== 'api' && parts[0] !== 'apis')) return nonResource;
  const apiPrefix = parts[0];
  parts = parts.slice(1);
  let apiGroup = '';
  if (apiPrefix === 'apis') {
    if (parts.length < 3) return nonResource;
    apiGroup = parts[0] ?? '';
    parts = parts.slice(1);
  } else if (parts.length < 2) return nonResource;
  const apiVersion = parts[0] ?? '';
  parts = parts.slice(1);
  let verb = METHOD_VERBS[method] ?? method.toLowerCase();
  if (parts[0] === 'watch') {
    verb = 'watch';
    parts = parts.slice(1);
  }
  let namespace = '';
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1] ?? '';
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2] ?? '')) parts = parts.slice(2);
  }
  const resource = parts[0] ?? '';
  let name = parts.length >= 2 ? (parts[1] ?? '') : '';
  const subresource = parts.length >= 3 ? (parts[2] ?? '') : '';
  if (name === '' && verb === 'get') {
    verb = isWatchParam(url.searchParams.get('watch')) ? 'watch' : 'list';
    const fs = url.searchParams.get('fieldSelector');
    const m = fs ? /^metadata\.name==?([^,]*)$/.exec(fs) : null;
    if (m && m[1] && !m[1].includes('/') && !m[1].includes('%') && m[1] !== '.' && m[1] !== '..') name = m[1];
  }
  if (name === '' && verb === 'delete') verb = 'deletecollection';
  return { isResourceRequest: true, path, verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts };
}
