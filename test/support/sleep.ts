// A recorded sleep: resolves on the next macrotask (or at once on abort) and remembers each delay.
import type { Sleep } from '../../src/engine/sleep.js';

export function recordedSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  const sleep: Sleep = (ms, signal) => {
    delays.push(ms);
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      setImmediate(resolve);
    });
  };
  return { sleep, delays };
}

/** A sleep that only ends when the signal aborts (a retry that would take forever). */
export const neverSleep: Sleep = (_ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });

export const settle = async (rounds = 5): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
};
