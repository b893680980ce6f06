// The sleep seam: retries and deadlines wait through it, so tests replace it and never wait on real time.

/**
 * Waits `ms` milliseconds, or less when `signal` aborts. Always resolves (never rejects); callers check
 * `signal.aborted` afterwards. Must not leave a timer behind once it has resolved.
 *
 * @category Recording
 */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** The real sleep: a timer that is cleared when the signal aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
