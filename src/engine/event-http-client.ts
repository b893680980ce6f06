// The lean request path of the event sinks: the few calls a sink makes (create, patch, update of an Event)
// built and sent by us instead of client-node's generated API, whose request factory, per-request
// authentication, middleware chain and ObjectSerializer cost more CPU than the HTTP request itself
// (profiled in issue 15). client-node still provides everything that is configuration: the cluster URL,
// TLS material (keep-alive-http.ts's agent, refreshed every few minutes) and credentials
// (request-auth.ts: whatever client-node's authenticators produce, cached 10 s, refreshed after a 401).
// Clusters behind a proxy, and plain-HTTP clusters client-node refuses, stay on client-node's own path.
import { request as httpRequest, type Agent, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { answerOf } from './api-answer.js';
import { KeepAliveHttp } from './keep-alive-http.js';
import { RequestAuth, type AuthHeaders } from './request-auth.js';
import { RequestCancel } from './request-cancel.js';

/** What client-node's generated APIs send as `Accept` for an Event call. */
const ACCEPT = 'application/json, */*;q=0.8';
/** The request body's type for creates and updates; patches name their own. */
export const JSON_CONTENT = 'application/json';

/** The HTTP methods of the sink calls. */
export type EventMethod = 'POST' | 'PUT' | 'PATCH';

/** Sends Event requests to one cluster; answers as client-node's APIs would (see api-answer.ts). */
export class EventHttpClient {
  readonly #http: KeepAliveHttp;
  readonly #auth: RequestAuth;
  readonly #cancel = new RequestCancel();
  readonly #https: boolean;
  readonly #host: string;
  readonly #port: number | undefined;
  /** The server URL's path (a cluster served under a prefix), without a trailing slash. */
  readonly #prefix: string;

  private constructor(http: KeepAliveHttp, auth: RequestAuth, server: URL) {
    this.#http = http;
    this.#auth = auth;
    this.#https = server.protocol === 'https:';
    // node:http wants IPv6 literals without their brackets.
    this.#host = server.hostname.replace(/^\[(.*)\]$/, '$1');
    this.#port = server.port ? Number(server.port) : undefined;
    this.#prefix = server.pathname.replace(/\/+$/, '');
  }

  /**
   * A client for `kc`'s current cluster, or undefined when client-node's own path must serve it: a proxy
   * (client-node builds the proxy agent), plain HTTP without `skipTLSVerify` (client-node refuses it with
   * its own error), or a server URL that does not parse.
   */
  static for(kc: KubeConfig, now: () => number = Date.now): EventHttpClient | undefined {
    const cluster = kc.getCurrentCluster();
    const http = KeepAliveHttp.for(kc, now);
    if (!cluster || !http) return undefined;
    let server: URL;
    try {
      server = new URL(cluster.server);
    } catch {
      return undefined;
    }
    if (server.protocol !== 'https:' && !(server.protocol === 'http:' && cluster.skipTLSVerify)) return undefined;
    return new EventHttpClient(http, new RequestAuth(kc, now), server);
  }

  /**
   * Sends `body` (JSON.stringify'd) to `path` (under the cluster URL) and resolves with the server's copy,
   * or rejects with client-node's ApiException for a non-2xx answer, or the transport's error. A 401 is
   * sent once more with freshly read credentials before it is the answer.
   */
  send<T>(method: EventMethod, path: string, contentType: string, body: unknown, signal?: AbortSignal): Promise<T> {
    let payload: string;
    try {
      payload = JSON.stringify(body);
    } catch (error) {
      // A body JSON cannot carry (a BigInt, a cycle from a plain-JS caller): a rejection, as client-node's.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on as thrown
      return Promise.reject(error);
    }
    const agent = this.#http.agent(this.#https);
    const auth = this.#auth.headers();
    // Once the agent and the credentials are at hand (every request but the first few of each refresh
    // period), one promise per request: no async function, no await.
    const answer =
      agent instanceof Promise || auth instanceof Promise
        ? Promise.all([agent, auth]).then(([a, h]) => this.#exchange(method, path, contentType, payload, a, h, signal))
        : this.#exchange(method, path, contentType, payload, agent, auth, signal);
    return answer.then((a) => (a.status === 401 ? this.#again<T>(method, path, contentType, payload, signal) : answerOf<T>(a.status, a.head, a.text)));
  }

  /**
   * A 401: expired or rotated credentials (exec plugins, token files). Reads them again and sends once
   * more; the server authenticates before anything else, so the rejected request did nothing.
   */
  async #again<T>(method: EventMethod, path: string, contentType: string, payload: string, signal: AbortSignal | undefined): Promise<T> {
    this.#auth.invalidate();
    const again = await this.#exchange(method, path, contentType, payload, await this.#http.agent(this.#https), await this.#auth.headers(), signal);
    return answerOf<T>(again.status, again.head, again.text);
  }

  /** Closes the kept connections. */
  close(): Promise<void> {
    return this.#http.close();
  }

  #exchange(
    method: EventMethod,
    path: string,
    contentType: string,
    payload: string,
    agent: Agent,
    auth: AuthHeaders,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; head: IncomingMessage; text: string }> {
    return new Promise((resolve, reject) => {
      const headers: OutgoingHttpHeaders = { ...auth, accept: ACCEPT, 'content-type': contentType, 'content-length': Buffer.byteLength(payload) };
      const options = { method, host: this.#host, port: this.#port, path: this.#prefix + path, headers, agent };
      const failed = (error: Error): void => {
        if (signal) this.#cancel.release(req, signal);
        reject(error);
      };
      const onResponse = (res: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', failed);
        res.on('end', () => {
          if (signal) this.#cancel.release(req, signal);
          const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, head: res, text });
        });
      };
      const req = this.#https ? httpsRequest(options, onResponse) : httpRequest(options, onResponse);
      req.on('error', failed);
      if (signal) this.#cancel.track(req, signal);
      req.end(payload);
    });
  }
}

/** `/…/namespaces/{namespace}/events[/{name}]` of an API group root (`/api/v1`, `/apis/events.k8s.io/v1`). */
export function eventsPath(root: string, namespace: string, name?: string): string {
  const collection = `${root}/namespaces/${encodeURIComponent(namespace)}/events`;
  return name === undefined ? collection : `${collection}/${encodeURIComponent(name)}`;
}
