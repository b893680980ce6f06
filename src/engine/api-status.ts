// How the engine classifies a failed write: the HTTP status, a header and the Kubernetes `Status` body of a
// sink's rejection, read the way client-node's `ApiException` carries them (numeric `code`, raw-text `body`).

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
