// The API server's events.k8s.io/v1 field rules (pkg/apis/core/validation/events.go), checked before an
// event is queued so a bad event is dropped with a clear code instead of failing later with a 422.
import { isDnsSubdomain } from '../shared/event-name.js';
import { truncateText } from '../shared/message-limit.js';
import { InvalidEventsV1EventError } from './errors.js';

/** Longest `reason` the server accepts, in bytes (`ReasonLengthLimit`). */
export const REASON_LENGTH_LIMIT = 128;
/** Longest `action` the server accepts, in bytes (`ActionLengthLimit`). */
export const ACTION_LENGTH_LIMIT = 128;
/** Longest `reportingInstance` the server accepts, in bytes (`ReportingInstanceLengthLimit`). */
export const REPORTING_INSTANCE_LENGTH_LIMIT = 128;
/** Longest `note` the server accepts, in bytes (`NoteLengthLimit`); longer notes are truncated, not dropped. */
export const NOTE_LENGTH_LIMIT = 1024;
/** What a truncated note ends with, as the scheduler's `truncateMessage` does. */
export const NOTE_TRUNCATION_SUFFIX = ' ...';

/** The name part of a qualified name (apimachinery `qualifiedNameFmt`), at most 63 characters. */
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_PART_MAX = 63;

const encoder = new TextEncoder();

/** Length in UTF-8 bytes: the server measures with Go's `len(string)`. */
export function byteLength(value: string): number {
  // Fast path: an all-ASCII string has as many bytes as UTF-16 units.
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0x7f) return encoder.encode(value).length;
  }
  return value.length;
}

/**
 * Truncates `note` to {@link NOTE_LENGTH_LIMIT} bytes ending in `' ...'`, as kube-scheduler does, or
 * returns it unchanged when it fits. Unlike Go's byte slicing, a multi-byte character is never cut in half
 * (the result would not be valid UTF-8), so the result may be a few bytes shorter than the limit. Reads at
 * most the first 1024 characters, whatever the note's length.
 */
export function truncateNote(note: string): string {
  return truncateText(note, NOTE_LENGTH_LIMIT);
}

/** Longest value whose exact byte length an error message states; longer ones are not scanned (bounded cost). */
const MEASURED_MAX = 64 * 1024;

/** `N bytes` for an error message, without scanning a huge value. */
function sizeText(value: string): string {
  return value.length > MEASURED_MAX ? `more than ${MEASURED_MAX} bytes` : `${byteLength(value)} bytes`;
}

/** Whether `value` is a Kubernetes qualified name: `name` or `prefix/name`, prefix a DNS subdomain. */
export function isQualifiedName(value: string): boolean {
  const slash = value.indexOf('/');
  const name = slash < 0 ? value : value.slice(slash + 1);
  if (slash >= 0) {
    const prefix = value.slice(0, slash);
    if (prefix === '' || !isDnsSubdomain(prefix) || name.includes('/')) return false;
  }
  return name.length <= QUALIFIED_NAME_PART_MAX && QUALIFIED_NAME_PART.test(name);
}

/**
 * Checks the reporter identity of a recorder once, at `newRecorder`: returns the error every event of that
 * recorder will be dropped with, or undefined when the identity is valid.
 */
export function validateReporter(reportingController: unknown, reportingInstance: unknown): InvalidEventsV1EventError | undefined {
  if (typeof reportingController !== 'string' || !isQualifiedName(reportingController)) {
    return new InvalidEventsV1EventError(
      'InvalidReportingController',
      `reportingController ${describeValue(reportingController)} is not a qualified name: use e.g. 'my-operator' or 'example.com/my-operator'`,
    );
  }
  if (typeof reportingInstance !== 'string' || reportingInstance === '' || reportingInstance.length > REPORTING_INSTANCE_LENGTH_LIMIT || byteLength(reportingInstance) > REPORTING_INSTANCE_LENGTH_LIMIT) {
    return new InvalidEventsV1EventError(
      'InvalidReportingInstance',
      `reportingInstance must be a string of 1 to ${REPORTING_INSTANCE_LENGTH_LIMIT} bytes, got ${typeof reportingInstance === 'string' ? sizeText(reportingInstance) : describeValue(reportingInstance)}: ` +
        `pass a shorter { reportingInstance } to newRecorder (the default is '<controller>-<hostname>')`,
    );
  }
  return undefined;
}

/** A caller's value for an error message: a string quoted (its first 253 characters), anything else by type. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 253));
  return value === null ? 'null' : `of type ${typeof value}`;
}

/** Checks `reason` and `action` of one event; returns the error to drop it with, or undefined. */
export function validateReasonAndAction(reason: unknown, action: unknown): InvalidEventsV1EventError | undefined {
  if (typeof reason !== 'string' || reason === '') {
    return new InvalidEventsV1EventError('MissingReason', 'reason is required (a short UpperCamelCase word, e.g. Started)');
  }
  if (reason.length > REASON_LENGTH_LIMIT || byteLength(reason) > REASON_LENGTH_LIMIT) {
    return new InvalidEventsV1EventError('ReasonTooLong', `reason is ${sizeText(reason)}, at most ${REASON_LENGTH_LIMIT} are allowed`);
  }
  if (typeof action !== 'string' || action === '') {
    return new InvalidEventsV1EventError('MissingAction', 'action is required (what the controller did, e.g. Scheduling)');
  }
  if (action.length > ACTION_LENGTH_LIMIT || byteLength(action) > ACTION_LENGTH_LIMIT) {
    return new InvalidEventsV1EventError('ActionTooLong', `action is ${sizeText(action)}, at most ${ACTION_LENGTH_LIMIT} are allowed`);
  }
  return undefined;
}
