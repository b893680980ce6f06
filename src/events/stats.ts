// Counters behind `EventsV1Broadcaster.stats()`: the core/v1 vocabulary (accepted, dropped by cause,
// created, patched, failed, retried) plus what series add.
import type { DropCause } from '../shared/drop-cause.js';
import type { EventsV1InvalidCode } from './errors.js';

/**
 * Why an occurrence was not written: core/v1's causes minus the spam filter, which events.k8s.io/v1 has not.
 *
 * @category Observability
 */
export type EventsV1DropCause = Exclude<DropCause, 'spamFiltered'>;

/**
 * Drop counts by cause.
 *
 * @category Observability
 */
export type EventsV1DropCounts = { readonly [cause in EventsV1DropCause]: number };

/**
 * What series did (see `docs/events-v1.md`).
 *
 * @category Observability
 */
export interface EventSeriesStats {
  /** Series begun: second isomorphic occurrences, each sent as one `series` PATCH (count 2). */
  readonly started: number;
  /** Third and later occurrences, counted into a cached series without an API call. */
  readonly counted: number;
  /** Heartbeat PATCHes written (every 30 min, for each live series). */
  readonly heartbeats: number;
  /** Series finished after more than 6 min of silence: final PATCH written, entry evicted. */
  readonly finished: number;
  /** Final counts written because of `shutdown()` or because the LRU bound pushed a series out. */
  readonly flushed: number;
  /**
   * Heartbeat, finish and final-count PATCHes that were not written: failed, dropped because the write queue
   * was full, or abandoned at the shutdown deadline. Heartbeat and finish get one attempt (client-go); a
   * final count is retried under `retryPolicy: 'server-aware'`.
   */
  readonly failedWrites: number;
  /** Cache entries pushed out by the LRU bound (`cacheSize`) before the sweep reached them. */
  readonly evicted: number;
  /** Cache entries (singletons and series) right now. */
  readonly cached: number;
}

/**
 * Snapshot returned by `EventsV1Broadcaster.stats()`.
 *
 * @category Observability
 */
export interface EventsV1BroadcasterStats {
  /** Occurrences accepted into the broadcaster. */
  readonly accepted: number;
  /** Occurrences lost, by cause (`invalid` at the recorder, the others at the sink). */
  readonly dropped: EventsV1DropCounts;
  /** `dropped.invalid` broken down by error code, e.g. `{ ReasonTooLong: 1 }`. */
  readonly invalid: Readonly<Partial<Record<EventsV1InvalidCode, number>>>;
  /** Notes cut to 1024 bytes (the event was still recorded). */
  readonly notesTruncated: number;
  /** Successful creates (including the create after a series PATCH answered 404). */
  readonly created: number;
  /** Successful PATCHes of every kind: series start, heartbeat, finish, flush. */
  readonly patched: number;
  /** Occurrences that reached the sink and were not written: rejected + retriesExhausted + shutdown. */
  readonly failed: number;
  /** Retries: failed attempts followed by another attempt (final-count PATCHes included). */
  readonly retried: number;
  /** Server rejections by HTTP status, e.g. `{ "403": 1 }`. */
  readonly rejectedByStatus: Readonly<Record<string, number>>;
  /** Writes queued or in flight right now. */
  readonly pending: number;
  /** Series counters. */
  readonly series: EventSeriesStats;
}

/** Zeroed drop counts. */
export function emptyEventsV1DropCounts(): { [cause in EventsV1DropCause]: number } {
  return { queueFull: 0, afterShutdown: 0, invalid: 0, rejected: 0, retriesExhausted: 0, requestInvalid: 0, shutdown: 0 };
}

/** The mutable counters of one broadcaster (recorder side and sink side). */
export class EventsV1Counters {
  accepted = 0;
  notesTruncated = 0;
  created = 0;
  patched = 0;
  retried = 0;
  inFlight = 0;
  readonly dropped = emptyEventsV1DropCounts();
  readonly invalid: Partial<Record<EventsV1InvalidCode, number>> = {};
  readonly rejectedByStatus: Record<string, number> = {};
  readonly series = { started: 0, counted: 0, heartbeats: 0, finished: 0, flushed: 0, failedWrites: 0, evicted: 0 };

  /** Counts one occurrence dropped as invalid, under its code. */
  rejectInvalid(code: EventsV1InvalidCode): void {
    this.dropped.invalid++;
    this.invalid[code] = (this.invalid[code] ?? 0) + 1;
  }

  /** Counts one server rejection under its status (the occurrence drop is counted by the caller). */
  rejectStatus(status: number): void {
    this.rejectedByStatus[String(status)] = (this.rejectedByStatus[String(status)] ?? 0) + 1;
  }

  snapshot(queued: number, cached: number): EventsV1BroadcasterStats {
    const d = this.dropped;
    return {
      accepted: this.accepted,
      dropped: { ...d },
      invalid: { ...this.invalid },
      notesTruncated: this.notesTruncated,
      created: this.created,
      patched: this.patched,
      failed: d.rejected + d.retriesExhausted + d.requestInvalid + d.shutdown,
      retried: this.retried,
      rejectedByStatus: { ...this.rejectedByStatus },
      pending: queued + this.inFlight,
      series: { ...this.series, cached },
    };
  }
}
