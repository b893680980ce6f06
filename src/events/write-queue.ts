// The job queue of the events.k8s.io/v1 writer: bounded (drop-if-full), up to `concurrency` jobs at once,
// the jobs of one Event strictly in queue order (its create before every PATCH of its series). Tracks
// what settled, for flush(), and what was taken, for the shutdown deadline.
import { Subject, type Subscription } from 'rxjs';
import { FlushTracker, type FlushCounts, type Settlement } from '../engine/flush-tracker.js';
import { OrderedSlots } from '../engine/ordered-slots.js';
import { queueOrDrop } from '../watch/queue-or-drop.js';
import type { EventsV1Counters } from './stats.js';
import { orderingKey, type Ticket, type WriteJob } from './write-job.js';

/** One flush in progress on the writer. */
export interface FlushWait {
  /** Resolves when every job queued before the flush has settled. Never rejects. */
  readonly done: Promise<void>;
  /** What those jobs did so far; frozen by `cancel()`. */
  readonly counts: FlushCounts;
  /** Stops counting. */
  cancel(): void;
}

/** Options of {@link WriteQueue}. */
export interface WriteQueueOptions {
  /** Jobs that may wait, not counting the ones taken. */
  readonly capacity: number;
  /** Jobs taken at once (≥ 1); 1 writes one job at a time in queue order, as client-go. */
  readonly concurrency: number;
  /** Its `inFlight` counts the jobs taken and not settled. */
  readonly counters: EventsV1Counters;
  /** Writes one job until it settles (through {@link WriteQueue.settle}). Never rejects. */
  readonly run: (ticket: Ticket) => Promise<void>;
  /** Gives a job up unwritten (queue full; discarded or abandoned at shutdown); must settle it. */
  readonly lost: (ticket: Ticket, cause: 'queueFull' | 'shutdown') => void;
}

/** Runs the writer's jobs; see the file header. */
export class WriteQueue {
  readonly #options: WriteQueueOptions;
  readonly #tracker = new FlushTracker();
  readonly #input = new Subject<Ticket>();
  readonly #subscription: Subscription;
  readonly #closed: Promise<void>;
  readonly #resolveClosed: () => void;
  /** Taken from the queue and not finished: being written, waiting to retry, or chained behind its Event's previous job. */
  readonly #slots: OrderedSlots<Ticket>;
  #queued = 0;

  constructor(options: WriteQueueOptions) {
    this.#options = options;
    this.#slots = new OrderedSlots(options.concurrency);
    let resolveClosed: () => void = () => undefined;
    this.#closed = new Promise<void>((resolve) => (resolveClosed = resolve));
    this.#resolveClosed = resolveClosed;
    const drained = (): void => void this.#slots.whenIdle().then(resolveClosed);
    this.#subscription = this.#input
      .pipe(
        queueOrDrop<Ticket, void>({
          capacity: options.capacity,
          project: this.#take,
          onDrop: (ticket) => options.lost(ticket, 'queueFull'),
          onDiscard: (ticket) => options.lost(ticket, 'shutdown'),
          onSizeChange: (n) => (this.#queued = n),
        }),
      )
      .subscribe({ complete: drained, error: drained });
  }

  /** Jobs waiting (not counting the ones taken). */
  get queued(): number {
    return this.#queued;
  }

  /** Jobs waiting plus the ones taken and not settled. */
  get pending(): number {
    let unsettled = 0;
    for (const ticket of this.#slots.taken()) if (!ticket.settled) unsettled++;
    return this.#queued + unsettled;
  }

  /** Queues a job; a full queue drops it (through `lost`). */
  enqueue(job: WriteJob): void {
    this.#input.next({ job, index: this.#tracker.nextIndex(), started: false, settled: false });
  }

  /**
   * Starts waiting for every job queued so far that has not settled (queued, being written or waiting to
   * retry). Jobs queued later are neither waited for nor counted.
   */
  track(): FlushWait {
    return this.#tracker.waitFor(0);
  }

  /** Counts a job's outcome once, and tells the flushes waiting for it. */
  settle(ticket: Ticket, how: Settlement): void {
    if (ticket.settled) return;
    ticket.settled = true;
    if (ticket.started) this.#options.counters.inFlight--;
    this.#tracker.settle(ticket.index, how);
  }

  /** No more jobs: the returned promise resolves once every queued job is over (or at `abandon()`). */
  close(): Promise<void> {
    this.#input.complete();
    return this.#closed;
  }

  /**
   * The shutdown deadline: every job taken and not settled, then every job waiting, is given up through
   * `lost` (an answer the sink gives later is ignored). Returns how many jobs were abandoned.
   */
  abandon(): number {
    const abandoned = this.pending;
    for (const ticket of this.#slots.taken()) {
      if (!ticket.settled) this.#options.lost(ticket, 'shutdown');
      this.#slots.release(ticket);
    }
    // Unsubscribing discards the waiting jobs in order, each through onDiscard.
    this.#subscription.unsubscribe();
    this.#queued = 0;
    this.#resolveClosed(); // nobody waits on a promise that can no longer settle by itself
    return abandoned;
  }

  /**
   * The queue's consumer: starts the job at once, or after the running job of the same Event. Returns a
   * promise (holding the next job back in the queue) only when all `concurrency` slots are taken.
   */
  readonly #take = (ticket: Ticket): Promise<void> | undefined => {
    ticket.started = true;
    this.#options.counters.inFlight++;
    // A job abandoned while it waited for its predecessor is not written.
    return this.#slots.take(ticket, orderingKey(ticket.job), () => (ticket.settled ? Promise.resolve() : this.#options.run(ticket)));
  };
}
