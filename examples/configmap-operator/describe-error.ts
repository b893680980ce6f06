// One log line for an error and the causes behind it: Node's fetch says only `fetch failed` and keeps the
// reason (connection refused, DNS, TLS) in `cause`, sometimes as an AggregateError with one error per address.

/** How deep the `cause` chain is followed; a chain that long (or a cycle) is cut there. */
const MAX_CAUSE_DEPTH = 8;

/**
 * Describes `error` as `message: cause message: …`, following `cause` and listing an AggregateError's
 * errors (`connect ECONNREFUSED ::1:6443; connect ECONNREFUSED 127.0.0.1:6443`). A cause whose message
 * its wrapper already quotes is not repeated; whitespace (ApiException messages span lines) is collapsed.
 *
 * @example
 * ```ts
 * describeError(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:6443') }));
 * // 'fetch failed: connect ECONNREFUSED 127.0.0.1:6443'
 * ```
 */
export function describeError(error: unknown, depth = 0): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let level = depth; current !== undefined && current !== null && level < MAX_CAUSE_DEPTH; level++) {
    const text = ownText(current, level);
    const previous = parts.at(-1);
    if (text !== '' && (previous === undefined || !previous.includes(text))) parts.push(text);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.length > 0 ? parts.join(': ') : String(error);
}

function ownText(error: unknown, level: number): string {
  const message = oneLine(error instanceof Error ? error.message : String(error));
  if (!(error instanceof AggregateError) || error.errors.length === 0) return message;
  const inner = (error.errors as unknown[]).map((e) => describeError(e, level + 1)).join('; ');
  return message === '' ? inner : `${message} (${inner})`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
