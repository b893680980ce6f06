// Typed errors of the recorder. `eventf` never throws them: it logs and counts them as drops. They are
// thrown by the helpers callers may use directly (getReference) and carried in diagnostics.

/**
 * Why an event could not be built from the caller's input.
 *
 * @category Recording
 */
export type InvalidEventCode =
  /** Not an object (null, a number, …), or an object that is neither a Kubernetes object nor a V1ObjectReference. */
  | 'InvalidObject'
  /** A Kubernetes object (it has `metadata`) without `apiVersion` or `kind`: there is no scheme to look them up. */
  | 'MissingTypeMeta'
  /** A Kubernetes object without `metadata.name`. */
  | 'MissingName'
  /** A V1ObjectReference the API server would refuse: a field that is not a string, or a namespace that is not a DNS-1123 label. */
  | 'InvalidReference'
  /** Reading the object threw (a throwing getter, a Proxy whose trap throws, a revoked Proxy). */
  | 'UnreadableObject'
  /** `type` is neither `Normal` nor `Warning`. */
  | 'UnsupportedType'
  /** core/v1: `reason` is not a string. */
  | 'InvalidReason'
  /** core/v1: the message of `event` (taken verbatim) is not a string. */
  | 'InvalidMessage'
  /** `annotatedEventf`: annotations that are not an object of string keys and string values, or that cannot be read. */
  | 'InvalidAnnotations'
  /** core/v1: the recorder's `newRecorder` source is not `{ component: string, host?: string }`; every event of that recorder is dropped. */
  | 'InvalidSource'
  /** Anything else building the event threw; the message says what. */
  | 'UnreadableInput';

/**
 * The caller's input cannot become an event (no reference could be built, or an unknown type).
 *
 * @example
 * ```ts
 * try {
 *   getReference({ metadata: { name: 'web-0' } }); // a list item: no apiVersion/kind
 * } catch (err) {
 *   if (err instanceof InvalidEventError && err.code === 'MissingTypeMeta') console.error(err.message);
 * }
 * ```
 *
 * @category Recording
 */
export class InvalidEventError extends Error {
  /** Stable identifier for `switch` statements. */
  readonly code: InvalidEventCode;

  constructor(code: InvalidEventCode, message: string) {
    super(message);
    this.name = 'InvalidEventError';
    this.code = code;
  }
}

/** `err` as an InvalidEventError: itself, or one with `code` carrying whatever `err` says (never throws). */
export function asInvalidEventError(err: unknown, code: InvalidEventCode, what: string): InvalidEventError {
  try {
    if (err instanceof InvalidEventError) return err;
  } catch {
    // `instanceof` of a thrown Proxy runs its getPrototypeOf trap, which may throw as well.
  }
  return new InvalidEventError(code, `${what}: ${thrownText(err)}`);
}

/** Best-effort text of a thrown value; reading it may throw too. */
export function thrownText(err: unknown): string {
  try {
    if (err instanceof Error) return String(err.message);
    return String(err);
  } catch {
    return 'an unprintable value was thrown';
  }
}
