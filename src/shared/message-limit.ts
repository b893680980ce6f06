// How long a recorded message may be: core/v1 messages are cut as events.k8s.io/v1 notes are, so that
// eventf's work per call (formatting, the correlator's keys) is bounded whatever the caller passes.

/**
 * Longest core/v1 Event `message` kube-record records, in UTF-8 bytes: 1024, the API server's
 * `NoteLengthLimit`. The server enforces it on every events.k8s.io/v1 Event and on every core/v1 Event that
 * carries an `eventTime`; old-style core/v1 Events it stores up to the request limit (3 MiB, 1.5 MiB in
 * etcd), and client-go does not cut them. kube-record does (a deliberate difference): the correlator hashes
 * the message into its dedupe key synchronously inside `eventf` (a 10 MB message cost 64–152 ms there),
 * events are read by people in `kubectl describe`, and with one limit a message reads the same on both APIs
 * (`createEventRecorder` picks the API by discovery).
 *
 * @category Recording
 */
export const MESSAGE_LENGTH_LIMIT = 1024;

/**
 * What a cut message ends with, as kube-scheduler's `truncateMessage` (and events.k8s.io/v1 notes).
 *
 * @category Recording
 */
export const MESSAGE_TRUNCATION_SUFFIX = ' ...';

const encoder = new TextEncoder();

/** Length in UTF-8 bytes (the server measures with Go's `len(string)`); stops counting past `limit`. */
function exceeds(value: string, limit: number): boolean {
  // Every UTF-16 unit is at least one byte: longer strings exceed without a scan (a 10 MB one is never read).
  if (value.length > limit) return true;
  // A UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4): most messages fit without a scan.
  if (value.length * 3 <= limit) return false;
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0x7f) return encoder.encode(value).length > limit;
  }
  return false;
}

/**
 * `text` cut to at most `limit` UTF-8 bytes ending in {@link MESSAGE_TRUNCATION_SUFFIX}, or `text` unchanged
 * when it fits. A multi-byte character is never cut in half (unlike Go's byte slicing, whose result would not
 * be valid UTF-8), so the result may be up to 3 bytes shorter than `limit`. Reads at most `limit` characters
 * of `text`, whatever its length.
 */
export function truncateText(text: string, limit: number = MESSAGE_LENGTH_LIMIT): string {
  if (!exceeds(text, limit)) return text;
  const budget = limit - MESSAGE_TRUNCATION_SUFFIX.length;
  let bytes = 0;
  let end = 0;
  while (end < text.length) {
    const unit = text.charCodeAt(end);
    const pair = unit >= 0xd800 && unit <= 0xdbff && end + 1 < text.length && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
    const size = pair ? 4 : unit <= 0x7f ? 1 : unit <= 0x7ff ? 2 : 3;
    if (bytes + size > budget) break;
    bytes += size;
    end += pair ? 2 : 1;
  }
  return text.slice(0, end) + MESSAGE_TRUNCATION_SUFFIX;
}
