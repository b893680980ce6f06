// Typed errors of the recorder. `eventf` never throws them: it logs and counts them as drops. They are
// thrown by the helpers callers may use directly (getReference) and carried in diagnostics.

/**
 * Why an event could not be built from the caller's input.
 *
 * @category Recording
 */
export type InvalidEventCode = 'InvalidObject' | 'MissingTypeMeta' | 'MissingName' | 'UnsupportedType';

/**
 * The caller's input cannot become an event (no reference could be built, or an unknown type).
 *
 * Thrown by {@link getReference}; `eventf` never throws it (the event is dropped, logged and counted
 * as `invalid`).
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
