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

const LOG_METHODS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * `logger` made safe to call from `eventf`: each method runs inside try/catch (a logger that throws must not
 * throw into a reconcile loop), and a method it lacks discards. A value that is not an object (undefined,
 * null, a string from plain JavaScript) gives `fallback`. Never throws, whatever `logger` is.
 */
export function asLogger(logger: unknown, fallback: Logger): Logger {
  if ((typeof logger !== 'object' && typeof logger !== 'function') || logger === null) return fallback;
  const methods: Array<(message: string, fields?: LogFields) => void> = [];
  for (const level of LOG_METHODS) {
    let method: unknown;
    try {
      method = (logger as Record<string, unknown>)[level];
    } catch {
      method = undefined;
    }
    methods.push(
      typeof method === 'function'
        ? (message, fields) => {
            try {
              (method as (m: string, f?: LogFields) => unknown).call(logger, message, fields);
            } catch {
              // A throwing logger loses this line; what it reported is still counted in stats().
            }
          }
        : () => undefined,
    );
  }
  const [debug, info, warn, error] = methods as [Logger['debug'], Logger['info'], Logger['warn'], Logger['error']];
  return { debug, info, warn, error };
}
