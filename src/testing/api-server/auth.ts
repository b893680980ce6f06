// Bearer-token authentication and a two-level authorizer (admin: everything; others: discovery only),
// answering 401 and RBAC-style 403 exactly as kube-apiserver words them.
import type { RequestInfo } from './request-info.js';
import { forbidden, unauthorized, type StatusError } from './status.js';

/**
 * Who a bearer token authenticates as.
 *
 * @category Testing
 */
export interface TokenIdentity {
  /** The user name, as RBAC messages print it. */
  readonly user: string;
  /** Admins may do everything (cluster-admin); other users only discovery. */
  readonly admin?: boolean;
}

/** Non-resource paths every authenticated user may GET (system:discovery, system:public-info-viewer). */
const DISCOVERY_PATHS = [/^\/api\/?$/, /^\/api\/.+/, /^\/apis\/?$/, /^\/apis\/.+/, /^\/version\/?$/, /^\/healthz$/, /^\/livez$/, /^\/readyz$/, /^\/openapi\/.*/];

/**
 * Authenticates a request. Returns the identity, or a 401 StatusError for a missing or unknown token.
 * Without configured tokens every request is an admin.
 */
export function authenticate(tokens: Readonly<Record<string, TokenIdentity>> | undefined, authorization: string | undefined): TokenIdentity | StatusError {
  if (tokens === undefined) return { user: 'admin', admin: true };
  const m = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim()) : null;
  const identity = m ? tokens[m[1] ?? ''] : undefined;
  return identity ?? unauthorized();
}

/** RBAC's denial text (filters.forbiddenMessage). */
function forbiddenMessage(user: string, info: RequestInfo): string {
  if (!info.isResourceRequest) return `User "${user}" cannot ${info.verb} path "${info.path}"`;
  const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  if (info.namespace) return `User "${user}" cannot ${info.verb} resource "${resource}" in API group "${info.apiGroup}" in the namespace "${info.namespace}"`;
  return `User "${user}" cannot ${info.verb} resource "${resource}" in API group "${info.apiGroup}" at the cluster scope`;
}

/** Returns the 403 for a request the identity may not make, or undefined when it is allowed. */
export function authorize(identity: TokenIdentity, info: RequestInfo): StatusError | undefined {
  if (identity.admin) return undefined;
  if (!info.isResourceRequest && info.verb === 'get' && DISCOVERY_PATHS.some((re) => re.test(info.path))) return undefined;
  const gr = info.isResourceRequest ? { group: info.apiGroup, resource: info.resource } : { group: '', resource: '' };
  return forbidden(gr, info.isResourceRequest ? info.name : '', forbiddenMessage(identity.user, info));
}
