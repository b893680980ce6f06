// The message of eventf: `sprintf(format, ...args)` with the work bounded by the message limit, then cut to
// it, so a huge argument (a 10 MB string, a million-element array, `%1000000d`) costs what 1 KiB costs.
import { sprintfBounded } from '../format/sprintf.js';
import { MESSAGE_LENGTH_LIMIT, truncateText } from '../shared/message-limit.js';

/**
 * `sprintf(format, ...args)` cut to `limit` UTF-8 bytes (a `format` that is not a string is converted as
 * `sprintf` does) (see {@link truncateText}). Formatting stops once
 * the text is longer than `limit`, so what is cut off is never produced; the kept part is exactly
 * `sprintf`'s, except for a map or object argument of more than `limit` entries (only its first `limit`
 * entries, in iteration order, are sorted and printed).
 */
export function formatMessage(format: string, args: readonly unknown[], limit: number = MESSAGE_LENGTH_LIMIT): string {
  return truncateText(sprintfBounded(limit + 1, format, args), limit);
}
