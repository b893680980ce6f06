// The options of one sink call: a signal that aborts with the broadcaster's shutdown deadline. It is made
// only if the sink reads it (an in-memory sink never does), and unhooked when the call ends, so a
// long-lived deadline signal does not collect one listener per request.

/**
 * Per-call options the broadcaster passes to a sink.
 *
 * @category Sinks
 */
export interface SinkCallOptions {
  /**
   * Aborted at the shutdown deadline: a sink should cancel the request (client-node sinks do), so that no
   * socket outlives `shutdown()`. The broadcaster has already counted the write as abandoned by then.
   */
  readonly signal?: AbortSignal;
}

/** {@link SinkCallOptions} for one call; `release()` when the call has settled. */
export class CallOptions implements SinkCallOptions {
  readonly #deadline: AbortSignal;
  #controller: AbortController | undefined;
  #onAbort: (() => void) | undefined;

  constructor(deadline: AbortSignal) {
    this.#deadline = deadline;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      const controller = new AbortController();
      this.#controller = controller;
      if (this.#deadline.aborted) controller.abort();
      else {
        this.#onAbort = () => controller.abort();
        this.#deadline.addEventListener('abort', this.#onAbort, { once: true });
      }
    }
    return this.#controller.signal;
  }

  /**
   * The broadcaster's shutdown-deadline signal itself, for our own transport (event-http-client.ts), which
   * hooks a long-lived signal once rather than once per request: it needs no per-call signal, and making
   * one (a controller, a listener on the deadline and its removal) was the largest cost of a core/v1
   * write on the lean path after node:http itself.
   */
  get deadline(): AbortSignal {
    return this.#deadline;
  }

  /** Unhooks from the deadline signal; a later call through the same options gets a fresh signal. */
  release(): void {
    if (this.#onAbort) this.#deadline.removeEventListener('abort', this.#onAbort);
    this.#onAbort = undefined;
    this.#controller = undefined;
  }
}

/**
 * The signal a transport that hooks each signal once (event-http-client.ts) should cancel `options`' call
 * with: the shutdown deadline itself for our own {@link CallOptions}, the caller's signal otherwise.
 */
export function cancelSignalOf(options: SinkCallOptions | undefined): AbortSignal | undefined {
  return options instanceof CallOptions ? options.deadline : options?.signal;
}
