// The EventSink contract (client-go's EventSink): where the recorder writes events.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { SinkCallOptions } from '../engine/call-options.js';
import type { EventPatch } from './event-log.js';

/**
 * Where recorded core/v1 events are written. The broadcaster only calls `create` and `patch` (as
 * client-go); `update` completes the contract for other users.
 *
 * Error contract: a rejection carrying a numeric `code` (an HTTP status, as client-node's
 * `ApiException` does) is final under `retryPolicy: 'client-go'` (the default retries 429 and 5xx); any
 * other rejection (transport errors, timeouts) is retried. A `patch` rejected with code 404 makes the
 * broadcaster `create` the event instead. A `RequestConstructionError` (the request could not be
 * built), or any status-less failure of a body that cannot be serialised to JSON, is final at once
 * (`dropped.requestInvalid`).
 *
 * @category Sinks
 */
export interface EventSink {
  /** Creates the event in `event.metadata.namespace`; resolves with the server's copy. */
  create(event: CoreV1Event, options?: SinkCallOptions): Promise<CoreV1Event>;
  /** Replaces the event (by name, in its namespace); resolves with the server's copy. */
  update(event: CoreV1Event, options?: SinkCallOptions): Promise<CoreV1Event>;
  /** Strategic-merge-patches the event named `event.metadata.name`; resolves with the server's copy. */
  patch(event: CoreV1Event, patch: EventPatch, options?: SinkCallOptions): Promise<CoreV1Event>;
  /** Optional: releases what the sink holds (kept connections); called once at the end of `shutdown()`. */
  close?(): Promise<void>;
}
