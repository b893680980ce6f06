// `queueOrDrop`: a concatMap whose waiting line is bounded. Values that arrive while the line is full
// are dropped (and reported) instead of buffered without limit, so a slow consumer never grows memory.
import { from, Observable, type ObservableInput, type OperatorFunction, type Subscription } from 'rxjs';

function isPromiseLike<R>(value: ObservableInput<R>): value is PromiseLike<R> {
  return typeof (value as Partial<PromiseLike<R>>).then === 'function';
}

/**
 * Configuration of {@link queueOrDrop}.
 *
 * @category Watch
 */
export interface QueueOrDropConfig<T, R> {
  /**
   * How many values may wait while one is being processed (the value in `project` does not count,
   * as a Go channel's capacity does not count the value its reader holds). Must be ≥ 0.
   */
  readonly capacity: number;
  /**
   * Processes one value. Return `undefined` (or nothing) when done synchronously, or an
   * `ObservableInput` (Promise, Observable, …) whose completion lets the next value through; its
   * values are emitted downstream.
   */
  readonly project: (value: T) => ObservableInput<R> | void;
  /** Called with each value dropped because `capacity` values were already waiting. */
  readonly onDrop?: (value: T) => void;
  /** Called with the new number of waiting values whenever it changes. */
  readonly onSizeChange?: (waiting: number) => void;
  /** Called with each value still waiting when the result is unsubscribed before completing. */
  readonly onDiscard?: (value: T) => void;
  /**
   * Called when `project` throws or its result fails; the line then moves on to the next value.
   * Without it, that error is forwarded downstream and ends the stream.
   */
  readonly onProjectError?: (error: unknown, value: T) => void;
  /**
   * Whether the value handed to `project` still takes a place in the line, because no reader has taken
   * it yet (a watcher with no consumer attached parks it there). Go's channel holds such a value in its
   * buffer: only a reader that took one is the extra. Default: the value in `project` never counts.
   */
  readonly holdsCurrent?: () => boolean;
}

/**
 * Like `concatMap(project)`, but at most `capacity` source values wait for their turn; a value that
 * arrives when the line is full is dropped and handed to `onDrop`. Order is preserved. The result
 * completes when the source has completed and every queued value has been processed; errors from the
 * source or from `project` are forwarded.
 *
 * ```
 * source:   -a-b-c-d-|        capacity 1, each project takes 4 frames
 * result:   process a; b waits; c dropped; d dropped; then b
 * ```
 *
 * @example
 * ```ts
 * events$.pipe(queueOrDrop({ capacity: 1000, project: (e) => writeToApi(e), onDrop: () => drops++ }))
 * ```
 *
 * @category Watch
 */
export function queueOrDrop<T, R = never>(config: QueueOrDropConfig<T, R>): OperatorFunction<T, R> {
  const { capacity, project, onDrop, onSizeChange, onDiscard, onProjectError, holdsCurrent } = config;
  return (source) =>
    new Observable<R>((subscriber) => {
      // A plain array with a moving head: shift() on a 1000-element array would copy on every value.
      let waiting: T[] = [];
      let head = 0;
      let active: Pick<Subscription, 'unsubscribe'> | undefined; // the running inner Observable
      let current: T | undefined; // the value being processed
      let busy = false; // a project call (sync or async) is running
      let draining = false; // guards against recursion when inners complete synchronously
      let sourceDone = false;
      let tornDown = false; // unsubscribed: a promise still pending settles into nothing

      const size = (): number => waiting.length - head;

      const finishIfIdle = (): void => {
        if (sourceDone && !busy && size() === 0) subscriber.complete();
      };

      const done = (): void => {
        busy = false;
        active = undefined;
        current = undefined;
        drain();
      };

      const fail = (err: unknown): void => {
        if (!onProjectError) {
          subscriber.error(err);
          return;
        }
        onProjectError(err, current as T);
        done();
      };

      // One pair of promise callbacks per subscription, not per value: only one value is processed at a
      // time, so they need no per-value state (saves two closures and a cancel handle per value).
      const onFulfilled = (r: R): void => {
        if (tornDown) return;
        subscriber.next(r);
        done();
      };
      const onRejected = (err: unknown): void => {
        if (!tornDown) fail(err);
      };

      const run = (value: T): void => {
        busy = true;
        current = value;
        let out: ObservableInput<R> | void;
        try {
          out = project(value);
        } catch (err) {
          fail(err);
          return;
        }
        if (out === undefined) {
          busy = false;
          current = undefined;
          return;
        }
        if (isPromiseLike(out)) {
          // Fast path for the common case (an async handler): settle on the promise directly instead of
          // wrapping it in an Observable and a Subscriber per value.
          out.then(onFulfilled, onRejected);
          return;
        }
        let settledSync = false;
        const inner = from(out).subscribe({
          next: (r) => subscriber.next(r),
          error: (err: unknown) => {
            settledSync = true;
            fail(err);
          },
          complete: () => {
            settledSync = true;
            done();
          },
        });
        if (!settledSync) active = inner;
      };

      const drain = (): void => {
        if (draining) return;
        draining = true;
        while (!busy && size() > 0 && !subscriber.closed) {
          const value = waiting[head] as T;
          head++;
          if (head === waiting.length) {
            waiting = [];
            head = 0;
          } else if (head > 1024 && head * 2 > waiting.length) {
            waiting = waiting.slice(head);
            head = 0;
          }
          onSizeChange?.(size());
          run(value);
        }
        draining = false;
        finishIfIdle();
      };

      const sourceSubscription = source.subscribe({
        next: (value) => {
          if (!busy && size() === 0) {
            run(value);
            return;
          }
          if (size() + (busy && holdsCurrent?.() === true ? 1 : 0) >= capacity) {
            onDrop?.(value);
            return;
          }
          waiting.push(value);
          onSizeChange?.(size());
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          sourceDone = true;
          if (!busy) drain();
        },
      });

      return () => {
        tornDown = true;
        sourceSubscription.unsubscribe();
        active?.unsubscribe();
        const left = waiting;
        const from = head;
        waiting = [];
        head = 0;
        if (onDiscard) for (let i = from; i < left.length; i++) onDiscard(left[i] as T);
      };
    });
}
