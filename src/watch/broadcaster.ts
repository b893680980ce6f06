// Generic fan-out broadcaster, the TypeScript counterpart of apimachinery's watch.Broadcaster (mux.go):
// one bounded incoming queue, one bounded queue per watcher, wait-or-drop when a watcher is full.
import { InvalidArgumentError, optionsObject } from './argument-error.js';
import { BroadcasterStoppedError } from './errors.js';
import { QueueWatcher, type Watcher } from './watcher.js';

/**
 * What the broadcaster does when a watcher's queue is full.
 * - `'wait'`: distribution pauses until that watcher has room or is stopped (apimachinery's
 *   `WaitIfChannelFull`); events then pile up in the incoming queue.
 * - `'drop'`: that watcher loses the event; the others still get it (`DropIfChannelFull`).
 *
 * @category Watch
 */
export type FullChannelBehavior = 'wait' | 'drop';

/**
 * Options of {@link Broadcaster}.
 *
 * @category Watch
 */
export interface BroadcasterOptions {
  /**
   * Capacity of each watcher's queue, in events (at least 1), as Go's result channel: events wait there
   * whether or not a consumer is attached; a consumer busy with one event it took is the only extra.
   */
  readonly queueLength: number;
  /**
   * Capacity of the incoming queue, in events. Default 25, apimachinery's `incomingQueueLength`
   * (`NewLongQueueBroadcaster` passes `queueLength` instead).
   */
  readonly incomingQueueLength?: number | undefined;
  /** See {@link FullChannelBehavior}. */
  readonly fullChannelBehavior: FullChannelBehavior;
}

/**
 * Options of one {@link Broadcaster.watch} registration.
 *
 * @category Watch
 */
export interface WatchOptions<T> {
  /** Called with every event this watcher drops because its queue is full. */
  readonly onDrop?: ((event: T) => void) | undefined;
  /** Called with every queued event discarded because the watcher was stopped. */
  readonly onDiscard?: ((event: T) => void) | undefined;
}

/**
 * Default incoming queue capacity, as apimachinery's `incomingQueueLength`.
 *
 * @category Watch
 */
export const DEFAULT_INCOMING_QUEUE_LENGTH = 25;

/**
 * Distributes every accepted event to every watcher registered before it was accepted, in order.
 *
 * Distribution is synchronous when no watcher is full: `actionOrDrop` returns after the event sits in
 * each watcher's queue, so a new watcher sees exactly the events accepted after `watch()` returned.
 *
 * @example
 * ```ts
 * const b = new Broadcaster<string>({ queueLength: 100, fullChannelBehavior: 'drop' });
 * const w = b.watch();
 * b.actionOrDrop('hello');
 * await b.shutdown();
 * for await (const e of w) console.log(e); // 'hello'
 * ```
 *
 * @category Watch
 */
export class Broadcaster<T> {
  readonly #queueLength: number;
  readonly #incomingLength: number;
  readonly #behavior: FullChannelBehavior;
  readonly #watchers = new Set<QueueWatcher<T>>();
  #incoming: Array<{ seq: number; event: T }> = [];
  #head = 0;
  #nextSeq = 0;
  #distributing = false;
  #stopped = false;
  #shutdown: Promise<void> | undefined;
  #drained: (() => void) | undefined;
  #roomWaiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];

  /** @throws `InvalidArgumentError` when `options` is not an object, a length is not a number, or `fullChannelBehavior` is neither `'wait'` nor `'drop'`. */
  constructor(options: BroadcasterOptions) {
    const o = optionsObject(options);
    if (typeof o.queueLength !== 'number' || Number.isNaN(o.queueLength)) throw new InvalidArgumentError('options.queueLength', 'expected a number');
    const incoming = o.incomingQueueLength ?? DEFAULT_INCOMING_QUEUE_LENGTH;
    if (typeof incoming !== 'number' || Number.isNaN(incoming)) throw new InvalidArgumentError('options.incomingQueueLength', 'expected a number');
    if (o.fullChannelBehavior !== 'wait' && o.fullChannelBehavior !== 'drop') throw new InvalidArgumentError('options.fullChannelBehavior', "expected 'wait' or 'drop'");
    this.#queueLength = Math.max(1, Math.floor(o.queueLength));
    this.#incomingLength = Math.max(1, Math.floor(incoming));
    this.#behavior = o.fullChannelBehavior;
  }

  /** Whether `shutdown()` has been called. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Events accepted but not yet distributed to every watcher (only non-zero in `'wait'` mode). */
  get incomingLength(): number {
    return this.#incoming.length - this.#head;
  }

  /**
   * Registers a watcher that receives every event accepted from now on.
   * @throws {@link BroadcasterStoppedError} after `shutdown()`.
   */
  watch(options: WatchOptions<T> = {}): Watcher<T> {
    return this.#register(this.#queueLength, optionsObject(options));
  }

