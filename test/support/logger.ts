// A logger that keeps every line, for asserting what was reported.
import type { LogFields, Logger } from '../../src/shared/types.js';

export interface LoggedLine {
  level: string;
  message: string;
  fields?: LogFields;
}

export function capturingLogger(): Logger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const at = (level: string) => (message: string, fields?: LogFields) => void lines.push({ level, message, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
