// Logs drops without flooding the log: the first drop of each cause is logged in full, further ones in
// the same window are summed into one line when the window has passed. Counting happens elsewhere.
import type { DropCause } from '../shared/drop-cause.js';
import type { Clock, LogFields, Logger } from '../shared/types.js';

/** How long drops of one cause are summed before the next log line, in ms. */
export const DROP_LOG_WINDOW_MS = 10_000;

/** Throttled warn-level logging of drops, per cause. */
export class DropReporter {
  readonly #clock: Clock;
  readonly #windows = new Map<DropCause, { startMs: number; suppressed: number }>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  report(logger: Logger, cause: DropCause, message: string, fields: LogFields): void {
    const now = this.#clock.now().getTime();
    const window = this.#windows.get(cause);
    if (window && now - window.startMs < DROP_LOG_WINDOW_MS) {
      window.suppressed++;
      return;
    }
    const suppressed = window?.suppressed ?? 0;
    this.#windows.set(cause, { startMs: now, suppressed: 0 });
    logger.warn(message, suppressed > 0 ? { ...fields, cause, alsoDroppedSinceLastReport: suppressed } : { ...fields, cause });
  }
}
