// Which of a sink's events have settled, so that flush() can wait for exactly the events accepted before
// it. Events get consecutive indexes in queue order; they may settle out of order (concurrent writes).

/** How one event ended in a sink: written, definitively failed, or given up without a write. */
export type Settlement = 'written' | 'failed' | 'dropped';

/** Counts of the events one flush waits for. */
export interface FlushCounts {
  written: number;
  failed: number;
  dropped: number;
  /** Events of the flush not settled yet. */
  pending: number;
}

interface Waiter {
  readonly target: number;
  readonly counts: FlushCounts;
  readonly resolve: () => void;
}

/** Tracks settlement by index: a low watermark plus the few indexes settled above it. */
export class FlushTracker {
  /** Next index to hand out. */
  #next = 0;
  /** Every index below it has settled. */
  #low = 0;
  readonly #above = new Set<number>();
  #waiters: Waiter[] = [];

  /** Hands out the next index (call in queue order). */
  nextIndex(): number {
    return this.#next++;
  }

  /** Records that event `index` ended as `how`. */
  settle(index: number, how: Settlement): void {
    if (index === this.#low) {
      this.#low++;
      while (this.#above.delete(this.#low)) this.#low++;
    } else {
      this.#above.add(index);
    }
    if (this.#waiters.length === 0) return;
    for (const w of this.#waiters) {
      if (index >= w.target) continue;
      w.counts[how]++;
      if (--w.counts.pending === 0) w.resolve();
    }
    this.#waiters = this.#waiters.filter((w) => w.counts.pending > 0);
  }

  /**
   * Starts waiting for every index below `next + queued` (what was handed out plus what still waits in the
   * queue). `counts` fill in as those events settle; `done` resolves when none is left.
   */
  waitFor(queued: number): { readonly done: Promise<void>; readonly counts: FlushCounts; cancel(): void } {
    const target = this.#next + queued;
    let pending = target - this.#low;
    for (const i of this.#above) if (i < target) pending--;
    const counts: FlushCounts = { written: 0, failed: 0, dropped: 0, pending };
    if (pending === 0) return { done: Promise.resolve(), counts, cancel: () => undefined };
    let waiter!: Waiter;
    const done = new Promise<void>((resolve) => {
      waiter = { target, counts, resolve };
    });
    this.#waiters.push(waiter);
    return {
      done,
      counts,
      cancel: () => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
      },
    };
  }
}
