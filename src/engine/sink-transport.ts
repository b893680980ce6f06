// How a client-node based sink sends its requests: the per-call options (cancellation by the shutdown
// deadline, connection reuse, the keep-alive transport) and what to close at shutdown. Shared by the
// core/v1 and events.k8s.io/v1 sinks.
import type { ConfigurationOptions, KubeConfig, ObservableMiddleware } from '@kubernetes/client-node';
import { ConnectionReuse } from './connection-reuse.js';
import { KeepAliveHttp } from './keep-alive-http.js';
import { withSignal } from './request-signal.js';

/** The request options and kept connections of one sink. */
export class SinkTransport {
  readonly #connections = new ConnectionReuse();
  readonly #extra: readonly ObservableMiddleware[];
  readonly #http: KeepAliveHttp | undefined;

  /** @param kc - the sink's KubeConfig, when it was given one (a ready API object keeps its own transport). */
  constructor(kc: KubeConfig | undefined) {
    this.#http = kc ? KeepAliveHttp.for(kc) : undefined;
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
    await Promise.all([this.#connections.close(), this.#http?.close()]);
  }
}
