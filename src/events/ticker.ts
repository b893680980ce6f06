// The ticker seam: the periodic series heartbeat and finish sweep run through it, so tests drive them
// deterministically and shutdown can cancel them.

/**
 * Calls `onTick` every `periodMs` milliseconds until the returned function is called. Must not call
 * `onTick` after that, and must leave no timer behind.
 *
 * @category events.k8s.io
 */
export type Ticker = (periodMs: number, onTick: () => void) => () => void;

/**
 * The real ticker: `setInterval`, unref'd so a forgotten broadcaster does not keep the process alive
 * (client-go's goroutines never hold a Go process open either).
 */
export const realTicker: Ticker = (periodMs, onTick) => {
  const timer = setInterval(onTick, periodMs);
  timer.unref();
  return () => clearInterval(timer);
};
