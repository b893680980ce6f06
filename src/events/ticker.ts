// The ticker seam: the periodic series heartbeat and finish sweep run through it, so tests drive them
// deterministically and shutdown can cancel them.
import { MAX_TIMER_DELAY_MS, timerStep } from '../record/timer-delay.js';

/**
 * Calls `onTick` every `periodMs` milliseconds until the returned function is called. Must not call
 * `onTick` after that, and must leave no timer behind.
 */
export type Ticker = (periodMs: number, onTick: () => void) => () => void;

/**
 * The real ticker: `setInterval`, unref'd so a forgotten broadcaster does not keep the process alive
 * (client-go's goroutines never hold a Go process open either). A period longer than a timer takes
 * (2^31 − 1 ms) is counted down in a chain of timers instead, as Node would fire it every 1 ms.
 */
export const realTicker: Ticker = (periodMs, onTick) => {
  if (periodMs <= MAX_TIMER_DELAY_MS) {
    const timer = setInterval(onTick, periodMs);
    timer.unref();
    return () => clearInterval(timer);
  }
  let left = periodMs;
  let timer: ReturnType<typeof setTimeout>;
  const arm = (): void => {
    const step = timerStep(left);
    left -= step;
    timer = setTimeout(() => {
      if (left <= 0) {
        left = periodMs;
        onTick();
      }
      arm();
    }, step);
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
};
