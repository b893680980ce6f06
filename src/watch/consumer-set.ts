// The consumers an owner starts on a Broadcaster and must drain or stop at shutdown: the attach-and-track
// step both event broadcasters share.
import type { Broadcaster } from './broadcaster.js';
import type { QueueWatcher, WatchConsumer } from './watcher.js';

/** Why a consumer lost an event: its queue was full, or it was stopped with the event still queued. */
export type LostCause = 'queueFull' | 'shutdown';

/** Watchers of one broadcaster, each drained by one consumer, tracked until they complete. */
export class ConsumerSet<T> {
  readonly #broadcaster: Broadcaster<T>;
  readonly #live = new Set<QueueWatcher<T>>();

  constructor(broadcaster: Broadcaster<T>) {
    this.#broadcaster = broadcaster;
  }

  /**
   * Registers a watcher drained by `consumer`, reporting each event it loses to `onLost`. Returns
   * undefined when the broadcaster is already shut down.
   */
  start(consumer: WatchConsumer<T>, onLost: (cause: LostCause, event: T) => void): QueueWatcher<T> | undefined {
    if (this.#broadcaster.stopped) return undefined;
    const watcher = this.#broadcaster.watch({
      onDrop: (event) => onLost('queueFull', event),
      onDiscard: (event) => onLost('shutdown', event),
    }) as QueueWatcher<T>;
    this.#live.add(watcher);
    watcher.attach(consumer, () => this.#live.delete(watcher));
    return watcher;
  }

  /** The consumers that have not completed yet. */
  snapshot(): Array<QueueWatcher<T>> {
    return [...this.#live];
  }
}

/** Stops `consumers` (discarding what they still queue) and returns how many events they held. */
export function stopConsumers<T>(consumers: ReadonlyArray<QueueWatcher<T>>): number {
  let held = 0;
  for (const w of consumers) {
    held += w.pending;
    w.stop();
  }
  return held;
}
