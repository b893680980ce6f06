// The operator's real waits (restart backoff, informer reconnect delay): a timer that ends early, without
// rejecting, when the operator stops.
import { setTimeout as delay } from 'node:timers/promises';
import type { Sleep } from 'kube-record';

/** Waits `ms`, or until `signal` aborts; never rejects, and clears its timer on abort. */
export const timerSleep: Sleep = (ms, signal) => delay(Math.max(0, ms), undefined, { signal }).then(
  () => undefined,
  () => undefined,
);
