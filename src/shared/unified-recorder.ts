// UnifiedEventRecorder: the call shape both API groups accept (client-go's tools/events EventRecorder), so
// a controller records the same way whichever group discovery picked.
import type { EventAnnotations, EventSubject, EventType, Logger } from './types.js';

/**
 * The Event API groups a recorder can write to: `events.k8s.io/v1` or the core group `v1`.
 *
 * @category events.k8s.io
 */
export type EventsApiGroup = 'events.k8s.io/v1' | 'v1';

/**
 * Records events in the events.k8s.io/v1 shape: `regarding`, optional `related`, `type`, `reason`,
 * `action` and a `note` formatted with Go `fmt` verbs. Implemented by the events.k8s.io/v1 recorder and by
 * the core/v1 adapter that {@link createEventRecorder} returns when events.k8s.io/v1 is not served.
 *
 * Every method returns at once and never throws: invalid input is logged and counted in the broadcaster's
 * `stats().dropped.invalid`.
 *
 * @example
 * ```ts
 * const { recorder } = await createEventRecorder(kc, { component: 'my-operator' });
 * recorder.eventf(pod, node, 'Normal', 'Scheduled', 'Binding', 'assigned %s to %s', pod.metadata.name, node.metadata.name);
 * ```
 *
 * @category events.k8s.io
 */
export interface UnifiedEventRecorder {
  /** The API group this recorder writes to. */
  readonly api: EventsApiGroup;
  /** `reportingController` (core/v1: `reportingComponent` and `source.component`). */
  readonly reportingController: string;
  /** `reportingInstance` (core/v1: also `source.host`). */
  readonly reportingInstance: string;
  /**
   * Records that `action` was taken (or failed) on `regarding` for `reason`; `note` is
   * `sprintf(note, ...args)`. `related` is an optional second object (e.g. the Node a Pod was bound to).
   */
  eventf(
    regarding: EventSubject,
    related: EventSubject | null | undefined,
    type: EventType,
    reason: string,
    action: string,
    note: string,
    ...args: unknown[]
  ): void;
  /** As `eventf`, and puts `annotations` on the event's metadata (meant for low-frequency correlation data). */
  annotatedEventf(
    regarding: EventSubject,
    related: EventSubject | null | undefined,
    annotations: EventAnnotations,
    type: EventType,
    reason: string,
    action: string,
    note: string,
    ...args: unknown[]
  ): void;
  /** A recorder that shares everything with this one but logs its drops to `logger`. */
  withLogger(logger: Logger): UnifiedEventRecorder;
}
