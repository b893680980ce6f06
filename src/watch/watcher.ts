// One consumer's view of a Broadcaster: a bounded queue (queueOrDrop) fed by the broadcaster and drained
// by whoever consumes it — an async iterator, the `events$` observable, or an internal handler.
import { Observable, share, type Subscriber, type Subscription } from 'rxjs';
import { queueOrDrop } from './queue-or-drop.js';
import { Waiters } from './waiters.js';

/**
 * A registration on a {@link Broadcaster}. It receives, in order, every event the broadcaster accepted
 * after the registration, through a bounded queue of its own.
 *
 * Consume it with `for await (const event of watcher)` or through `events$`; events wait in the queue
 * until one of them is attached. Breaking out of a `for await` loop stops the watcher.
 *
 * @category Watch
 */
export interface Watcher<T> extends AsyncIterable<T> {
  /**
   * The same events as an RxJS `Observable`. Subscribers share one stream; events are handed over as
   * fast as the subscribers take them (synchronously). Completes when the watcher is stopped or the
   * broadcaster shut down and the queue is drained.
   */
  readonly events$: Observable<T>;
  /** Events this watcher lost because its queue was full (drop mode only). */
  readonly dropped: number;
  /** Events that are queued and not yet handed to a consumer. */
  readonly pending: number;
  /** Detaches from the broadcaster and discards what is still queued. Idempotent. */
  stop(): void;
}

/** A consumer of a watcher's queue: return a promise to hold the next event back until it settles. */
export type WatchConsumer<T> = (event: T) => PromiseLike<unknown> | void;

/** Options for one watcher, set by the broadcaster. */
export interface WatcherConfig<T> {
  readonly capacity: number;
  readonly onStop: (watcher: QueueWatcher<T>) => void;
  readonly onDrop?: ((event: T) => void) | undefined;
  readonly onDiscard?: ((event: T) => void) | undefined;
}

/**
 * The broadcaster's implementation of {@link Watcher}. Not exported from the package: callers see the
 * interface only (as client-go keeps its implementations unexported).
 */
export class QueueWatcher<T> implements Watcher<T> {
  /** Sequence number of the first broadcast event this watcher must see. */
  readonly fromSeq: number;
  /** Sequence number of the last event handed to this watcher. */
  deliveredSeq: number;

  readonly events$: Observable<T>;
  // The queue's source, fed directly: a Subject would add a closure and a loop per event.
  readonly #input: Subscriber<T>;
  readonly #config: WatcherConfig<T>;
  readonly #subscription: Subscription;
  #consumer: WatchConsumer<T> | undefined;
  #parked: { event: T; resolve: (v: unknown) => void } | undefined;
  #waiting = 0;
  #dropped = 0;
  #stopped = false;
  #completed = false;
  readonly #roomWaiters = new Waiters();
  readonly #completionWaiters = new Waiters();

