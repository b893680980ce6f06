/**
 * `kube-record/prometheus`: kube-record's counters as Prometheus metrics through `prom-client` (an
 * optional peer dependency: install it to use this entry point).
 * @packageDocumentation
 */
export { EVENT_METRIC_NAMES, registerEventMetrics, type EventMetrics, type EventMetricsOptions, type EventStatsSource } from './collector.js';
