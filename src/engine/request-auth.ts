// The authentication headers of the lean event requests (event-http-client.ts), taken from client-node's
// KubeConfig so that every kubeconfig credential works (bearer tokens, token files, exec plugins, auth
// providers, basic auth, impersonation) and cached briefly: client-node computes them for every request,
// which costs more than the request itself for exec plugins and token files.
import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * How long one set of headers serves. Credentials that expire (exec plugins, OIDC, token files) are
 * re-read from client-node at least this often, and at once after a 401 (see {@link RequestAuth.invalidate}),
 * so a rotated or expired token costs at most one rejected request, which the client sends again.
 */
export const AUTH_REFRESH_MS = 10_000;

/** Header names and values, lower-case names. */
export type AuthHeaders = Readonly<Record<string, string>>;

/** The current authentication headers of one KubeConfig. */
export class RequestAuth {
  readonly #kc: KubeConfig;
  readonly #now: () => number;
  #headers: AuthHeaders | undefined;
  #since = 0;
  #pending: Promise<AuthHeaders> | undefined;

  constructor(kc: KubeConfig, now: () => number = Date.now) {
    this.#kc = kc;
    this.#now = now;
  }

  /** The headers, synchronously while the cached ones are fresh, else a promise of fresh ones. */
  headers(): AuthHeaders | Promise<AuthHeaders> {
    const headers = this.#headers;
    if (headers && this.#now() - this.#since < AUTH_REFRESH_MS) return headers;
    return (this.#pending ??= this.#load());
  }

  /** Forgets the cached headers (the server answered 401): the next request asks client-node again. */
  invalidate(): void {
    this.#headers = undefined;
  }

  async #load(): Promise<AuthHeaders> {
    try {
      // What client-node's own requests carry: its authenticators fill `headers` (Authorization,
      // Impersonate-*), and user name + password become `auth`, which client-node sends as Basic.
      const opts: RequestOptions = {};
      const since = this.#now();
      await this.#kc.applyToHTTPSOptions(opts);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(opts.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = String(value);
      if (typeof opts.auth === 'string') headers['authorization'] = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
      this.#headers = headers;
      this.#since = since;
      return headers;
    } finally {
      this.#pending = undefined;
    }
  }
}
