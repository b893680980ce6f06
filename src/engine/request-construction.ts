// A write whose request could not be built or serialised (client-go's RequestConstructionError): it
// failed before a byte reached the server and would fail the same way on every try, so it is final at
// once under every retry policy, counted as `requestInvalid`.

/**
 * The request for an event could not be built: its body cannot be serialised (a BigInt or a cyclic
 * object in it, a Date that is not a time) or client-node refused to build it. No byte reached the server.
 * A sink may reject with it to make a failure final without a retry; the writers also raise it
 * themselves when a failed write's body cannot be turned into JSON.
 *
 * @example
 * ```ts
 * // A custom sink whose request cannot be built: final at once, counted as dropped.requestInvalid.
 * const sink: EventSink = {
 *   async create(event) {
 *     const body = toMyWireFormat(event);
 *     if (body === undefined) throw new RequestConstructionError('event has no wire form', { cause: event });
 *     return send(body);
 *   },
 *   patch: async (event, patch) => sendPatch(event, patch),
 * };
 * ```
 *
 * @category Sinks
 */
export class RequestConstructionError extends Error {
  /** Stable identifier for `switch` statements. */
  readonly code = 'RequestConstruction' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RequestConstructionError';
  }
}

/**
 * Whether `error` says the request could not be built: a {@link RequestConstructionError} (also from
 * another copy of kube-record, by its code), or client-node's `RequiredError` (a required parameter was
 * missing, checked before anything is sent).
 */
export function isRequestConstructionError(error: unknown): boolean {
  if (error instanceof RequestConstructionError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, name } = error as { code?: unknown; name?: unknown };
  return code === 'RequestConstruction' || name === 'RequiredError';
}

/**
 * The failure of a write that sent `body`, classified: a failure without an HTTP status whose body cannot
 * be serialised becomes a {@link RequestConstructionError} (with the original as `cause`); anything else
 * is returned as it is. Runs only on the failure path, so a write that lands pays nothing for it.
 */
export function classifyWriteFailure(error: unknown, body: unknown): unknown {
  if (isRequestConstructionError(error) || hasStatus(error)) return error;
  const problem = serialisationProblem(body);
  if (problem === undefined) return error;
  return new RequestConstructionError(`request could not be built: ${problem}`, { cause: error });
}

/**
 * Why `body` cannot become JSON as client-node's serializer makes it, or undefined: what JSON.stringify
 * throws (a BigInt, a cycle, a getter that throws), or a Date that is not a time (client-node calls
 * `toISOString()`, which throws, where JSON would write null). The first line of the message only.
 */
export function serialisationProblem(body: unknown): string | undefined {
  try {
    JSON.stringify(body, rejectInvalidDates);
    return undefined;
  } catch (err) {
    const message = err instanceof Error ? err.message : 'the body cannot be serialised';
    return message.split('\n', 1)[0];
  }
}

function rejectInvalidDates(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Date && Number.isNaN(original.getTime())) throw new RangeError('Invalid time value');
  return value;
}

function hasStatus(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number';
}
