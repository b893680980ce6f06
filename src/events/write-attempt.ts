// One try of a write (client-go recordEvent): PATCH a series, CREATE otherwise or when the PATCH found no
// Event; and the bodies each sends.
import { classifyWriteFailure } from '../engine/request-construction.js';
import { statusBodyOf, statusOf } from '../engine/api-status.js';
import { formatMicroTime, toMicroTime } from './micro-time.js';
import type { SeriesEntry, SeriesState } from './series-cache.js';
import type { EventsV1Sink } from './sink.js';
import type { EventsV1Event, EventsV1SeriesPatch } from './types.js';
import type { Ticket } from './write-job.js';
import type { WriteLifecycle } from './write-lifecycle.js';

/** What one try did. */
export type Attempt =
  | {
      readonly ok: true;
      readonly op: 'created' | 'patched';
      /** The create body, or the Event patched. */
      readonly sent: EventsV1Event;
      /** The series state written, if any. */
      readonly series: SeriesState | undefined;
    }
  | { readonly ok: false; readonly error: unknown; readonly status: number | undefined; readonly alreadyExists: boolean };

/** A try cut short because its job was abandoned while it waited for the rate limit: the caller sees `ticket.settled`. */
const ABANDONED: Attempt = Object.freeze({ ok: false, error: undefined, status: undefined, alreadyExists: false });

/**
 * Writes `event` once: a PATCH of `series` when there is one, a CREATE (with `series`) when there is none
 * or the PATCH answered 404. Each API call first waits for the rate limit. Never rejects; an answer that
 * comes after the job was abandoned leaves `entry` alone.
 */
export async function attemptWrite(
  sink: EventsV1Sink,
  lifecycle: WriteLifecycle,
  ticket: Ticket,
  event: EventsV1Event,
  series: SeriesState | undefined,
  entry: SeriesEntry | undefined,
): Promise<Attempt> {
  const callOptions = lifecycle.callOptions;
  let error: unknown;
  if (series) {
    const wait = lifecycle.throttle();
    if (wait) {
      await wait;
      if (ticket.settled) return ABANDONED;
    }
    const patch = seriesPatch(series);
    try {
      await sink.patch(event, patch, callOptions);
      if (entry && !ticket.settled) entry.writtenCount = Math.max(entry.writtenCount, series.count);
      return { ok: true, op: 'patched', sent: event, series };
    } catch (err) {
      error = classifyWriteFailure(err, patch);
    }
    if (ticket.settled) return { ok: false, error, status: statusOf(error), alreadyExists: false };
  }
  if (!series || statusOf(error) === 404) {
    // The Event is gone (deleted, expired, or its create was lost): create it with its series. A
    // resourceVersion must not be sent on a create.
    const body = forCreate(event, series);
    const wait = lifecycle.throttle();
    if (wait) {
      await wait;
      if (ticket.settled) return ABANDONED;
    }
    try {
      await sink.create(body, callOptions);
      if (entry && series && !ticket.settled) entry.writtenCount = Math.max(entry.writtenCount, series.count);
      return { ok: true, op: 'created', sent: body, series };
    } catch (err) {
      // A body that cannot become JSON fails the same way every time: final, not retried.
      error = classifyWriteFailure(err, body);
    }
  }
  const status = statusOf(error);
  return { ok: false, error, status, alreadyExists: series !== undefined && status === 409 && isAlreadyExists(error) };
}

/** The merge patch body of a series: only `series` (every other field is immutable on events.k8s.io/v1). */
export function seriesPatch(series: SeriesState): EventsV1SeriesPatch {
  return { series: { count: series.count, lastObservedTime: formatMicroTime(series.lastObservedTime) } };
}

function forCreate(event: EventsV1Event, series: SeriesState | undefined): EventsV1Event {
  const metadata = event.metadata;
  let out = event;
  if (metadata?.resourceVersion !== undefined) {
    const { resourceVersion: _dropped, ...rest } = metadata;
    out = { ...out, metadata: rest };
  }
  if (series) out = { ...out, series: { count: series.count, lastObservedTime: toMicroTime(series.lastObservedTime) } };
  return out;
}

function isAlreadyExists(error: unknown): boolean {
  const reason = statusBodyOf(error)?.reason;
  return reason === undefined || reason === 'AlreadyExists';
}
