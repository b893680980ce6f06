// The first try of a core/v1 write as one promise chain (SinkWriter.send's fast path): its state and its
// two promise handlers, made once and reused from write to write.
import type { CoreV1Event } from '@kubernetes/client-node';
import { CallOptions } from '../engine/call-options.js';
import type { EventPatch } from './event-log.js';
import type { Settlement } from '../engine/flush-tracker.js';

/** The default `isLatest` of a write: there is no newer occurrence of its event in flight. */
export const always = (): boolean => true;
/** The default `onSettled` of a write. */
export const ignore = (): void => undefined;

/**
 * The state of one write's first try and its two promise handlers, bound once. A writer reuses a free
 * one for its next write, so serial writes (the default) make no closures, context or call options per
 * write (~200 B less garbage per event).
 */
export class FirstTry {
  // Set by start() before each use; the last write's values stay until the next (one event per writer).
  event!: CoreV1Event;
  patch: EventPatch | undefined;
  update = false;
  isLatest: () => boolean = always;
  onSettled: (how: Settlement) => void = ignore;
  /** The options of this try's sink call; released when it is answered. */
  readonly call: CallOptions;
  readonly onWritten: (written: unknown) => Settlement;
  readonly onFailed: (error: unknown) => Promise<Settlement>;

  constructor(
    deadline: AbortSignal,
    written: (first: FirstTry, written: unknown) => Settlement,
    failed: (first: FirstTry, error: unknown) => Promise<Settlement>,
  ) {
    this.call = new CallOptions(deadline);
    this.onWritten = (w) => written(this, w);
    this.onFailed = (e) => failed(this, e);
  }

  /** Sets the write this try is for. */
  start(event: CoreV1Event, patch: EventPatch | undefined, update: boolean, isLatest: () => boolean, onSettled: (how: Settlement) => void): void {
    this.event = event;
    this.patch = patch;
    this.update = update;
    this.isLatest = isLatest;
    this.onSettled = onSettled;
  }

  /** The try was answered: unhooks its call options from the deadline. */
  finish(): void {
    this.call.release();
  }
}
