// Wraps a caller's watcher handler so that a throw or a rejection is logged and the next event still comes.
import type { LogFields, Logger } from './types.js';
import type { WatchConsumer } from '../watch/watcher.js';

/**
 * A watcher consumer that calls `handler` and logs (`Event handler failed`) instead of propagating its
 * failures. An async handler holds the next event back until it settles.
 */
export function guardedHandler<T>(
  handler: (event: T) => void | PromiseLike<void>,
  logger: Logger,
  describe: (event: T) => LogFields,
): WatchConsumer<T> {
  return (event) => {
    try {
      const out = handler(event);
      if (out && typeof out.then === 'function') {
        return out.then(undefined, (err: unknown) => logger.error('Event handler failed', { ...describe(event), error: errorText(err) }));
      }
    } catch (err) {
      logger.error('Event handler failed', { ...describe(event), error: errorText(err) });
    }
    return undefined;
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
