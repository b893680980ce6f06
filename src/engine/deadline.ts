// Waits for work with a deadline through the injectable sleep, leaving no timer behind either way.
import type { Sleep } from './sleep.js';

/** Resolves true when `work` settles within `timeoutMs`, false when the deadline came first. */
export async function runWithDeadline(work: Promise<unknown>, sleep: Sleep, timeoutMs: number): Promise<boolean> {
  const deadline = new AbortController();
  let completed = false;
  await Promise.race([work.then(() => (completed = true)), sleep(timeoutMs, deadline.signal)]);
  deadline.abort();
  return completed;
}
