// The last step of both broadcasters' shutdown: sinks release what they hold (kept connections).
import { runWithDeadline } from './deadline.js';
import type { Sleep } from './sleep.js';

/** How long shutdown waits for the sinks' `close()`, in ms; a close that hangs is given up on. */
export const SINK_CLOSE_TIMEOUT_MS = 1000;

/** Calls `close()` on every sink that has one; never rejects, never waits more than 1 s. */
export async function closeSinks(sinks: ReadonlyArray<{ close?(): Promise<void> }>, sleep: Sleep): Promise<void> {
  const closing = sinks.flatMap((s) => (typeof s.close === 'function' ? [closeOne(s as { close(): Promise<void> })] : []));
  if (closing.length > 0) await runWithDeadline(Promise.all(closing), sleep, SINK_CLOSE_TIMEOUT_MS);
}

/** One sink's close, as a promise that never rejects: a plain-JS sink may throw or return anything. */
async function closeOne(sink: { close(): Promise<void> }): Promise<void> {
  try {
    await sink.close();
  } catch {
    // A sink that cannot close is given up on, as one that hangs.
  }
}
