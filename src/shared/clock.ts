// The real clock, the default of every `clock` option (broadcasters, correlators, rate limits); tests inject
// their own, so no timestamp depends on wall-clock time.
import type { Clock } from './types.js';

/** The real clock. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });
