// Virtual time for tests: a clock plus a sleep whose timers fire in time order, the clock jumping to
// each one once the process has nothing else to do (every pending promise and immediate has run).
import type { Sleep } from '../../src/engine/sleep.js';
import { ManualClock } from './clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export interface VirtualTime {
  readonly clock: ManualClock;
  readonly sleep: Sleep;
  /** Every requested sleep, in ms, in request order. */
  readonly delays: number[];
  /** Virtual ms since the start. */
  elapsed(): number;
}

export function virtualTime(start = '2026-11-24T10:00:00Z'): VirtualTime {
  const clock = new ManualClock(start);
  const origin = clock.now().getTime();
  const delays: number[] = [];
  let timers: Timer[] = [];
  let seq = 0;
  let pumping = false;

  const fireNext = (): void => {
    pumping = false;
    if (timers.length === 0) return;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift()!;
    const now = clock.now().getTime();
    if (next.at > now) clock.advance(next.at - now);
    next.resolve();
    schedule();
  };
  // Two macrotask turns: lets promise chains started by the previous timer reach their next sleep.
  const schedule = (): void => {
    if (pumping || timers.length === 0) return;
    pumping = true;
    setImmediate(() => setImmediate(fireNext));
  };

  const sleep: Sleep = (ms, signal) => {
    delays.push(ms);
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer: Timer = {
        at: clock.now().getTime() + Math.max(0, ms),
        seq: seq++,
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        timers = timers.filter((t) => t !== timer);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      timers.push(timer);
      schedule();
    });
  };

  return { clock, sleep, delays, elapsed: () => clock.now().getTime() - origin };
}
