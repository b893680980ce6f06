// The ticker seam: the periodic series heartbeat and finish sweep run through it, so tests drive them
// deterministically and shutdown can cancel them.
import type { TimerFunctions } from '../engine/sleep.js';
import { timerStep } from '../engine/timer-delay.js';

/**
 * Calls `onTick` every `periodMs` milliseconds until the returned function is called. Must not call
 * `onTick` after that, and must leave no timer behind.
 *
 * @category events.k8s.io
 */
export type Ticker = (periodMs: number, onTick: () => void) => () => void;

/** Shortest period, in ms: what `setInterval` does with 0 or less. */
const MIN_PERIOD_MS = 1;

/**
 * A ticker on `timers`: one timer per period, re-armed after each tick. A period longer than a timer takes
 * (2^31 − 1 ms; Node would fire it after 1 ms) is counted down in a chain of timers.
 */
export function timerTicker(timers: TimerFunctions): Ticker {
  return (periodMs, onTick) => {
    const period = periodMs >= MIN_PERIOD_MS ? periodMs : MIN_PERIOD_MS;
    let left = period;
    let stopped = false;
    let handle: unknown;
    const arm = (): void => {
      const step = timerStep(left);
      left -= step;
      handle = timers.setTimeout(() => {
        if (left <= 0) {
          left = period;
          onTick();
        }
        if (!stopped) arm();
      }, step);
    };
    arm();
    return () => {
      stopped = true;
      timers.clearTimeout(handle);
    };
  };
}

/**
 * The real ticker: timers unref'd so a forgotten broadcaster does not keep the process alive (client-go's
 * goroutines never hold a Go process open either).
 */
export const realTicker: Ticker = timerTicker({
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});
