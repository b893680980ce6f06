// Records every message on the kube-record diagnostics channels while a test runs.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach } from 'vitest';
import { DIAGNOSTICS_CHANNELS, type EventDiagnostic } from '../../src/engine/diagnostics.js';

export interface DiagnosticsRecorder {
  readonly seen: Array<{ channel: string; message: EventDiagnostic }>;
  /** Starts listening (a test calls it first). */
  listen(): void;
  /** Messages on `channel`, with `cause` when given. */
  count(channel: string, cause?: string): number;
}

/** A recorder whose listeners are removed and messages cleared after each test of the file. */
export function recordDiagnostics(): DiagnosticsRecorder {
  const seen: Array<{ channel: string; message: EventDiagnostic }> = [];
  const listeners = Object.values(DIAGNOSTICS_CHANNELS).map((name) => {
    const fn = (message: unknown) => void seen.push({ channel: name, message: message as EventDiagnostic });
    return { name, fn };
  });
  afterEach(() => {
    for (const { name, fn } of listeners) unsubscribe(name, fn);
    seen.length = 0;
  });
  return {
    seen,
    listen: () => {
      for (const { name, fn } of listeners) subscribe(name, fn);
    },
    count: (channel, cause) => seen.filter((s) => s.channel === channel && (cause === undefined || s.message.cause === cause)).length,
  };
}
