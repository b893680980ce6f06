// The sleep seam: retries and deadlines wait through it, so tests replace it and never wait on real time.
import { timerStep } from './timer-delay.js';

/**
 * Waits `ms` milliseconds, or less when `signal` aborts. Always resolves (never rejects); callers check
 * `signal.aborted` afterwards. Must not leave a timer behind once it has resolved. `ms` may be larger than
 * a timer takes (2^31 − 1) or `Infinity` (only the signal ends that wait).
 *
 * @category Recording
 */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** The timer functions a sleep arms: the global ones by default, fakes in tests. */
export interface TimerFunctions {
  /** Arms a timer that calls `callback` after `ms` (never more than 2^31 − 1); returns its handle. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels the timer `handle` (a value `setTimeout` returned). */
  clearTimeout(handle: unknown): void;
}

const globalTimers: TimerFunctions = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A sleep on `timers`: a wait longer than one timer takes is armed as a chain of timers of at most
 * 2^31 − 1 ms each (Node would fire a longer one after 1 ms); `Infinity` arms none and ends on abort.
 * The timer still running is cleared when the signal aborts.
 */
export function timerSleep(timers: TimerFunctions): Sleep {
  return (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) {
        resolve();
        return;
      }
      let left = ms;
      let handle: unknown;
      const onAbort = (): void => {
        if (handle !== undefined) timers.clearTimeout(handle);
        resolve();
      };
      const arm = (): void => {
        handle = undefined;
        if (left === Number.POSITIVE_INFINITY) return; // no timer: only the signal ends this wait
        const step = timerStep(left);
        left -= step;
        handle = timers.setTimeout(() => {
          if (left > 0) {
            arm();
            return;
          }
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, step);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      arm();
    });
}

/** The real sleep: timers that are cleared when the signal aborts. */
export const realSleep: Sleep = timerSleep(globalTimers);
