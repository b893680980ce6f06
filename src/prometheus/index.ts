/**
 * `kube-record/prometheus`: kube-record's counters as Prometheus metrics through `prom-client` (an
 * optional peer dependency: install it to use this entry point).
 *
 * @packageDocumentation
 * @module kube-record/prometheus
 */
export { EVENT_METRIC_NAMES, registerEventMetrics, type EventMetrics, type EventMetricsOptions, type EventStatsSource } from './collector.js';
// The stats types EventStatsSource names, so this entry point is complete on its own.
export type { DropCause, DropCounts } from '../shared/drop-cause.js';
export type { EventBroadcasterStats, SinkStats } from '../record/stats.js';
export type { EventSeriesStats, EventsV1BroadcasterStats, EventsV1DropCause, EventsV1DropCounts } from '../events/stats.js';
export type { EventsV1InvalidCode } from '../events/errors.js';
export type { InvalidEventCode } from '../shared/errors.js';