  /**
   * Registers a watcher whose queue starts with `prefix`, followed by every event accepted from now on.
   * Its queue holds at least `prefix.length + 1` events.
   * @throws {@link BroadcasterStoppedError} after `shutdown()`.
   */
  watchWithPrefix(prefix: readonly T[], options: WatchOptions<T> = {}): Watcher<T> {
    if (!isArray(prefix)) throw new InvalidArgumentError('prefix', 'expected an array');
    const watcher = this.#register(Math.max(this.#queueLength, prefix.length + 1), optionsObject(options));
    for (const event of prefix) watcher.offer(event);
    return watcher;
  }

  /**
   * Accepts `event`, waiting for room in the incoming queue when it is full.
   * @throws {@link BroadcasterStoppedError} (as a rejection) after `shutdown()`, including while waiting.
   */
  action(event: T): Promise<void> {
    if (this.#stopped) return Promise.reject(new BroadcasterStoppedError());
    if (this.#roomWaiters.length === 0 && this.incomingLength < this.#incomingLength) {
      this.#accept(event);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.#roomWaiters.push({ resolve: () => (this.#accept(event), resolve()), reject });
    });
  }

  /**
   * Accepts `event` if the incoming queue has room; returns `false` (event not accepted) when it is full.
   * Never waits.
   * @throws {@link BroadcasterStoppedError} after `shutdown()`.
   */
  actionOrDrop(event: T): boolean {
    if (this.#stopped) throw new BroadcasterStoppedError();
    if (this.#roomWaiters.length > 0 || this.incomingLength >= this.#incomingLength) return false;
    this.#accept(event);
    return true;
  }

  /**
   * Stops accepting events, distributes everything accepted before the call to the watchers' queues
   * (minus per-watcher drops), then ends every watcher: consumers still receive what is queued, then
   * their iteration / `events$` completes. Idempotent; resolves when distribution is done.
   */
  shutdown(): Promise<void> {
    if (this.#shutdown) return this.#shutdown;
    this.#stopped = true;
    const waiters = this.#roomWaiters;
    this.#roomWaiters = [];
    for (const w of waiters) w.reject(new BroadcasterStoppedError());
    this.#shutdown = new Promise<void>((resolve) => {
      const finish = (): void => {
        for (const watcher of this.#watchers) watcher.close();
        this.#watchers.clear();
        resolve();
      };
      if (this.incomingLength === 0 && !this.#distributing) finish();
      else this.#drained = finish;
    });
    return this.#shutdown;
  }

  #register(capacity: number, options: WatchOptions<T>): QueueWatcher<T> {
    if (this.#stopped) throw new BroadcasterStoppedError();
    const watcher = new QueueWatcher<T>(this.#nextSeq, {
      capacity,
      onStop: (w) => this.#watchers.delete(w),
      onDrop: options.onDrop,
      onDiscard: options.onDiscard,
    });
    this.#watchers.add(watcher);
    return watcher;
  }

  #accept(event: T): void {
    const seq = this.#nextSeq++;
    if (this.#distributing || this.incomingLength > 0) {
      this.#incoming.push({ seq, event });
      this.#distribute();
      return;
    }
    // Fast path, nothing ahead of this event: hand it over in place, without a queue entry per event.
    this.#distributing = true;
    const blocked = this.#deliver(seq, event);
    if (blocked) {
      // Wait mode, a watcher is full: queue the event ahead of any a consumer sent back meanwhile.
      this.#incoming.splice(this.#head, 0, { seq, event });
      this.#waitForRoom(blocked);
      return;
    }
    this.#admitWaiter();
    this.#distributing = false;
    if (this.incomingLength > 0 || this.#drained) this.#distribute();
  }

  #distribute(): void {
    if (this.#distributing) return; // re-entrant action from a consumer: the running loop picks it up
    this.#distributing = true;
    while (this.incomingLength > 0) {
      const entry = this.#incoming[this.#head] as { seq: number; event: T };
      const blocked = this.#deliver(entry.seq, entry.event);
      if (blocked) {
        this.#waitForRoom(blocked);
        return;
      }
      this.#head++;
      if (this.#head === this.#incoming.length) {
        this.#incoming = [];
        this.#head = 0;
      }
      this.#admitWaiter();
    }
    this.#distributing = false;
    const drained = this.#drained;
    if (drained) {
      this.#drained = undefined;
      drained();
    }
  }

  /** Resumes distribution (still marked as running until then) once `watcher` has room. */
  #waitForRoom(watcher: QueueWatcher<T>): void {
    void watcher.whenRoom().then(() => {
      this.#distributing = false;
      this.#distribute();
    });
  }

  /** Hands one event to each watcher that has not got it yet; returns a full watcher in wait mode. */
  #deliver(seq: number, event: T): QueueWatcher<T> | undefined {
    for (const watcher of this.#watchers) {
      if (watcher.fromSeq > seq || watcher.deliveredSeq >= seq) continue;
      if (this.#behavior === 'wait' && !watcher.hasRoom()) return watcher;
      watcher.deliveredSeq = seq;
      watcher.offer(event);
    }
    return undefined;
  }

  #admitWaiter(): void {
    const waiter = this.#roomWaiters.shift();
    waiter?.resolve();
  }
}

/** Array.isArray without narrowing (the prefix stays `readonly T[]`). */
function isArray(value: unknown): boolean {
  return Array.isArray(value);
}
