// The units of work of the events.k8s.io/v1 writer: an occurrence to create, the PATCH that starts a
// series, and the series maintenance PATCHes; each queued with a ticket that holds its place in line.
import type { SeriesEntry, SeriesState } from './series-cache.js';
import type { EventsV1Event } from './types.js';

/** Why a series PATCH is written outside the occurrence path. */
export type SeriesMaintenance = 'heartbeat' | 'finish' | 'flush';

/** One unit of work for the sink. */
export type WriteJob =
  /** An occurrence to create (first occurrence, or every occurrence with `series: false`). */
  | { readonly kind: 'create'; readonly event: EventsV1Event }
  /** The second occurrence: PATCH `series` with the snapshot taken when it happened. */
  | { readonly kind: 'startSeries'; readonly entry: SeriesEntry; readonly snapshot: SeriesState }
  /** A heartbeat, finish or flush PATCH with the series' latest state. */
  | { readonly kind: SeriesMaintenance; readonly entry: SeriesEntry };

/** A queued job with its place in line, for `flush()`. */
export interface Ticket {
  readonly job: WriteJob;
  /** Index in queue order (every job queued gets one, even one dropped because the queue is full). */
  readonly index: number;
  /** Taken from the queue by the writer (it counts in `inFlight` until settled). */
  started: boolean;
  /** Its outcome is counted: later answers of the sink (after the shutdown deadline) are ignored. */
  settled: boolean;
}

/** The Event a job writes: the occurrence to create, or the first occurrence of its series. */
export function eventOf(job: WriteJob): EventsV1Event {
  return job.kind === 'create' ? job.event : job.entry.event;
}

/** The series state a job carries when it is given up: none, the snapshot of its start, or the latest. */
export function seriesOf(job: WriteJob): SeriesState | undefined {
  return job.kind === 'create' ? undefined : job.kind === 'startSeries' ? job.snapshot : job.entry.series;
}

/**
 * The ordering key of a job: the Event it writes (namespace/name). Every job of a series targets the Event
 * of its first occurrence, so its create, series start, heartbeats, finish and final count share one key
 * and are written in queue order; jobs of different Events may be written side by side.
 */
export function orderingKey(job: WriteJob): string {
  const metadata = eventOf(job).metadata;
  return `${metadata?.namespace ?? ''}/${metadata?.name ?? ''}`;
}
