// Public part of the write engine: retry tuning, the sleep seam, write outcomes, typed errors and the
// diagnostics channels. What is not listed here is internal.
//
// The engine turns "an event to write" into API calls — ordered, rate-limited, retried, cut by deadlines,
// accounted for flush() and reported — without knowing which Event API it writes. Each API plugs in
// three things (ARCHITECTURE.md, "The engine's plug-in interface"):
//   key      — the string that orders its writes: OrderedSlots.take(job, key, run) runs the writes of one
//              key one after the other (core/v1: sink-pipeline.ts, `namespace/name` of the Event;
//              events.k8s.io: write-job.ts orderingKey()).
//   send     — its sink's create/patch, called with SinkCallOptions (call-options.ts: a signal aborted at
//              the shutdown deadline) over the client-node transport (sink-transport.ts).
//   classify — what a rejection means: api-status.ts reads its status, headers and Status body, and
//              RetryPolicy.decide(error, tries) says final or retry after how long.
// In return the engine gives both the same pacing (write-options.ts writeLimiter → rate-limiter.ts,
// sleep.ts, deadline.ts, outcomes.ts cutToDeadline, shutdown-once.ts, close-sinks.ts) and the same
// reporting (outcome-stream.ts writes$, diagnostics.ts channels, drop-reporter.ts, flush-tracker.ts).
// The engine imports neither event API (npm run deps:check).
export { DIAGNOSTICS_CHANNELS, type DiagnosticKind, type EventDiagnostic } from './diagnostics.js';
export type { FlushOptions, FlushResult, WriteOutcome, WriteOutcomeKind } from './outcomes.js';
export type { SinkCallOptions } from './call-options.js';
export type { Sleep } from './sleep.js';
export { InvalidDurationError } from './timer-delay.js';
export { RequestConstructionError } from './request-construction.js';
export {
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  type RetryOptions,
  type RetryPolicyName,
} from './retry-policy.js';
