// Public surface of the write engine: retry policy, sleep seam, write outcomes and the diagnostics channels.
export { DIAGNOSTICS_CHANNELS, type DiagnosticKind, type EventDiagnostic } from './diagnostics.js';
export { cutToDeadline, type FlushOptions, type FlushResult, type WriteOutcome, type WriteOutcomeKind } from './outcomes.js';
export type { SinkCallOptions } from './call-options.js';
export { realSleep, type Sleep } from './sleep.js';
export {
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  parseRetryAfter,
  RetryPolicy,
  type ClientGoDelay,
  type RetryDecision,
  type RetryOptions,
  type RetryPolicyName,
} from './retry-policy.js';
