// Typed errors of events.k8s.io/v1 recording. Each carries a stable `code` a caller can switch on;
// `eventf` never throws them (it logs and counts), the broadcaster does.
import type { InvalidEventCode } from '../shared/errors.js';

/**
 * Why an events.k8s.io/v1 event could not be built from the caller's input. The reference codes come from
 * `getReference`; the others mirror a server validation rule (pkg/apis/core/validation/events.go), checked
 * before sending so the event is dropped with a clear reason instead of a 422 from the server.
 *
 * @category events.k8s.io
 */
export type EventsV1InvalidCode =
  | InvalidEventCode
  /** `reason` is empty: the server requires it when eventTime is set. */
  | 'MissingReason'
  /** `reason` is longer than 128 bytes (`ReasonLengthLimit`). */
  | 'ReasonTooLong'
  /** `action` is empty: the server requires it when eventTime is set. */
  | 'MissingAction'
  /** `action` is longer than 128 bytes (`ActionLengthLimit`). */
  | 'ActionTooLong'
  /** `reportingInstance` is empty or longer than 128 bytes (`ReportingInstanceLengthLimit`). */
  | 'InvalidReportingInstance'
  /** `reportingController` is not a qualified name (e.g. `example.com/my-operator` or `my-operator`). */
  | 'InvalidReportingController';

/**
 * The caller's input cannot become an events.k8s.io/v1 Event; the event is dropped (cause `invalid`).
 *
 * @example
 * The recorder never throws it: the event is logged (with `code`) and counted by code in `stats().invalid`.
 * ```ts
 * const broadcaster = new EventsV1Broadcaster({ sink: new EventsV1EventSink(kc) });
 * broadcaster.startRecording();
 * const recorder = broadcaster.newRecorder('example.com/my-operator');
 * recorder.eventf(pod, undefined, 'Normal', 'X'.repeat(200), 'Syncing', 'synced');
 * broadcaster.stats().invalid; // { ReasonTooLong: 1 }
 * ```
 *
 * @category events.k8s.io
 */
export class InvalidEventsV1EventError extends Error {
  /** Stable identifier for `switch` statements. */
  readonly code: EventsV1InvalidCode;

  constructor(code: EventsV1InvalidCode, message: string) {
    super(message);
    this.name = 'InvalidEventsV1EventError';
    this.code = code;
  }
}

/**
 * Thrown by {@link EventsV1Broadcaster.startRecording} when recording already started: one broadcaster
 * writes to one sink (client-go: "already recording to a sink").
 *
 * @example
 * ```ts
 * const broadcaster = new EventsV1Broadcaster({ sink: new EventsV1EventSink(kc) });
 * broadcaster.startRecording();
 * try {
 *   broadcaster.startRecording();
 * } catch (err) {
 *   if (err instanceof AlreadyRecordingError) console.log(err.code); // 'AlreadyRecording'
 * }
 * ```
 *
 * @category events.k8s.io
 */
export class AlreadyRecordingError extends Error {
  /** Stable identifier for `switch` statements. */
  readonly code = 'AlreadyRecording' as const;

  constructor() {
    super('events.k8s.io/v1 broadcaster is already recording to its sink');
    this.name = 'AlreadyRecordingError';
  }
}
