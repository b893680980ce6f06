// Why an event was not written: the drop causes both event APIs count, log and publish, and their zeroed
// counts. events.k8s.io/v1 uses every cause but `spamFiltered`.

/**
 * Why an event was not written.
 *
 * @category Observability
 */
export type DropCause =
  /** A bounded queue was full (the broadcaster's incoming queue or a sink's queue). */
  | 'queueFull'
  /** `event*` was called after `shutdown()`. */
  | 'afterShutdown'
  /** The caller's input could not become an event (no reference, unsupported type). */
  | 'invalid'
  /** The correlator's spam filter skipped it. */
  | 'spamFiltered'
  /** The API server answered with an HTTP error status (final). */
  | 'rejected'
  /** Every try failed with a retryable error. */
  | 'retriesExhausted'
  /**
   * The request could not be built or serialised (e.g. a BigInt or a cyclic value in it): final at
   * once, nothing reached the server (client-go's RequestConstructionError).
   */
  | 'requestInvalid'
  /** Abandoned because the broadcaster shut down (a retry cut short, or still queued at the deadline). */
  | 'shutdown';

/**
 * Drop counts by cause.
 *
 * @category Observability
 */
export type DropCounts = { readonly [cause in DropCause]: number };

/** Zeroed drop counts. */
export function emptyDropCounts(): { [cause in DropCause]: number } {
  return { queueFull: 0, afterShutdown: 0, invalid: 0, spamFiltered: 0, rejected: 0, retriesExhausted: 0, requestInvalid: 0, shutdown: 0 };
}
