// The scheduler both write paths share when they write several events at once: at most `concurrency`
// jobs taken at a time, and the jobs of one key (one Event: namespace/name) strictly one after the other,
// in the order they were taken, so that an Event's create always precedes its patches.
import { Waiters } from '../watch/waiters.js';

/**
 * Runs taken jobs side by side, up to `concurrency`, chaining each job behind the running job of the same
 * key. A job holds its slot from {@link OrderedSlots.take} until it has run (or until it is released
 * early, at the shutdown deadline).
 *
 * @typeParam T - the caller's job object; each one is taken once.
 */
export class OrderedSlots<T> {
  readonly #concurrency: number;
  /** Jobs taken and not released: running, or chained behind their key's previous job. */
  readonly #taken = new Set<T>();
  /** The last job of each key still running: the next job of that key starts after it. */
  readonly #tails = new Map<string, Promise<void>>();
  #slotWaiter: (() => void) | undefined;
  readonly #idle = new Waiters();

  /** @param concurrency - jobs taken at once (≥ 1). */
  constructor(concurrency: number) {
    this.#concurrency = concurrency;
  }

  /** Jobs taken and not released. */
  get size(): number {
    return this.#taken.size;
  }

  /** The jobs taken and not released, oldest first. */
  taken(): T[] {
    return [...this.#taken];
  }

  /**
   * Takes `job` and calls `run` once the previous job of `key` (if any) is over; the slot is released when
   * the promise `run` returns settles. `run` gets `isLatest`, which says whether this is still the newest
   * job of its key. Returns a promise, resolved when a slot frees up, only when every slot is now taken:
   * the caller holds its next job back until then.
   */
  take(job: T, key: string, run: (isLatest: () => boolean) => Promise<unknown>): Promise<void> | undefined {
    this.#taken.add(job);
    const previous = this.#tails.get(key);
    const isLatest = (): boolean => this.#tails.get(key) === tail;
    const start = (): Promise<unknown> => run(isLatest);
    const finish = (): void => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
      this.release(job);
    };
    const tail: Promise<void> = (previous ? previous.then(start) : start()).then(finish, finish);
    this.#tails.set(key, tail);
    if (this.#taken.size < this.#concurrency) return undefined;
    return new Promise<void>((resolve) => {
      this.#slotWaiter = resolve;
    });
  }

  /**
   * Frees `job`'s slot: when it has run, or earlier when it is given up (its `run` still settles later,
   * and a chained job still waits for it). Returns false when it held no slot (already released).
   */
  release(job: T): boolean {
    if (!this.#taken.delete(job)) return false;
    const slot = this.#slotWaiter;
    if (slot && this.#taken.size < this.#concurrency) {
      this.#slotWaiter = undefined;
      slot();
    }
    if (this.#taken.size === 0) this.#idle.release();
    return true;
  }

  /** Resolves when no job is taken. */
  whenIdle(): Promise<void> {
    if (this.#taken.size === 0) return Promise.resolve();
    return this.#idle.wait();
  }
}
