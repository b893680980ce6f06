// The consumer of one sink's queue: correlates each event in arrival order, then runs up to
// `concurrency` writes at once while the writes of one event (its create, then its patches) stay in
// order. Tracks what settled, for flush(), and what is in flight, for the shutdown deadline.
import type { CoreV1Event } from '@kubernetes/client-node';
import { FlushTracker, type Settlement } from '../engine/flush-tracker.js';
import { Waiters } from '../watch/waiters.js';
import { OrderedSlots } from '../engine/ordered-slots.js';
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
  /** With concurrency > 1: the writes in flight or chained behind an earlier write of their event. */
  readonly #slots: OrderedSlots<Task>;
  /**
   * With concurrency 1 (client-go's order), the task being written. The queue already waits for each
   * write, so this path needs no slots, chaining or Set per write: it is the default and the hottest one.
   */
  #serial: Task | undefined;
  /** Called inside the serial write's own promise, which the queue waits on: no promise of ours per write. */
  readonly #finishSerial = (how: Settlement): void => {
    const task = this.#serial;
    if (!task) return; // abandoned at the deadline
    this.#serial = undefined;
    this.tracker.settle(task.index, how);
    this.#serialIdle.release();
  };
  /** Waiting for the serial write to end. */
  readonly #serialIdle = new Waiters();

  constructor(writer: SinkWriter, concurrency: number) {
    this.#writer = writer;
    this.#concurrency = concurrency;
    this.#slots = new OrderedSlots(concurrency);
  }

  /** Writes in flight or waiting on an earlier write of the same event. */
  get active(): number {
    return this.#slots.size + (this.#serial ? 1 : 0);
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
      this.#serial = task;
      return this.#writer.send(prepared, undefined, this.#finishSerial);
    }
    const key = `${prepared.event.metadata.namespace ?? ''}/${prepared.event.metadata.name ?? ''}`;
    return this.#slots.take(task, key, (isLatest) => {
      // A write abandoned while it waited for its event's previous write is not sent.
      if (task.abandoned) return Promise.resolve();
      return this.#writer.send(prepared, isLatest, (how) => {
        if (!task.abandoned) this.tracker.settle(task.index, how);
      });
    });
  };

  /** Settles an event the queue discarded at shutdown (it would have been the next one handed over). */
  discarded(event: CoreV1Event): void {
    this.#writer.lost('shutdown', event);
    this.tracker.settle(this.tracker.nextIndex(), 'dropped');
  }

  /** Resolves when no write is in flight. */
  whenIdle(): Promise<void> {
    if (this.#serial) return this.#serialIdle.wait();
    return this.#slots.whenIdle();
  }

  /** At the shutdown deadline: counts every write still in flight or chained as abandoned. Returns how many. */
  abandon(): number {
    const serial = this.#serial;
    this.#serial = undefined;
    const tasks = serial ? [serial] : this.#slots.taken();
    for (const task of tasks) {
      task.abandoned = true;
      this.#slots.release(task);
      this.#writer.abandon(task.event);
      this.tracker.settle(task.index, 'dropped');
    }
    this.#serialIdle.release();
    return tasks.length;
  }
}
