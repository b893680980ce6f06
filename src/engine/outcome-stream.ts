// The `writes$` of both broadcasters: every write outcome offered to subscribers as it happens, built only
// while someone subscribes (so recording pays one property read per outcome when nobody listens).
import { Subject, type Observable } from 'rxjs';
import type { WriteOutcome } from './outcomes.js';

/** One broadcaster's stream of write outcomes; `complete()` when its shutdown ends. */
export class OutcomeStream<E> {
  readonly #subject = new Subject<WriteOutcome<E>>();
  /** What the broadcaster exposes as `writes$`. */
  readonly observable: Observable<WriteOutcome<E>> = this.#subject.asObservable();
  /**
   * Offers the outcome `build` returns, calling `build` only while someone subscribes: the lazy path for
   * callers whose outcome is costly to build (events.k8s.io copies the Event with its series).
   */
  readonly emit = (build: () => WriteOutcome<E>): void => {
    if (this.#subject.observed) this.#subject.next(build());
  };

  /** Whether anyone subscribes: a caller with a cheap outcome checks this and calls `next`. */
  get observed(): boolean {
    return this.#subject.observed;
  }

  /** Offers an outcome already built (check `observed` first). */
  next(outcome: WriteOutcome<E>): void {
    this.#subject.next(outcome);
  }

  /** Ends the stream: subscribers complete. */
  complete(): void {
    this.#subject.complete();
  }
}
