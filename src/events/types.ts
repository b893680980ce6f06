// Shared vocabulary of events.k8s.io/v1 recording: the event object and the series patch body.
import type { EventsV1Event, EventsV1EventSeries } from '@kubernetes/client-node';

/**
 * The body of every series PATCH (`application/merge-patch+json`): only `series`, since every other field
 * of an events.k8s.io/v1 Event is immutable. `lastObservedTime` is already a MicroTime string
 * (6 fractional digits), so the body serialises the same with every client.
 *
 * @category events.k8s.io
 */
export interface EventsV1SeriesPatch {
  /** The series as it stands now. */
  series: {
    /** Occurrences so far, counting the first one (always at least 2: the server rejects less). */
    count: number;
    /** The latest occurrence, e.g. `2026-11-24T10:00:01.000000Z`. */
    lastObservedTime: string;
  };
}

export type { EventsV1Event, EventsV1EventSeries };
