// Cancels the lean event requests (event-http-client.ts) when their signal aborts, with one listener per
// signal rather than node:http's `signal` option, which hooks and unhooks each request on its own (an
// abort listener, a disposable, a 'close' listener: ~30 µs of CPU per request in the write-cost bench).
// The events.k8s.io/v1 sink passes one long-lived signal (the shutdown deadline) to every call.
import type { ClientRequest } from 'node:http';

/** The error a request cancelled by its signal fails with (as node:http's own: name AbortError, code ABORT_ERR). */
export class RequestAbortedError extends Error {
  override readonly name = 'AbortError';
  readonly code = 'ABORT_ERR';

  constructor(reason: unknown) {
    super('The operation was aborted', { cause: reason });
  }
}

/** The requests in flight per signal, destroyed when it aborts. */
export class RequestCancel {
  readonly #inFlight = new WeakMap<AbortSignal, Set<ClientRequest>>();

  /** Ties `req` to `signal` until {@link RequestCancel.release}; destroys it at once if `signal` has aborted. */
  track(req: ClientRequest, signal: AbortSignal): void {
    if (signal.aborted) {
      req.destroy(new RequestAbortedError(signal.reason));
      return;
    }
    let requests = this.#inFlight.get(signal);
    if (!requests) {
      const set = new Set<ClientRequest>();
      requests = set;
      this.#inFlight.set(signal, set);
      signal.addEventListener(
        'abort',
        () => {
          for (const r of set) r.destroy(new RequestAbortedError(signal.reason));
          set.clear();
        },
        { once: true },
      );
    }
    requests.add(req);
  }

  /** The request is over (answered or failed): its signal no longer holds it. */
  release(req: ClientRequest, signal: AbortSignal): void {
    this.#inFlight.get(signal)?.delete(req);
  }
}
