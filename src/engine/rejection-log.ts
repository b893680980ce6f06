// How a server rejection is logged, on both APIs: like every other drop (the first one in full, then a
// summary at most every 10 s, the rest at shutdown), under the event's own fields, with the server's
// answer under names of its own (`serverReason`, `error`) so it never overwrites the event's `reason`.
import type { DropReporter } from './drop-reporter.js';
import { statusBodyOf } from './api-status.js';
import type { LogFields, Logger } from '../shared/types.js';

/** The message of a rejection's log line (client-go's wording). */
export const REJECTED_MESSAGE = 'Server rejected event (will not retry!)';

/**
 * Logs that the server answered `status` to a write of the event that `fields` describe. As client-go,
 * `AlreadyExists` and a terminating namespace are expected and go to `debug`, unthrottled; every other
 * rejection is an `error` line throttled with the other drops of cause `rejected`.
 */
export function reportRejection(drops: DropReporter, logger: Logger, fields: LogFields, status: number, error: unknown): void {
  const body = statusBodyOf(error);
  const line = { ...fields, status, serverReason: body?.reason, error: body?.message ?? errorText(error) };
  const quiet = body?.reason === 'AlreadyExists' || body?.causes?.some((c) => c.reason === 'NamespaceTerminating') === true;
  if (quiet) logger.debug(REJECTED_MESSAGE, line);
  else drops.report(logger, 'rejected', REJECTED_MESSAGE, line, 'error');
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unprintable error';
  }
}
