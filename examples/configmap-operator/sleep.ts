// The operator's real sleep: waits `ms`, or less when the signal aborts, and never rejects.
import { setTimeout as delay } from 'node:timers/promises';
import type { Sleep } from '../../src/index.js';

/** Resolves after `ms`, or as soon as `signal` aborts (Node's timer promise rejects then; we resolve). */
export const realSleep: Sleep = (ms, signal) => delay(Math.max(0, ms), undefined, { signal }).then(
  () => undefined,
  () => undefined,
);
