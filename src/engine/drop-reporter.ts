// Logs drops without flooding the log: the first drop of each cause is logged in full, further ones in
// the same window are summed into one line when the window has passed, or at shutdown at the latest.
// Counting happens elsewhere.
import type { DropCause } from '../shared/drop-cause.js';
import type { Clock, LogFields, Logger } from '../shared/types.js';

/** How long drops of one cause are summed before the next log line, in ms. */
export const DROP_LOG_WINDOW_MS = 10_000;

/** The message of the line that reports drops summed since the last line of their cause (at shutdown). */
export const DROP_SUMMARY_MESSAGE = 'Events dropped since the last report';

/** The level of a drop's line: `warn` for most causes, `error` for an event the server rejected. */
export type DropLogLevel = 'warn' | 'error';

/** The summing window of one cause. */
interface DropWindow {
  startMs: number;
  suppressed: number;
  /** Where the summary goes: the logger and level of the last drop summed (a recorder's `withLogger`). */
  logger: Logger;
  level: DropLogLevel;
}

/** Throttled logging of drops, per cause. */
export class DropReporter {
  readonly #clock: Clock;
  readonly #windows = new Map<DropCause, DropWindow>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * Logs one drop of `cause`: in full when the cause's window has passed (with the count summed since the
   * previous line, `alsoDroppedSinceLastReport`), else only summed.
   */
  report(logger: Logger, cause: DropCause, message: string, fields: LogFields, level: DropLogLevel = 'warn'): void {
    const now = this.#clock.now().getTime();
    const window = this.#windows.get(cause);
    if (window && now - window.startMs < DROP_LOG_WINDOW_MS) {
      window.suppressed++;
      window.logger = logger;
      window.level = level;
      return;
    }
    const suppressed = window?.suppressed ?? 0;
    this.#windows.set(cause, { startMs: now, suppressed: 0, logger, level });
    logger[level](message, suppressed > 0 ? { ...fields, cause, alsoDroppedSinceLastReport: suppressed } : { ...fields, cause });
  }

  /**
   * Writes the summary of every cause with drops not yet logged ({@link DROP_SUMMARY_MESSAGE} with `cause`
   * and `alsoDroppedSinceLastReport`), so none is left unwritten; the broadcasters call it when shutdown
   * ends. Every window closes: the next drop of any cause is logged in full.
   */
  flush(): void {
    const windows = [...this.#windows];
    this.#windows.clear();
    for (const [cause, window] of windows) {
      if (window.suppressed > 0) window.logger[window.level](DROP_SUMMARY_MESSAGE, { cause, alsoDroppedSinceLastReport: window.suppressed });
    }
  }
}
