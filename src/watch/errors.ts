// Errors raised by the generic broadcaster. Each carries a stable `code` a caller can switch on.

/**
 * Thrown (or rejected with) by {@link Broadcaster} operations attempted after `shutdown()`:
 * `action`, `actionOrDrop` and `watch`. The equivalent of apimachinery's
 * "broadcaster already stopped" error.
 *
 * @example
 * ```ts
 * const b = new Broadcaster<string>({ queueLength: 10, fullChannelBehavior: 'drop' });
 * await b.shutdown();
 * try {
 *   b.watch();
 * } catch (err) {
 *   if (err instanceof BroadcasterStoppedError) console.log(err.code); // 'BroadcasterStopped'
 * }
 * ```
 *
 * @category Watch
 */
export class BroadcasterStoppedError extends Error {
  /** Stable identifier for `switch` statements. */
  readonly code = 'BroadcasterStopped' as const;

  constructor(message = 'broadcaster already stopped') {
    super(message);
    this.name = 'BroadcasterStoppedError';
  }
}
