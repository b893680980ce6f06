// Ties an optional AbortSignal to a callback (client-go's WithContext): both broadcasters shut down on it.

/**
 * Calls `fn` once when `signal` aborts (at once if it already has). Returns a function that detaches the
 * listener, so a broadcaster shut down by other means does not keep a reference from the signal.
 */
export function whenAborted(signal: AbortSignal | undefined, fn: () => void): (() => void) | undefined {
  if (!signal) return undefined;
  if (signal.aborted) {
    fn();
    return undefined;
  }
  signal.addEventListener('abort', fn, { once: true });
  return () => signal.removeEventListener('abort', fn);
}
