// The shutdown prologue both broadcasters share: the sequence runs once (every caller gets the same
// result), starts when the caller's AbortSignal aborts (client-go's WithContext), and detaches from it.
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, type ShutdownOptions } from '../shared/broadcaster-contract.js';
import { whenAborted } from './abort.js';
import { timeoutOrError } from './timer-delay.js';

/** Runs a broadcaster's shutdown sequence at most once. */
export class ShutdownOnce<R> {
  readonly #sequence: (timeoutMs: number) => Promise<R>;
  #result: Promise<R> | undefined;
  #detach: (() => void) | undefined;

  /**
   * @param sequence - the broadcaster's shutdown, given the deadline in ms.
   * @param signal - aborting it starts the sequence (at once when it has already aborted): construct this
   * last, once everything the sequence touches exists.
   */
  constructor(sequence: (timeoutMs: number) => Promise<R>, signal: AbortSignal | undefined) {
    this.#sequence = sequence;
    this.#detach = whenAborted(signal, () => void this.run());
  }

  /**
   * Starts the sequence on the first call (default deadline 30 s); every call returns its result. A bad
   * `timeoutMs` rejects with an `InvalidDurationError` and starts nothing.
   */
  run(options?: ShutdownOptions): Promise<R> {
    // Checked before anything stops: a caller's bad deadline must not shut the broadcaster down.
    const timeoutMs = timeoutOrError('timeoutMs', options?.timeoutMs, DEFAULT_SHUTDOWN_TIMEOUT_MS);
    if (typeof timeoutMs !== 'number') return Promise.reject(timeoutMs);
    if (!this.#result) {
      this.#detach?.();
      this.#detach = undefined;
      this.#result = this.#sequence(timeoutMs);
    }
    return this.#result;
  }
}
