// A scripted in-memory EventsV1Sink: records every call, answers from a script of failures, and keeps
// what a server would store (series applied by patches, 404 for a missing name, 409 for a duplicate).
import type { EventsV1Sink } from '../../../src/events/sink.js';
import type { SinkCallOptions } from '../../../src/engine/call-options.js';
import type { EventsV1Event, EventsV1SeriesPatch } from '../../../src/events/types.js';
import { FakeApiException } from '../../support/sink.js';

export type EventsSinkCall =
  | { op: 'create'; event: EventsV1Event; json: unknown }
  | { op: 'patch'; name: string; namespace: string; patch: EventsV1SeriesPatch }
  | { op: 'update'; event: EventsV1Event };

export function statusError(code: number, reason: string): FakeApiException {
  return new FakeApiException(code, JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code }));
}

export class ScriptedEventsSink implements EventsV1Sink {
  readonly calls: EventsSinkCall[] = [];
  /** Errors to throw on the next calls, in order (undefined = behave normally). */
  readonly failures: Array<Error | undefined> = [];
  /** Stored events by namespace/name, as JSON (what went over the wire). */
  readonly stored = new Map<string, Record<string, unknown>>();
  /** The `signal` passed with each call, in call order. */
  readonly signals: Array<AbortSignal | undefined> = [];

  async create(event: EventsV1Event, options?: SinkCallOptions): Promise<EventsV1Event> {
    this.signals.push(options?.signal);
    const json = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
    this.calls.push({ op: 'create', event, json });
    this.#fail();
    const key = `${event.metadata?.namespace}/${event.metadata?.name}`;
    if (this.stored.has(key)) throw statusError(409, 'AlreadyExists');
    this.stored.set(key, json);
    return event;
  }

  async update(event: EventsV1Event, options?: SinkCallOptions): Promise<EventsV1Event> {
    this.signals.push(options?.signal);
    this.calls.push({ op: 'update', event });
    this.#fail();
    return event;
  }

  async patch(event: EventsV1Event, patch: EventsV1SeriesPatch, options?: SinkCallOptions): Promise<EventsV1Event> {
    this.signals.push(options?.signal);
    const name = event.metadata?.name ?? '';
    const namespace = event.metadata?.namespace ?? '';
    this.calls.push({ op: 'patch', name, namespace, patch: JSON.parse(JSON.stringify(patch)) as EventsV1SeriesPatch });
    this.#fail();
    const current = this.stored.get(`${namespace}/${name}`);
    if (!current) throw statusError(404, 'NotFound');
    current['series'] = patch.series;
    return event;
  }

  ops(): string[] {
    return this.calls.map((c) => c.op);
  }

  patches(): EventsV1SeriesPatch[] {
    return this.calls.flatMap((c) => (c.op === 'patch' ? [c.patch] : []));
  }

  #fail(): void {
    if (this.failures.length === 0) return;
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
  }
}

/** A ScriptedEventsSink whose every answer takes `latencyMs` of manual time (`wait`), counting the calls in flight. */
export class SlowEventsSink extends ScriptedEventsSink {
  inFlight = 0;
  readonly #wait: () => Promise<void>;

  constructor(wait: () => Promise<void>) {
    super();
    this.#wait = wait;
  }

  override async create(event: EventsV1Event, options?: SinkCallOptions): Promise<EventsV1Event> {
    return this.#slow(() => super.create(event, options));
  }

  override async patch(event: EventsV1Event, patch: EventsV1SeriesPatch, options?: SinkCallOptions): Promise<EventsV1Event> {
    return this.#slow(() => super.patch(event, patch, options));
  }

  /** The answer (call recorded, scripted failure included) comes after the latency. */
  async #slow(answer: () => Promise<EventsV1Event>): Promise<EventsV1Event> {
    this.inFlight++;
    try {
      await this.#wait();
      return await answer();
    } finally {
      this.inFlight--;
    }
  }
}
