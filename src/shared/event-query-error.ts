// The typed error of reading events back (getFieldSelector, listEventsFor): a `code` to switch on, and the
// HTTP status and server message when the API server refused the list.

/**
 * Why events about an object could not be selected or listed.
 *
 * @category Recording
 */
export type EventQueryErrorCode =
  /** The object or reference is not usable: not an object, no name, a field that is not a string. */
  | 'InvalidSubject'
  /** An option has the wrong type or value (`api`, `namespace`, `pageSize`). */
  | 'InvalidOptions'
  /** The API server answered the list with an HTTP error (see `status`, `reason`). */
  | 'ListFailed'
  /** The list request did not get an answer (connection refused, reset, aborted). */
  | 'TransportError';

/**
 * Thrown (or rejected with) by {@link getFieldSelector} and `listEventsFor`.
 *
 * @example
 * ```ts
 * try {
 *   const events = await listEventsFor(kc, pod);
 *   for (const e of events) console.log(e.type, e.reason, e.message);
 * } catch (err) {
 *   if (err instanceof EventQueryError && err.code === 'ListFailed') console.error(`list failed: ${err.status}`);
 *   else throw err;
 * }
 * ```
 *
 * @category Recording
 */
export class EventQueryError extends Error {
  /** Stable identifier for `switch` statements. */
  readonly code: EventQueryErrorCode;
  /** HTTP status of a `ListFailed` error (e.g. 403, 400). */
  readonly status: number | undefined;
  /** The server's `Status.reason` of a `ListFailed` error (e.g. `Forbidden`), when it sent one. */
  readonly reason: string | undefined;

  constructor(code: EventQueryErrorCode, message: string, details: { status?: number; reason?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'EventQueryError';
    this.code = code;
    this.status = details.status;
    this.reason = details.reason;
  }
}

/** A short, never-throwing description of a caller's value for error messages (BigInt, symbols and cycles included). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
