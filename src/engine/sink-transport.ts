// How a client-node based sink sends its requests: the lean event requests (event-http-client.ts) when the
// sink was given a KubeConfig whose cluster they serve; else client-node's API with per-call options
// (cancellation by the shutdown deadline, connection reuse, the keep-alive transport). Also what to close
// at shutdown. Shared by the core/v1 and events.k8s.io/v1 sinks.
import type { ConfigurationOptions, KubeConfig, ObservableMiddleware } from '@kubernetes/client-node';
import { ConnectionReuse } from './connection-reuse.js';
import { EventHttpClient } from './event-http-client.js';
import { KeepAliveHttp } from './keep-alive-http.js';
import { withSignal } from './request-signal.js';

/** The request options and kept connections of one sink. */
export class SinkTransport {
  readonly #connections = new ConnectionReuse();
  readonly #extra: readonly ObservableMiddleware[];
  readonly #http: KeepAliveHttp | undefined;
  /** The lean request path, when the sink's KubeConfig allows it; the sink then uses it for every call. */
  readonly lean: EventHttpClient | undefined;

  /** @param kc - the sink's KubeConfig, when it was given one (a ready API object keeps its own transport). */
  constructor(kc: KubeConfig | undefined) {
    this.lean = kc ? EventHttpClient.for(kc) : undefined;
    this.#http = kc && !this.lean ? KeepAliveHttp.for(kc) : undefined;
    // Without our transport (a proxy, or an API object), at least keep client-node's connections.
    this.#extra = this.#http ? [] : [this.#connections.middleware];
  }

  /** Options of one call: `base` plus cancellation by `signal` and the transport. */
  options(signal: AbortSignal | undefined, base?: ConfigurationOptions<ObservableMiddleware>): ConfigurationOptions<ObservableMiddleware> | undefined {
    const options = withSignal(signal, base, this.#extra);
    return this.#http ? { ...options, httpApi: this.#http } : options;
  }

  /** Closes the kept connections. */
  async close(): Promise<void> {
    await Promise.all([this.#connections.close(), this.#http?.close(), this.lean?.close()]);
  }
}
