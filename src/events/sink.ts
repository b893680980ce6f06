// The EventsV1Sink contract (client-go tools/events EventSink): where events.k8s.io/v1 events are written.
import type { SinkCallOptions } from '../engine/call-options.js';
import type { EventsV1Event, EventsV1SeriesPatch } from './types.js';

/**
 * Where recorded events.k8s.io/v1 events are written. The broadcaster calls `create` and `patch` only (as
 * client-go); `update` completes the contract for other users.
 *
 * Error contract, the same as the core/v1 `EventSink`: a rejection carrying a numeric `code` (an HTTP
 * status, as client-node's `ApiException`) is final, except 409 AlreadyExists on the create of a series;
 * any other rejection (transport errors, timeouts) is retried. A `patch` rejected with 404 makes the
 * broadcaster `create` the event (with its series) instead. A `RequestConstructionError` (or any
 * status-less failure of a body that cannot be serialised) is final at once (`dropped.requestInvalid`).
 *
 * The broadcaster passes `options.signal`, aborted at the shutdown deadline: a sink should cancel its
 * request then (`EventsV1EventSink` does), so that no socket outlives `shutdown()`.
 *
 * @category Sinks
 */
export interface EventsV1Sink {
  /** Creates the event in `event.metadata.namespace`; resolves with the server's copy. */
  create(event: EventsV1Event, options?: SinkCallOptions): Promise<EventsV1Event>;
  /** Replaces the event (by name, in its namespace); resolves with the server's copy. */
  update(event: EventsV1Event, options?: SinkCallOptions): Promise<EventsV1Event>;
  /** Merge-patches the event named `event.metadata.name` with `patch`; resolves with the server's copy. */
  patch(event: EventsV1Event, patch: EventsV1SeriesPatch, options?: SinkCallOptions): Promise<EventsV1Event>;
  /** Optional: releases what the sink holds (kept connections); called once at the end of `shutdown()`. */
  close?(): Promise<void>;
}
