// A lean HTTP transport for client-node's API classes (its `HttpLibrary` seam): node:http(s) on one
// keep-alive agent per sink instead of fetch. Requests are still built, authenticated and their answers
// parsed by client-node (ApiException and all); only the bytes travel differently. fetch's per-request
// machinery (Request/Response objects, header lists, body streams) cost ~0.3 ms of CPU per event write
// in profiles, which made the client, not the API server, the bottleneck.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions as HttpsRequestOptions } from 'node:https';
import { Observable, ResponseContext, type HttpLibrary, type KubeConfig, type RequestContext } from '@kubernetes/client-node';
import { headersOf } from './api-answer.js';

/** How long one agent (and the TLS material it was built from) serves before a fresh one replaces it. */
export const AGENT_REFRESH_MS = 5 * 60_000;

/** TLS fields `KubeConfig.applyToHTTPSOptions` fills in that a keep-alive agent needs. */
const TLS_FIELDS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const;

/**
 * The transport of one sink. Use {@link KeepAliveHttp.for}: it answers undefined (keep client-node's own
 * transport) for clusters behind a proxy.
 */
export class KeepAliveHttp implements HttpLibrary {
  readonly #kc: KubeConfig;
  readonly #now: () => number;
  #agent: { agent: Promise<HttpAgent>; since: number; ready?: HttpAgent } | undefined;
  #closed = false;

  private constructor(kc: KubeConfig, now: () => number) {
    this.#kc = kc;
    this.#now = now;
  }

  /** A transport for `kc`'s current cluster, or undefined when client-node must handle it (a proxy). */
  static for(kc: KubeConfig, now: () => number = Date.now): KeepAliveHttp | undefined {
    const cluster = kc.getCurrentCluster();
    if (!cluster || cluster.proxyUrl) return undefined;
    return new KeepAliveHttp(kc, now);
  }

  send(request: RequestContext): Observable<ResponseContext> {
    return new Observable(this.#send(request));
  }

  /**
   * The agent requests should use now: the kept one (replaced every {@link AGENT_REFRESH_MS}, so rotated
   * TLS material is picked up), or after close() a fresh one per request whose connection is not kept.
   * The lean event requests (event-http-client.ts) send through it too.
   */
  agent(https: boolean): HttpAgent | Promise<HttpAgent> {
    const current = this.#agent;
    // The kept agent once built, without a promise per request (the lean path's hot loop).
    if (current?.ready && !this.#closed && this.#now() - current.since < AGENT_REFRESH_MS) return current.ready;
    return this.#agentFor(https);
  }

  /** Closes the kept connections. Requests after it still work, each on a connection of its own that is not kept. */
  close(): Promise<void> {
    this.#closed = true;
    const current = this.#agent;
    this.#agent = undefined;
    return current ? current.agent.then((a) => a.destroy(), () => undefined) : Promise.resolve();
  }

  async #send(context: RequestContext): Promise<ResponseContext> {
    const url = new URL(context.getUrl());
    const https = url.protocol === 'https:';
    const agent = await this.#agentFor(https);
    const body = context.getBody();
    return new Promise<ResponseContext>((resolve, reject) => {
      const options = { method: context.getHttpMethod(), headers: context.getHeaders(), agent, signal: context.getSignal() };
      const onResponse = (res: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const data = Buffer.concat(chunks);
          resolve(
            new ResponseContext(res.statusCode ?? 0, headersOf(res.headers), {
              text: () => Promise.resolve(data.toString('utf8')),
              binary: () => Promise.resolve(data),
              // client-node 2.x only streams for watch/log calls, which an event sink never makes.
              stream: () => null,
            }),
          );
        });
      };
      const req = https ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
      req.on('error', reject);
      req.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : undefined);
    });
  }

  #agentFor(https: boolean): Promise<HttpAgent> {
    if (this.#closed) return this.#makeAgent(https, false);
    const now = this.#now();
    const current = this.#agent;
    if (current && now - current.since < AGENT_REFRESH_MS) return current.agent;
    const agent = this.#makeAgent(https, true);
    const entry: { agent: Promise<HttpAgent>; since: number; ready?: HttpAgent } = { agent, since: now };
    this.#agent = entry;
    agent.then((a) => (entry.ready = a), () => undefined);
    // The old agent's sockets close once idle; requests on them finish first.
    if (current) void current.agent.then((a) => setImmediate(() => a.destroy()), () => undefined);
    return agent;
  }

  async #makeAgent(https: boolean, keepAlive: boolean): Promise<HttpAgent> {
    if (!https) return new HttpAgent({ keepAlive });
    // client-node reads the cluster's and user's certificates (files or data) into these options.
    const opts: HttpsRequestOptions = {};
    await this.#kc.applyToHTTPSOptions(opts);
    const tls: Record<string, unknown> = {};
    for (const field of TLS_FIELDS) if (opts[field] !== undefined) tls[field] = opts[field];
    return new HttpsAgent({ ...tls, keepAlive });
  }
}
