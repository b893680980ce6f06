// The sleep seam: retries and deadlines wait through it, so tests replace it and never wait on real time.

/**
 * Waits `ms` milliseconds, or less when `signal` aborts. Always resolves (never rejects); callers check
 * `signal.aborted` afterwards. Must not leave a timer behind once it has resolved.
 */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** A timer handle, as the timer functions of {@link SleepTimers} return it. */
export type TimerHandle = ReturnType<typeof setTimeout>;

/** The timer functions a sleep schedules with: the globals for {@link realSleep}; counting ones in tests. */
export interface SleepTimers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** A sleep on `timers`: one timer per call, cleared when the signal aborts first. */
export function sleepOn(timers: SleepTimers): Sleep {
  return (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) {
        resolve();
        return;
      }
      const onAbort = (): void => {
        timers.clearTimeout(timer);
        resolve();
      };
      const timer = timers.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal.addEventListener('abort', onAbort, { once: true });
    });
}

/** The real sleep: a timer that is cleared when the signal aborts. */
export const realSleep: Sleep = sleepOn({
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle),
});
