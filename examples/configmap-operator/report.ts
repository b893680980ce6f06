// What a run produced, for people: a `kubectl get events`-style table and a one-line summary of
// the broadcaster's counters.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { EventBroadcasterStats, EventsV1BroadcasterStats } from 'kube-record';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/**
 * Formats an age the way kubectl does (apimachinery `duration.HumanDuration`): `59s`, `119s`, `2m5s`,
 * `45m`, `3h20m`, `2d5h`, … A clock skew of up to one second reads `0s`; more reads `<invalid>`.
 *
 * @example
 * ```ts
 * humanDuration(3_400);   // '3s'
 * humanDuration(125_000); // '2m5s'
 * ```
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(ms / DAY);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(ms / YEAR);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

function timeOf(value: Date | undefined): number {
  return value instanceof Date ? value.getTime() : 0;
}

/**
 * Renders events as `kubectl get events --sort-by=.lastTimestamp` would, with a COUNT column: oldest
 * first; ties (timestamps have one-second resolution) broken by first timestamp, then name. Columns are
 * padded like kubectl's tabwriter (three spaces); the message is last and never truncated.
 *
 * @example
 * ```ts
 * console.log(formatEventsTable((await core.listNamespacedEvent({ namespace: 'default' })).items, new Date()));
 * // LAST SEEN   TYPE      REASON        OBJECT                      COUNT   MESSAGE
 * // 3s          Normal    Validated     configmap/app-config        1       all 3 required keys present
 * // 3s          Warning   MissingKeys   configmap/payments-config   1       missing required keys: [api-key timeout]
 * ```
 */
export function formatEventsTable(events: readonly CoreV1Event[], now: Date): string {
  const sorted = [...events].sort(
    (a, b) =>
      timeOf(a.lastTimestamp) - timeOf(b.lastTimestamp) ||
      timeOf(a.firstTimestamp) - timeOf(b.firstTimestamp) ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
  const rows: string[][] = [['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'COUNT', 'MESSAGE']];
  for (const e of sorted) {
    const last = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
    rows.push([
      last instanceof Date ? humanDuration(now.getTime() - last.getTime()) : '<unknown>',
      e.type ?? '',
      e.reason ?? '',
      `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`,
      String(e.count ?? 1),
      e.message ?? '',
    ]);
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows
    .map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]! + 3))).join(''))
    .join('\n');
}

/**
 * One line with the counters that tell whether the recorder kept up: accepted, written (created,
 * patched), then for core/v1 aggregated and spam-filtered, for events.k8s.io/v1 the series begun, and
 * every other loss under `dropped`.
 *
 * @example
 * ```ts
 * formatStatsSummary(broadcaster.stats());
 * // core/v1:          'events: accepted 33, created 13, patched 18, aggregated 4, spam-filtered 2, dropped 0'
 * // events.k8s.io/v1: 'events.k8s.io: accepted 33, created 13, patched 5, series 5, dropped 0'
 * ```
 */
export function formatStatsSummary(stats: EventBroadcasterStats | EventsV1BroadcasterStats): string {
  const dropped = Object.entries(stats.dropped).reduce((n, [cause, count]) => (cause === 'spamFiltered' ? n : n + count), 0);
  if ('series' in stats) {
    return `events.k8s.io: accepted ${stats.accepted}, created ${stats.created}, patched ${stats.patched}, series ${stats.series.started}, dropped ${dropped}`;
  }
  return (
    `events: accepted ${stats.accepted}, created ${stats.created}, patched ${stats.patched}, ` +
    `aggregated ${stats.aggregated}, spam-filtered ${stats.spamFiltered}, dropped ${dropped}`
  );
}

/** Writes queued or in flight, over every sink of either broadcaster. */
export function pendingWrites(stats: EventBroadcasterStats | EventsV1BroadcasterStats): number {
  return 'series' in stats ? stats.pending : stats.sinks.reduce((n, sink) => n + sink.pending, 0);
}
