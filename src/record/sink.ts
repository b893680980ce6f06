// The EventSink contract (client-go's EventSink): where the recorder writes events.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { EventPatch } from './event-log.js';

/**
 * Where recorded core/v1 events are written. The broadcaster only calls `create` and `patch` (as
 * client-go); `update` completes the contract for other users.
 *
 * Error contract: a rejection carrying a numeric `code` (an HTTP status, as client-node's
 * `ApiException` does) is final; any other rejection (transport errors, timeouts) is retried. A `patch`
 * rejected with code 404 makes the broadcaster `create` the event instead.
 *
 * @category Sinks
 */
export interface EventSink {
  /** Creates the event in `event.metadata.namespace`; resolves with the server's copy. */
  create(event: CoreV1Event, options?: SinkCallOptions): Promise<CoreV1Event>;
  /** Replaces the event (by name, in its namespace); resolves with the server's copy. */
  update(event: CoreV1Event, options?: SinkCallOptions): Promise<CoreV1Event>;
  /** Strategic-merge-patches the event named `event.metadata.name`; resolves with the server's copy. */
  patch(event: CoreV1Event, patch: EventPatch, options?: SinkCallOptions): Promise<CoreV1Event>;
  /** Optional: releases what the sink holds (kept connections); called once at the end of `shutdown()`. */
  close?(): Promise<void>;
}

/**
 * Per-call options the broadcaster passes to a sink.
 *
 * @category Sinks
 */
export interface SinkCallOptions {
  /**
   * Aborted at the shutdown deadline: a sink should cancel the request (client-node sinks do), so that no
   * socket outlives `shutdown()`. The broadcaster has already counted the write as abandoned by then.
   */
  readonly signal?: AbortSignal;
}

/** Reads the HTTP status of a sink rejection: its numeric `code`, if any. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    if (typeof code === 'number' && Number.isInteger(code)) return code;
  }
  return undefined;
}

/** Reads a header (lower-case name) of a sink rejection, as client-node's `ApiException.headers` carries them. */
export function headerOf(error: unknown, name: string): string | undefined {
  if (typeof error === 'object' && error !== null && 'headers' in error) {
    const headers = error.headers;
    if (typeof headers === 'object' && headers !== null) {
      const value = (headers as Record<string, unknown>)[name];
      if (typeof value === 'string') return value;
    }
  }
  return undefined;
}

/** Parses a Kubernetes `Status` from a rejection's body (client-node keeps it as raw text). */
export function statusBodyOf(error: unknown): { reason?: string; message?: string; causes?: Array<{ reason?: string }> } | undefined {
  if (typeof error !== 'object' || error === null || !('body' in error)) return undefined;
  let body = error.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const status = body as { reason?: unknown; message?: unknown; details?: { causes?: unknown } };
  const out: { reason?: string; message?: string; causes?: Array<{ reason?: string }> } = {};
  if (typeof status.reason === 'string') out.reason = status.reason;
  if (typeof status.message === 'string') out.message = status.message;
  if (Array.isArray(status.details?.causes)) out.causes = status.details.causes as Array<{ reason?: string }>;
  return out;
}
