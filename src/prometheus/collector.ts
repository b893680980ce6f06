// Prometheus metrics for kube-record, read from `stats()` at scrape time: nothing runs on the recording
// path. prom-client is an optional peer dependency, needed only by this entry point.
import { Counter, Gauge, register as defaultRegistry, type Registry } from 'prom-client';
import type { EventsV1BroadcasterStats } from '../events/stats.js';
import type { EventBroadcasterStats } from '../record/stats.js';

/**
 * Anything with kube-record counters: an `EventBroadcaster` or an `EventsV1Broadcaster`.
 *
 * @category Observability
 */
export interface EventStatsSource {
  /** The broadcaster's counters (see `EventBroadcaster.stats()`, `EventsV1Broadcaster.stats()`). */
  stats(): EventBroadcasterStats | EventsV1BroadcasterStats;
}

/**
 * Options of {@link registerEventMetrics}.
 *
 * @category Observability
 */
export interface EventMetricsOptions {
  /** Registry to add the metrics to. Default: prom-client's global `register`. */
  readonly registry?: Registry | undefined;
  /** Prefix of every metric name. Default `kube_record_`. */
  readonly prefix?: string | undefined;
}

/**
 * What {@link registerEventMetrics} returns.
 *
 * @category Observability
 */
export interface EventMetrics {
  /** Removes the metrics from the registry. Idempotent. */
  unregister(): void;
}

/**
 * The metric names, without the prefix, and what they count.
 *
 * @category Observability
 */
export const EVENT_METRIC_NAMES = Object.freeze({
  /** Counter `{api}`: events accepted by a recorder. */
  accepted: 'events_accepted_total',
  /** Counter `{api, cause}`: events not written, by cause (queueFull, afterShutdown, invalid, spamFiltered, rejected, retriesExhausted, requestInvalid, shutdown). */
  dropped: 'events_dropped_total',
  /** Counter `{api, operation}`: writes that landed, `operation` `create` or `patch`. */
  written: 'events_written_total',
  /** Counter `{api, status}`: server rejections by HTTP status. */
  rejected: 'events_rejected_total',
  /** Counter `{api}`: failed attempts followed by another attempt. */
  retries: 'event_write_retries_total',
  /** Counter `{api}`: core/v1 events folded into an aggregate. */
  aggregated: 'events_aggregated_total',
  /** Counter `{api, action}`: events.k8s.io/v1 series work (started, counted, heartbeats, finished, flushed). */
  series: 'event_series_total',
  /** Gauge `{api}`: events queued or being written right now. */
  pending: 'events_pending',
} as const);

type Api = 'core/v1' | 'events.k8s.io/v1';

/**
 * Registers kube-record's metrics for `sources` (one or more broadcasters of either API; the `api` label
 * tells them apart, several of one API are summed). Values are read from `stats()` when the registry is
 * scraped, so recording pays nothing for them.
 *
 * @example
 * ```ts
 * import { register } from 'prom-client';
 * import { registerEventMetrics } from 'kube-record/prometheus';
 *
 * registerEventMetrics([broadcaster]);
 * // GET /metrics → res.end(await register.metrics())
 * ```
 * @throws Error from prom-client when metrics of the same names are already registered there.
 *
 * @category Observability
 */
export function registerEventMetrics(sources: EventStatsSource | readonly EventStatsSource[], options: EventMetricsOptions = {}): EventMetrics {
  const list: readonly EventStatsSource[] = Array.isArray(sources) ? sources : [sources as EventStatsSource];
  const registry = options.registry ?? defaultRegistry;
  const prefix = options.prefix ?? 'kube_record_';
  const name = (key: keyof typeof EVENT_METRIC_NAMES): string => prefix + EVENT_METRIC_NAMES[key];
  const snapshot = (): Array<{ api: Api; stats: EventBroadcasterStats | EventsV1BroadcasterStats }> =>
    list.map((s) => {
      const stats = s.stats();
      return { api: 'series' in stats ? 'events.k8s.io/v1' : 'core/v1', stats };
    });
  const counter = (key: keyof typeof EVENT_METRIC_NAMES, help: string, labelNames: string[], read: (add: Add) => void): Counter =>
    new Counter({
      name: name(key),
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        read((labels, value) => this.inc(labels, value));
      },
    });

  counter('accepted', 'Events accepted by a kube-record recorder.', ['api'], (add) => {
    for (const { api, stats } of snapshot()) add({ api }, stats.accepted);
  });
  counter('dropped', 'Events kube-record did not write, by cause.', ['api', 'cause'], (add) => {
    for (const { api, stats } of snapshot()) for (const [cause, n] of Object.entries(stats.dropped)) add({ api, cause }, n);
  });
  counter('written', 'Event writes that landed on the API server, by operation.', ['api', 'operation'], (add) => {
    for (const { api, stats } of snapshot()) {
      add({ api, operation: 'create' }, stats.created);
      add({ api, operation: 'patch' }, stats.patched);
    }
  });
  counter('rejected', 'Event writes the API server rejected, by HTTP status.', ['api', 'status'], (add) => {
    for (const { api, stats } of snapshot()) for (const [status, n] of Object.entries(rejectedByStatus(stats))) add({ api, status }, n);
  });
  counter('retries', 'Failed event write attempts that were retried.', ['api'], (add) => {
    for (const { api, stats } of snapshot()) add({ api }, stats.retried);
  });
  counter('aggregated', 'core/v1 events folded into an aggregate event.', ['api'], (add) => {
    for (const { api, stats } of snapshot()) if ('aggregated' in stats) add({ api }, stats.aggregated);
  });
  counter('series', 'events.k8s.io/v1 series work, by action.', ['api', 'action'], (add) => {
    for (const { api, stats } of snapshot()) {
      if (!('series' in stats)) continue;
      const s = stats.series;
      for (const [action, n] of [['started', s.started], ['counted', s.counted], ['heartbeat', s.heartbeats], ['finished', s.finished], ['flushed', s.flushed]] as const) {
        add({ api, action }, n);
      }
    }
  });
  new Gauge({
    name: name('pending'),
    help: 'Events queued or being written right now.',
    labelNames: ['api'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { api, stats } of snapshot()) this.inc({ api }, pendingOf(stats));
    },
  });
  let registered = true;
  return {
    unregister: () => {
      if (!registered) return;
      registered = false;
      for (const key of Object.keys(EVENT_METRIC_NAMES) as Array<keyof typeof EVENT_METRIC_NAMES>) registry.removeSingleMetric(name(key));
    },
  };
}

type Add = (labels: Record<string, string>, value: number) => void;

function rejectedByStatus(stats: EventBroadcasterStats | EventsV1BroadcasterStats): Readonly<Record<string, number>> {
  if ('rejectedByStatus' in stats) return stats.rejectedByStatus;
  const total: Record<string, number> = {};
  for (const sink of stats.sinks) for (const [status, n] of Object.entries(sink.rejectedByStatus)) total[status] = (total[status] ?? 0) + n;
  return total;
}

function pendingOf(stats: EventBroadcasterStats | EventsV1BroadcasterStats): number {
  if ('pending' in stats) return stats.pending;
  return stats.sinks.reduce((n, s) => n + s.pending, 0);
}
