// Default loggers: a console logger (errors and warnings to stderr, info to stdout) and a silent one.
import type { LogFields, Logger } from './types.js';

function line(message: string, fields?: LogFields): string {
  if (!fields) return message;
  let out = message;
  for (const key of Object.keys(fields)) out += ` ${key}=${formatField(fields[key])}`;
  return out;
}

function formatField(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Error) return JSON.stringify(value.message);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Creates the default logger: `error`/`warn` to `console.error`, `info` to `console.log`, `debug`
 * discarded. Lines read `kube-record: <message> key="value" …`.
 *
 * @example
 * ```ts
 * const logger = createConsoleLogger('my-operator');
 * const broadcaster = new EventBroadcaster({ logger });
 * logger.warn('Event dropped', { reason: 'FailedSync', cause: 'queueFull' });
 * // stderr: my-operator: Event dropped reason="FailedSync" cause="queueFull"
 * ```
 *
 * @category Observability
 */
export function createConsoleLogger(prefix = 'kube-record'): Logger {
  return {
    debug: () => undefined,
    info: (m, f) => console.log(`${prefix}: ${line(m, f)}`),
    warn: (m, f) => console.error(`${prefix}: ${line(m, f)}`),
    error: (m, f) => console.error(`${prefix}: ${line(m, f)}`),
  };
}

/**
 * A logger that discards everything (metrics still count every drop).
 *
 * @category Observability
 */
export const silentLogger: Logger = Object.freeze({
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});