  constructor(fromSeq: number, config: WatcherConfig<T>) {
    this.fromSeq = fromSeq;
    this.deliveredSeq = fromSeq - 1;
    this.#config = config;
    let input: Subscriber<T> | undefined;
    this.#subscription = new Observable<T>((subscriber) => {
      input = subscriber;
    })
      .pipe(
        queueOrDrop<T, unknown>({
          capacity: config.capacity,
          project: (event) => this.#hand(event),
          onDrop: (event) => {
            this.#dropped++;
            config.onDrop?.(event);
          },
          onDiscard: (event) => config.onDiscard?.(event),
          // A consumer's failure must not break the queue for the events behind it.
          onProjectError: () => undefined,
          // An event parked for a consumer not attached yet is still in the queue (Go's result channel).
          holdsCurrent: () => this.#parked !== undefined,
          onSizeChange: (n) => {
            this.#waiting = n;
            if (this.hasRoom()) this.#roomWaiters.release();
          },
        }),
      )
      .subscribe({ complete: () => this.#complete(), error: () => this.#complete() });
    this.#input = input as Subscriber<T>;
    this.events$ = new Observable<T>((subscriber) => {
      const detach = this.attach((event) => {
        subscriber.next(event);
      }, () => subscriber.complete());
      return detach;
    }).pipe(share());
  }

  get dropped(): number {
    return this.#dropped;
  }

  get pending(): number {
    return this.#waiting + (this.#parked ? 1 : 0);
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * Whether one more event fits without dropping (used by the broadcaster's wait mode). The queue holds
   * `capacity` events, an event parked for a consumer not attached yet included, as Go's result channel.
   */
  hasRoom(): boolean {
    return this.#stopped || this.pending < this.#config.capacity;
  }

  /** Resolves when the queue has room or the watcher stopped. */
  whenRoom(): Promise<void> {
    if (this.hasRoom()) return Promise.resolve();
    return this.#roomWaiters.wait();
  }

  /** Resolves once the queue has been drained (or discarded) and the watcher is complete. */
  whenComplete(): Promise<void> {
    if (this.#completed) return Promise.resolve();
    return this.#completionWaiters.wait();
  }

  /** Hands one broadcast event to this watcher's queue (it may be dropped there). */
  offer(event: T): void {
    if (!this.#stopped) this.#input.next(event);
  }

  /** Ends the input after what is queued: used by the broadcaster's shutdown. */
  close(): void {
    this.#input.complete();
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#config.onStop(this);
    // Unsubscribing discards what still waits (reported through onDiscard); the event a consumer holds
    // right now finishes on its own.
    this.#subscription.unsubscribe();
    this.#waiting = 0;
    const parked = this.#parked;
    this.#parked = undefined;
    if (parked) {
      this.#config.onDiscard?.(parked.event);
      parked.resolve(undefined);
    }
    this.#complete();
  }

  /**
   * Attaches the single consumer of this watcher's queue. Returns a function that detaches it; events
   * then wait in the queue again. `onComplete` is called when the stream ends.
   */
  attach(consumer: WatchConsumer<T>, onComplete?: () => void): () => void {
    if (this.#consumer) throw new Error('watcher already has a consumer');
    this.#consumer = consumer;
    let completeHook: (() => void) | undefined;
    if (onComplete) {
      completeHook = onComplete;
      void this.whenComplete().then(() => completeHook?.());
    }
    const parked = this.#parked;
    if (parked) {
      this.#parked = undefined;
      parked.resolve(this.#deliver(consumer, parked.event));
      // The consumer took the parked event: its place in the queue is free.
      if (this.hasRoom()) this.#roomWaiters.release();
    }
    return () => {
      completeHook = undefined;
      if (this.#consumer === consumer) this.#consumer = undefined;
    };
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    // The queue hands over one event at a time and waits for its promise: the iterator settles that
    // promise when the loop asks for the next event, so the loop's pace drains the queue.
    let slot: { event: T; ack: () => void } | undefined;
    let held: (() => void) | undefined;
    let wake: (() => void) | undefined;
    let done = false;
    const detach = this.attach(
      (event) =>
        new Promise<void>((ack) => {
          slot = { event, ack };
          wake?.();
        }),
      () => {
        done = true;
        wake?.();
      },
    );
    try {
      for (;;) {
        if (!slot) {
          if (done) return;
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        const { event, ack } = slot;
        slot = undefined;
        held = ack;
        yield event;
        held = undefined;
        ack();
      }
    } finally {
      detach();
      held?.();
      this.stop();
    }
  }

  #hand(event: T): PromiseLike<unknown> | void {
    if (this.#stopped) {
      this.#config.onDiscard?.(event);
      return undefined;
    }
    const consumer = this.#consumer;
    if (consumer) return this.#deliver(consumer, event);
    return new Promise((resolve) => {
      this.#parked = { event, resolve };
    });
  }

  #deliver(consumer: WatchConsumer<T>, event: T): PromiseLike<unknown> | void {
    // A consumer's own failure must not break the queue for the events behind it: a throw is swallowed
    // here, a failed promise by the queue's onProjectError.
    try {
      return consumer(event);
    } catch {
      return undefined;
    }
  }

  #complete(): void {
    if (this.#completed) return;
    this.#completed = true;
    this.#roomWaiters.release();
    this.#completionWaiters.release();
  }
}
