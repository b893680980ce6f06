// Small HTTP helpers for the test API server tests: JSON requests and a reader for watch streams.
import type { JsonObject, JsonValue, TestApiServer } from '../../../src/testing/api-server/index.js';

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as a JSON object ({} when it was not JSON). */
  readonly body: JsonObject & Record<string, unknown>;
}

export interface CallOptions {
  readonly contentType?: string;
  readonly token?: string;
  /** Raw body text (instead of JSON-serialising `body`). */
  readonly raw?: string;
}

/** Sends one request and reads the whole answer. */
export async function call(api: TestApiServer, method: string, path: string, body?: JsonValue, opts: CallOptions = {}): Promise<HttpResult> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
  let payload: string | undefined = opts.raw;
  if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
  if (payload !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
  const res = await fetch(api.url + path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  let parsed: JsonObject = {};
  try {
    const v = JSON.parse(text) as JsonValue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) parsed = v;
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

/** A watch event as read from the stream. */
export interface WatchLine {
  readonly type: string;
  readonly object: JsonObject & { metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> } } & Record<string, unknown>;
}

/** An open watch: collects events; `next(n)` waits until n more arrived. */
export class WatchReader {
  readonly events: WatchLine[] = [];
  status = 0;
  ended = false;
  readonly #controller = new AbortController();
  #waiters: (() => void)[] = [];
  #done: Promise<void> = Promise.resolve();

  static async open(api: TestApiServer, path: string, token?: string): Promise<WatchReader> {
    const w = new WatchReader();
    const res = await fetch(api.url + path, { signal: w.#controller.signal, headers: token ? { Authorization: `Bearer ${token}` } : {} });
    w.status = res.status;
    w.#done = w.#pump(res);
    return w;
  }

  async #pump(res: Response): Promise<void> {
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.trim()) this.events.push(JSON.parse(line) as WatchLine);
        }
        this.#wake();
      }
    } catch {
      // aborted or the server went away
    } finally {
      this.ended = true;
      this.#wake();
    }
  }

  #wake(): void {
    const ws = this.#waiters;
    this.#waiters = [];
    for (const w of ws) w();
  }

  /** Waits until at least `count` events arrived in total (or the stream ended). */
  async waitFor(count: number, timeoutMs = 3000): Promise<WatchLine[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count && !this.ended) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} watch events, have ${this.events.length}: ${JSON.stringify(this.events.map((e) => e.type))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.events;
  }

  /** Waits for the stream to end (server side). */
  async closed(timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('watch did not end');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }
}

/** A minimal core/v1 Event body. */
export function coreEvent(name: string, namespace = 'default', extra: JsonObject = {}): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace, name: 'web-0', uid: 'u1' },
    reason: 'Started',
    message: 'Started container web',
    source: { component: 'demo-controller', host: 'node-1' },
    firstTimestamp: '2026-11-24T10:00:00Z',
    lastTimestamp: '2026-11-24T10:00:00Z',
    count: 1,
    type: 'Normal',
    ...extra,
  };
}

/** A minimal valid events.k8s.io/v1 Event body. */
export function v1Event(name: string, namespace = 'default', extra: JsonObject = {}): JsonObject {
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name, namespace },
    eventTime: '2026-11-24T10:00:00.000000Z',
    action: 'Start',
    reason: 'Started',
    regarding: { apiVersion: 'v1', kind: 'Pod', namespace, name: 'web-0', uid: 'u1' },
    note: 'Started container web',
    reportingController: 'example.com/demo',
    reportingInstance: 'demo-1',
    type: 'Normal',
    ...extra,
  };
}

/** A ConfigMap body. */
export function configMap(name: string, labels: Record<string, string> = {}, data: Record<string, string> = {}, namespace = 'default'): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data };
}
