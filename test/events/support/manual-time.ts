// Manual time for events.k8s.io/v1 tests: one clock, one ticker and one sleep that move only when the test says so.
import type { Ticker } from '../../../src/events/ticker.js';
import type { Sleep } from '../../../src/engine/sleep.js';
import { ManualClock } from '../../support/clock.js';
import { settle } from '../../support/sleep.js';

interface ManualTimer {
  readonly periodMs: number;
  readonly onTick: () => void;
  nextMs: number;
  active: boolean;
  /** One-shot timers: a `sleep` of the code under test, or a `delay` of a test double (a slow sink). */
  readonly kind: 'tick' | 'sleep' | 'delay';
}

export class ManualTime {
  readonly clock: ManualClock;
  /** Every delay asked of `sleep`, in order. */
  readonly delays: number[] = [];
  readonly #timers: ManualTimer[] = [];

  constructor(start = '2026-11-24T10:00:00Z') {
    this.clock = new ManualClock(start);
  }

  /** The ticker to inject: intervals that fire only inside `advance`. */
  readonly ticker: Ticker = (periodMs, onTick) => {
    const timer: ManualTimer = { periodMs, onTick, nextMs: this.nowMs + periodMs, active: true, kind: 'tick' };
    this.#timers.push(timer);
    return () => {
      timer.active = false;
    };
  };

  /** The sleep to inject: resolves when `advance` reaches its end, or at once when its signal aborts. */
  readonly sleep: Sleep = (ms, signal) => {
    this.delays.push(ms);
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = this.#oneShot(ms, 'sleep', () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      const onAbort = (): void => {
        timer.active = false;
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  };

  /** A wait of a test double (not counted in `delays` nor `pendingSleeps`): resolves when `advance` reaches its end. */
  delay(ms: number): Promise<void> {
    return new Promise<void>((resolve) => void this.#oneShot(ms, 'delay', resolve));
  }

  get nowMs(): number {
    return this.clock.now().getTime();
  }

  /** Intervals registered and not cancelled. */
  get activeTimers(): number {
    return this.#timers.filter((t) => t.active && t.kind === 'tick').length;
  }

  /** Sleeps of the code under test that have neither ended nor been aborted. */
  get pendingSleeps(): number {
    return this.#timers.filter((t) => t.active && t.kind === 'sleep').length;
  }

  /** Moves time forward by `ms`, firing every due timer at its due time (ties in registration order), settling after each. */
  async advance(ms: number): Promise<void> {
    await settle(10); // what is under way registers its timers first, at the current time
    const target = this.nowMs + ms;
    for (;;) {
      let due: ManualTimer | undefined;
      for (const t of this.#timers) if (t.active && t.nextMs <= target && (!due || t.nextMs < due.nextMs)) due = t;
      if (!due) break;
      this.clock.advance(due.nextMs - this.nowMs);
      if (due.kind === 'tick') due.nextMs += due.periodMs;
      else due.active = false;
      due.onTick();
      await settle(10);
    }
    this.clock.advance(target - this.nowMs);
    await settle(10);
    for (let i = this.#timers.length - 1; i >= 0; i--) if (!this.#timers[i]!.active && this.#timers[i]!.kind !== 'tick') this.#timers.splice(i, 1);
  }

  #oneShot(ms: number, kind: 'sleep' | 'delay', fire: () => void): ManualTimer {
    const timer: ManualTimer = { periodMs: 0, onTick: fire, nextMs: this.nowMs + Math.max(0, ms), active: true, kind };
    this.#timers.push(timer);
    return timer;
  }
}

export const MINUTE = 60_000;
