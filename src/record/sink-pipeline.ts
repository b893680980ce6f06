// The consumer of one sink's queue: correlates each event in arrival order, then runs up to
// `concurrency` writes at once while the writes of one event (its create, then its patches) stay in
// order. Tracks what settled, for flush(), and what is in flight, for the shutdown deadline.
import type { CoreV1Event } from '@kubernetes/client-node';
import { FlushTracker, type Settlement } from './flush-tracker.js';
import type { SinkWriter } from './sink-writer.js';

interface Task {
  readonly event: CoreV1Event;
  readonly index: number;
  abandoned: boolean;
}

/** Runs one sink's writes; see the file header. */
export class SinkPipeline {
  readonly tracker = new FlushTracker();
  readonly #writer: SinkWriter;
  readonly #concurrency: number;
  /** Writes in flight or chained, with concurrency > 1 (with 1, `#serial` alone: no Set churn per write). */
  readonly #active = new Set<Task>();
  /** The last write of each event (namespace/name) still running: the next write of that event chains on it. */
  readonly #tails = new Map<string, Promise<void>>();
  #slotWaiter: (() => void) | undefined;
  /** With concurrency 1: the task being written. */
  #serial: Task | undefined;
  readonly #finishSerial = (how: Settlement): void => {
    const task = this.#serial;
    if (task) this.#finish(task, how);
  };
  #idleWaiters: Array<() => void> = [];

  constructor(writer: SinkWriter, concurrency: number) {
    this.#writer = writer;
    this.#concurrency = concurrency;
  }

  /** Writes in flight or waiting on an earlier write of the same event. */
  get active(): number {
    return this.#active.size + (this.#serial ? 1 : 0);
  }

  /**
   * The queue's consumer. Returns a promise (holding the next event back) only when all
   * `concurrency` slots are taken.
   */
  readonly consume = (event: CoreV1Event): Promise<unknown> | undefined => {
    const index = this.tracker.nextIndex();
    const prepared = this.#writer.prepare(event);
    if (!prepared) {
      this.tracker.settle(index, 'dropped');
      return undefined;
    }
    const task: Task = { event: prepared.event, index, abandoned: false };
    if (this.#concurrency === 1) {
      // Serial (client-go's order): the queue already waits for this write, no chaining needed, and one
      // bound callback serves every write (the task in flight is always the newest one). It runs inside
      // the write's own promise, which the queue waits on: no promise of ours per write.
      this.#serial = task;
      return this.#writer.send(prepared, undefined, this.#finishSerial);
    }
    this.#active.add(task);
    const key = `${prepared.event.metadata.namespace ?? ''}/${prepared.event.metadata.name ?? ''}`;
    const previous = this.#tails.get(key);
    const isLatest = (): boolean => this.#tails.get(key) === run;
    const send = (): Promise<Settlement> => (task.abandoned ? Promise.resolve('dropped') : this.#writer.send(prepared, isLatest));
    const run: Promise<void> = (previous ? previous.then(send) : send()).then((how) => {
      if (this.#tails.get(key) === run) this.#tails.delete(key);
      this.#finish(task, how);
    });
    this.#tails.set(key, run);
    if (this.#active.size < this.#concurrency) return undefined;
    return new Promise<void>((resolve) => {
      this.#slotWaiter = resolve;
    });
  };

  /** Settles an event the queue discarded at shutdown (it would have been the next one handed over). */
  discarded(event: CoreV1Event): void {
    this.#writer.lost('shutdown', event);
    this.tracker.settle(this.tracker.nextIndex(), 'dropped');
  }

  /** Resolves when no write is in flight. */
  whenIdle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** At the shutdown deadline: counts every write still in flight or chained as abandoned. Returns how many. */
  abandon(): number {
    let n = 0;
    const serial = this.#serial;
    this.#serial = undefined;
    for (const task of serial ? [serial] : [...this.#active]) {
      task.abandoned = true;
      this.#active.delete(task);
      this.#writer.abandon(task.event);
      this.tracker.settle(task.index, 'dropped');
      n++;
    }
    return n;
  }

  #finish(task: Task, how: Settlement): void {
    if (task === this.#serial) this.#serial = undefined;
    else this.#active.delete(task);
    if (!task.abandoned) this.tracker.settle(task.index, how);
    const slot = this.#slotWaiter;
    if (slot && this.#active.size < this.#concurrency) {
      this.#slotWaiter = undefined;
      slot();
    }
    if (this.active === 0 && this.#idleWaiters.length > 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}
