// EventsV1EventSink: the EventsV1Sink over client-node's EventsV1Api (client-go's tools/events EventSinkImpl).
import { EventsV1Api, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import { eventsPath, JSON_CONTENT } from '../engine/event-http-client.js';
import { SinkTransport } from '../engine/sink-transport.js';
import { clientArgument } from '../shared/argument-checks.js';
import type { SinkCallOptions } from '../engine/call-options.js';
import type { EventsV1Sink } from './sink.js';
import type { EventsV1Event, EventsV1SeriesPatch } from './types.js';

/** The events.k8s.io/v1 API root. */
const EVENTS_V1 = '/apis/events.k8s.io/v1';

/**
 * Writes events.k8s.io/v1 Events with client-node: `POST /apis/events.k8s.io/v1/namespaces/{ns}/events`,
 * `PATCH …/events/{name}` as `application/merge-patch+json` and `PUT …/events/{name}`. Works with
 * client-node 1.4+ and 2.x. Rejections are client-node's `ApiException` (numeric `code` = HTTP status).
 * Made from a KubeConfig, it sends these calls itself (the same requests, with client-node's TLS material
 * and credentials) instead of through `EventsV1Api`, at a fraction of the CPU; see the README's Connections.
 *
 * @example
 * ```ts
 * const kc = new KubeConfig();
 * kc.loadFromDefault();
 * const broadcaster = new EventsV1Broadcaster({ sink: new EventsV1EventSink(kc) });
 * ```
 *
 * @category Sinks
 */
export class EventsV1EventSink implements EventsV1Sink {
  readonly #api: EventsV1Api;
  readonly #transport: SinkTransport;

  /**
   * @param client - a `KubeConfig` (an `EventsV1Api` is made from it) or a ready `EventsV1Api`.
   * @throws {@link InvalidArgumentError} when `client` is neither (plain JavaScript: `undefined`, a string, …).
   */
  constructor(client: KubeConfig | EventsV1Api) {
    clientArgument(client, 'createNamespacedEvent');
    // Duck-typed rather than `instanceof KubeConfig`: a KubeConfig from another copy of client-node (an
    // application on 1.4 while we resolve 2.x) must work too.
    this.#api = isKubeConfig(client) ? client.makeApiClient(EventsV1Api) : client;
    this.#transport = new SinkTransport(isKubeConfig(client) ? client : undefined);
  }

  /** POSTs the event to its namespace; `options.signal` cancels the request. */
  create(event: EventsV1Event, options?: SinkCallOptions): Promise<EventsV1Event> {
    const lean = this.#transport.lean;
    if (lean) return lean.send('POST', eventsPath(EVENTS_V1, namespaceOf(event)), JSON_CONTENT, event, options?.signal);
    return this.#api.createNamespacedEvent({ namespace: namespaceOf(event), body: event }, this.#transport.options(options?.signal));
  }

  /** PUTs the event (by name); `options.signal` cancels the request. */
  update(event: EventsV1Event, options?: SinkCallOptions): Promise<EventsV1Event> {
    const lean = this.#transport.lean;
    if (lean) return lean.send('PUT', eventsPath(EVENTS_V1, namespaceOf(event), event.metadata?.name ?? ''), JSON_CONTENT, event, options?.signal);
    return this.#api.replaceNamespacedEvent({ name: event.metadata?.name ?? '', namespace: namespaceOf(event), body: event }, this.#transport.options(options?.signal));
  }

  /** Closes the connections this sink keeps open (the broadcaster calls it at the end of `shutdown()`). */
  close(): Promise<void> {
    return this.#transport.close();
  }

  /**
   * PATCHes the event (by name) with a JSON merge patch. client-go sends a strategic merge patch computed
   * as a two-way diff; for a body that only sets `series` both mean the same, and merge patch is what
   * every API server (and any proxy in front of it) understands. `options.signal` cancels the request.
   */
  patch(event: EventsV1Event, patch: EventsV1SeriesPatch, options?: SinkCallOptions): Promise<EventsV1Event> {
    const lean = this.#transport.lean;
    if (lean) return lean.send('PATCH', eventsPath(EVENTS_V1, namespaceOf(event), event.metadata?.name ?? ''), PatchStrategy.MergePatch, patch, options?.signal);
    return this.#api.patchNamespacedEvent(
      { name: event.metadata?.name ?? '', namespace: namespaceOf(event), body: patch },
      this.#transport.options(options?.signal, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)),
    );
  }
}

function isKubeConfig(client: KubeConfig | EventsV1Api): client is KubeConfig {
  return typeof (client as Partial<KubeConfig>).makeApiClient === 'function';
}

function namespaceOf(event: EventsV1Event): string {
  return event.metadata?.namespace || 'default';
}
