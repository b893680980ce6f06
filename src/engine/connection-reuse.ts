// Keeps one HTTP connection pool per sink. client-node 2.x builds a new undici Agent (so a new TCP and
// TLS connection) for every request of a cluster with TLS settings; a recorder writing hundreds of events
// a second then spends its time in handshakes. This middleware swaps the per-request dispatcher for one
// kept across requests, refreshed every few minutes so that rotated client certificates are picked up.
import { Observable, type ObservableMiddleware, type RequestContext } from '@kubernetes/client-node';

type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;

/** How long one dispatcher serves requests before a fresh one (with current credentials) replaces it. */
export const DISPATCHER_REFRESH_MS = 5 * 60_000;

/** One sink's reused dispatcher, installed through {@link ConnectionReuse.middleware}. */
export class ConnectionReuse {
  readonly middleware: ObservableMiddleware;
  readonly #now: () => number;
  #current: { dispatcher: Dispatcher; since: number } | undefined;
  #closed = false;

  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.middleware = {
      pre: (context) => {
        this.#reuse(context);
        return new Observable(Promise.resolve(context));
      },
      post: (response) => new Observable(Promise.resolve(response)),
    };
  }

  /** Closes the kept connections (gracefully: requests in flight finish). Later requests use their own. */
  async close(): Promise<void> {
    this.#closed = true;
    const current = this.#current;
    this.#current = undefined;
    if (current) await current.dispatcher.close().catch(() => undefined);
  }

  #reuse(context: RequestContext): void {
    // client-node 1.x has no dispatcher (it passes an http.Agent): leave its requests as they are.
    if (this.#closed || typeof context.getDispatcher !== 'function') return;
    const fresh = context.getDispatcher();
    if (!fresh) return;
    const now = this.#now();
    const current = this.#current;
    if (current && now - current.since < DISPATCHER_REFRESH_MS) {
      context.setDispatcher(current.dispatcher);
      return;
    }
    this.#current = { dispatcher: fresh, since: now };
    if (current) void current.dispatcher.close().catch(() => undefined);
  }
}
