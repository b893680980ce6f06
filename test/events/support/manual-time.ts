// Manual time for events.k8s.io/v1 tests: one clock and one ticker that move only when the test says so.
import type { Ticker } from '../../../src/events/ticker.js';
import { ManualClock } from '../../support/clock.js';
import { settle } from '../../support/sleep.js';

interface ManualTimer {
  readonly periodMs: number;
  readonly onTick: () => void;
  nextMs: number;
  active: boolean;
}

export class ManualTime {
  readonly clock: ManualClock;
  readonly #timers: ManualTimer[] = [];

  constructor(start = '2026-11-24T10:00:00Z') {
    this.clock = new ManualClock(start);
  }

  /** The ticker to inject: intervals that fire only inside `advance`. */
  readonly ticker: Ticker = (periodMs, onTick) => {
    const timer: ManualTimer = { periodMs, onTick, nextMs: this.nowMs + periodMs, active: true };
    this.#timers.push(timer);
    return () => {
      timer.active = false;
    };
  };

  get nowMs(): number {
    return this.clock.now().getTime();
  }

  /** Intervals registered and not cancelled. */
  get activeTimers(): number {
    return this.#timers.filter((t) => t.active).length;
  }

  /** Moves time forward by `ms`, firing every due interval at its due time (ties in registration order), settling after each. */
  async advance(ms: number): Promise<void> {
    const target = this.nowMs + ms;
    for (;;) {
      let due: ManualTimer | undefined;
      for (const t of this.#timers) if (t.active && t.nextMs <= target && (!due || t.nextMs < due.nextMs)) due = t;
      if (!due) break;
      this.clock.advance(due.nextMs - this.nowMs);
      due.nextMs += due.periodMs;
      due.onTick();
      await settle(10);
    }
    this.clock.advance(target - this.nowMs);
    await settle(10);
  }
}

export const MINUTE = 60_000;
