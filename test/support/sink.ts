// A scripted in-memory EventSink: records every call and answers from a script of failures.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { EventPatch } from '../../src/record/event-log.js';
import type { EventSink } from '../../src/record/sink.js';

/** A rejection like client-node's ApiException: numeric code, raw text body, lower-case headers. */
export class FakeApiException extends Error {
  constructor(
    readonly code: number,
    readonly body: string = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code }),
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP-Code: ${code}`);
  }
}

export type SinkCall =
  | { op: 'create'; event: CoreV1Event }
  | { op: 'patch'; event: CoreV1Event; patch: EventPatch }
  | { op: 'update'; event: CoreV1Event };

export class ScriptedSink implements EventSink {
  readonly calls: SinkCall[] = [];
  /** Errors to throw on the next calls, in order (undefined = succeed). */
  readonly failures: Array<Error | undefined> = [];
  readonly stored = new Map<string, CoreV1Event>();
  #rv = 0;

  async create(event: CoreV1Event): Promise<CoreV1Event> {
    this.calls.push({ op: 'create', event });
    this.#fail();
    const key = `${event.metadata.namespace}/${event.metadata.name}`;
    if (this.stored.has(key)) throw new FakeApiException(409);
    const stored = { ...event, metadata: { ...event.metadata, resourceVersion: String(++this.#rv) } };
    this.stored.set(key, stored);
    return stored;
  }

  async update(event: CoreV1Event): Promise<CoreV1Event> {
    this.calls.push({ op: 'update', event });
    this.#fail();
    return event;
  }

  async patch(event: CoreV1Event, patch: EventPatch): Promise<CoreV1Event> {
    this.calls.push({ op: 'patch', event, patch });
    this.#fail();
    const key = `${event.metadata.namespace}/${event.metadata.name}`;
    const current = this.stored.get(key);
    if (!current) throw new FakeApiException(404);
    const updated: CoreV1Event = {
      ...current,
      count: patch.count,
      lastTimestamp: new Date(patch.lastTimestamp),
      message: patch.message ?? current.message,
      metadata: { ...current.metadata, resourceVersion: String(++this.#rv) },
    };
    this.stored.set(key, updated);
    return updated;
  }

  ops(): string[] {
    return this.calls.map((c) => c.op);
  }

  #fail(): void {
    if (this.failures.length === 0) return;
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
  }
}

/** A ScriptedSink whose answers take `latency()` ms of (virtual) sleep; records when each call started. */
export class SlowSink extends ScriptedSink {
  readonly startedAt: number[] = [];
  /** Calls being answered right now, and the most at once. */
  inFlight = 0;
  maxInFlight = 0;
  readonly #wait: (ms: number) => Promise<void>;
  readonly #latency: () => number;
  readonly #now: () => number;

  constructor(options: { sleep: (ms: number, signal: AbortSignal) => Promise<void>; now: () => number; latency: () => number }) {
    super();
    const never = new AbortController().signal;
    this.#wait = (ms) => options.sleep(ms, never);
    this.#latency = options.latency;
    this.#now = options.now;
  }

  override async create(event: CoreV1Event): Promise<CoreV1Event> {
    return this.#slow(() => super.create(event));
  }

  override async patch(event: CoreV1Event, patch: EventPatch): Promise<CoreV1Event> {
    return this.#slow(() => super.patch(event, patch));
  }

  async #slow(answer: () => Promise<CoreV1Event>): Promise<CoreV1Event> {
    this.startedAt.push(this.#now());
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.#wait(this.#latency());
      return await answer();
    } finally {
      this.inFlight--;
    }
  }
}
