// Bearer-token authentication (with kube-apiserver's default anonymous fallback) and a three-level authorizer
// (admin: everything; authenticated: discovery; anonymous: public info), answering 401 and RBAC's 403 as
// kube-apiserver words them.
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

/** Non-resource paths anyone may GET, anonymous included (the system:public-info-viewer binding). */
const PUBLIC_INFO_PATHS = [/^\/version\/?$/, /^\/healthz$/, /^\/livez$/, /^\/readyz$/];
/** Non-resource paths every authenticated user may GET (system:discovery, bound to system:authenticated only). */
const DISCOVERY_PATHS = [/^\/api\/?$/, /^\/api\/.+/, /^\/apis\/?$/, /^\/apis\/.+/, /^\/openapi\/.*/, ...PUBLIC_INFO_PATHS];

/** The user a request without credentials is served as, when anonymous auth is on (kube-apiserver's default). */
export const ANONYMOUS: TokenIdentity = { user: 'system:anonymous' };

/** The bearer token of an Authorization header as the bearertoken authenticator reads it; undefined means "no credentials". */
function bearerToken(authorization: string | undefined): string | undefined {
  const auth = (authorization ?? '').trim();
  if (auth === '') return undefined;
  const parts = auth.split(' ');
  if (parts.length < 2 || (parts[0] ?? '').toLowerCase() !== 'bearer') return undefined;
  // Go splits into at most 3 parts and takes the second: "Bearer  x" has an empty token, i.e. no credentials.
  const token = parts[1] ?? '';
  return token === '' ? undefined : token;
}

/**
 * Authenticates a request. Returns the identity, or a 401 StatusError for a token nobody has. A request
 * without credentials (no header, another scheme, an empty token) is `system:anonymous` when `anonymous`
 * is on — kube-apiserver's `--anonymous-auth=true` default: a bad token is an error, no token is not —
 * and a 401 when it is off. Without configured tokens every request is an admin.
 */
export function authenticate(tokens: Readonly<Record<string, TokenIdentity>> | undefined, authorization: string | undefined, anonymous = true): TokenIdentity | StatusError {
  if (tokens === undefined) return { user: 'admin', admin: true };
  const token = bearerToken(authorization);
  if (token === undefined) return anonymous ? ANONYMOUS : unauthorized();
  return tokens[token] ?? unauthorized();
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
  const allowedPaths = identity === ANONYMOUS ? PUBLIC_INFO_PATHS : DISCOVERY_PATHS;
  if (!info.isResourceRequest && info.verb === 'get' && allowedPaths.some((re) => re.test(info.path))) return undefined;
  const gr = info.isResourceRequest ? { group: info.apiGroup, resource: info.resource } : { group: '', resource: '' };
  return forbidden(gr, info.isResourceRequest ? info.name : '', forbiddenMessage(identity.user, info));
}
