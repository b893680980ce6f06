// Real timers that count what the library scheduled through its sleep seam, so a test can check that the
// library's own handles are all gone (fired or cleared) without looking at the process's other timers.
import type { TimerFunctions } from '../../src/engine/sleep.js';

type TimerHandle = ReturnType<typeof setTimeout>;

export interface CountingTimers {
  readonly timers: TimerFunctions;
  /** Delay of every timer scheduled, in order. */
  readonly scheduled: number[];
  /** Timers scheduled and neither fired nor cleared yet. */
  live(): number;
  fired(): number;
  cleared(): number;
}

export function countingTimers(): CountingTimers {
  const live = new Set<TimerHandle>();
  const scheduled: number[] = [];
  let fired = 0;
  let cleared = 0;
  const timers: TimerFunctions = {
    setTimeout(callback, ms) {
      scheduled.push(ms);
      const handle = setTimeout(() => {
        live.delete(handle);
        fired += 1;
        callback();
      }, ms);
      live.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      const timer = handle as TimerHandle;
      if (live.delete(timer)) cleared += 1;
      clearTimeout(timer);
    },
  };
  return { timers, scheduled, live: () => live.size, fired: () => fired, cleared: () => cleared };
}
