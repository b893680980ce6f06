// Counters behind `EventBroadcaster.stats()`: every event accepted, written, or lost, with the cause.
import { emptyDropCounts, type DropCause, type DropCounts } from '../shared/drop-cause.js';

/**
 * Counters of one sink (one `startRecordingToSink` call).
 *
 * @category Observability
 */
export interface SinkStats {
  /** The sink's name (`options.name`, else `sink-<n>`). */
  readonly name: string;
  /** Events this sink took from its queue (written, skipped, or failed). */
  readonly received: number;
  /** Events written by a create (including a create after a patch answered 404). */
  readonly created: number;
  /** Events written by a count patch. */
  readonly patched: number;
  /** Events folded into an aggregate (`(combined from similar events): …`). */
  readonly aggregated: number;
  /** Retries: failed attempts followed by another attempt. */
  readonly retried: number;
  /** Events lost, by cause (only the causes a sink can have are non-zero). */
  readonly dropped: DropCounts;
  /** Server rejections by HTTP status, e.g. `{ "409": 1 }`. */
  readonly rejectedByStatus: Readonly<Record<string, number>>;
  /** Events definitively not written after reaching the sink: rejected + retriesExhausted + requestInvalid + shutdown. */
  readonly failed: number;
  /** Events queued or being written right now. */
  readonly pending: number;
}

/**
 * Snapshot returned by `EventBroadcaster.stats()`.
 *
 * @category Observability
 */
export interface EventBroadcasterStats {
  /** Events accepted into the broadcaster. */
  readonly accepted: number;
  /** Events lost, by cause, over the recorder and every sink. */
  readonly dropped: DropCounts;
  /** Events skipped by the spam filters (same as `dropped.spamFiltered`). */
  readonly spamFiltered: number;
  /** Events folded into aggregates, over every sink. */
  readonly aggregated: number;
  /** Creates, over every sink. */
  readonly created: number;
  /** Count patches, over every sink. */
  readonly patched: number;
  /** Events that reached a sink and were not written (rejected, retries exhausted, request invalid, shutdown). */
  readonly failed: number;
  /** Retries, over every sink. */
  readonly retried: number;
  /** Per-sink counters, in the order the sinks were started. */
  readonly sinks: readonly SinkStats[];
}

/** Mutable counters of one sink. */
export class SinkCounters {
  readonly name: string;
  received = 0;
  created = 0;
  patched = 0;
  aggregated = 0;
  retried = 0;
  readonly dropped = emptyDropCounts();
  readonly rejectedByStatus: Record<string, number> = {};

  constructor(name: string) {
    this.name = name;
  }

  reject(status: number): void {
    this.dropped.rejected++;
    this.rejectedByStatus[String(status)] = (this.rejectedByStatus[String(status)] ?? 0) + 1;
  }

  /** @param pending - events queued or being written right now. */
  snapshot(pending: number): SinkStats {
    const d = this.dropped;
    return {
      name: this.name,
      received: this.received,
      created: this.created,
      patched: this.patched,
      aggregated: this.aggregated,
      retried: this.retried,
      dropped: { ...d },
      rejectedByStatus: { ...this.rejectedByStatus },
      failed: d.rejected + d.retriesExhausted + d.requestInvalid + d.shutdown,
      pending,
    };
  }
}

/** Adds the sinks' counters to the broadcaster's own. */
export function totalStats(accepted: number, own: DropCounts, sinks: readonly SinkStats[]): EventBroadcasterStats {
  const dropped = { ...own };
  let aggregated = 0;
  let created = 0;
  let patched = 0;
  let failed = 0;
  let retried = 0;
  for (const s of sinks) {
    for (const cause of Object.keys(dropped) as DropCause[]) dropped[cause] += s.dropped[cause];
    aggregated += s.aggregated;
    created += s.created;
    patched += s.patched;
    failed += s.failed;
    retried += s.retried;
  }
  return { accepted, dropped, spamFiltered: dropped.spamFiltered, aggregated, created, patched, failed, retried, sinks };
}
