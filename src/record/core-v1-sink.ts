// CoreV1EventSink: the EventSink over client-node's CoreV1Api (client-go's EventSinkImpl).
import { CoreV1Api, PatchStrategy, type KubeConfig, setHeaderOptions, type CoreV1Event } from '@kubernetes/client-node';
import { clientArgument } from '../shared/argument-checks.js';
import type { EventPatch } from './event-log.js';
import { eventsPath, JSON_CONTENT } from '../engine/event-http-client.js';
import { SinkTransport } from '../engine/sink-transport.js';
import { cancelSignalOf, type SinkCallOptions } from '../engine/call-options.js';
import type { EventSink } from './sink.js';

/** The core group's API root. */
const CORE_V1 = '/api/v1';

/**
 * Writes core/v1 Events with client-node: `POST /api/v1/namespaces/{ns}/events` and strategic merge
 * `PATCH …/events/{name}`. Works with client-node 1.4+ and 2.x. Rejections are client-node's
 * `ApiException` (numeric `code` = HTTP status), which the broadcaster treats as final. Made from a
 * KubeConfig, it sends these calls itself (the same requests, with client-node's TLS material and
 * credentials) instead of through `CoreV1Api`, at a fraction of the CPU; see the README's Connections.
 *
 * @example
 * ```ts
 * const kc = new KubeConfig();
 * kc.loadFromDefault();
 * broadcaster.startRecordingToSink(new CoreV1EventSink(kc));
 * ```
 *
 * @category Sinks
 */
export class CoreV1EventSink implements EventSink {
  readonly #api: CoreV1Api;
  readonly #transport: SinkTransport;

  /**
   * @param client - a `KubeConfig` (a `CoreV1Api` is made from it) or a ready `CoreV1Api`.
   * @throws {@link InvalidArgumentError} when `client` is neither (plain JavaScript: `undefined`, a string, …).
   */
  constructor(client: KubeConfig | CoreV1Api) {
    clientArgument(client, 'createNamespacedEvent');
    // Duck-typed rather than `instanceof KubeConfig`: a KubeConfig from another copy of client-node (an
    // application on 1.4 while we resolve 2.x) must work too.
    const kc = typeof (client as Partial<KubeConfig>).makeApiClient === 'function' ? (client as KubeConfig) : undefined;
    this.#api = kc ? kc.makeApiClient(CoreV1Api) : (client as CoreV1Api);
    this.#transport = new SinkTransport(kc);
  }

  create(event: CoreV1Event, options?: SinkCallOptions): Promise<CoreV1Event> {
    const lean = this.#transport.lean;
    if (lean) return lean.send('POST', eventsPath(CORE_V1, namespaceOf(event)), JSON_CONTENT, event, cancelSignalOf(options));
    return this.#api.createNamespacedEvent({ namespace: namespaceOf(event), body: event }, this.#transport.options(options?.signal));
  }

  update(event: CoreV1Event, options?: SinkCallOptions): Promise<CoreV1Event> {
    const lean = this.#transport.lean;
    if (lean) return lean.send('PUT', eventsPath(CORE_V1, namespaceOf(event), event.metadata.name ?? ''), JSON_CONTENT, event, cancelSignalOf(options));
    return this.#api.replaceNamespacedEvent({ name: event.metadata.name ?? '', namespace: namespaceOf(event), body: event }, this.#transport.options(options?.signal));
  }

  /** Closes the connections this sink keeps open (the broadcaster calls it at the end of `shutdown()`). */
  close(): Promise<void> {
    return this.#transport.close();
  }

  patch(event: CoreV1Event, patch: EventPatch, options?: SinkCallOptions): Promise<CoreV1Event> {
    const lean = this.#transport.lean;
    if (lean) return lean.send('PATCH', eventsPath(CORE_V1, namespaceOf(event), event.metadata.name ?? ''), PatchStrategy.StrategicMergePatch, patch, cancelSignalOf(options));
    return this.#api.patchNamespacedEvent(
      { name: event.metadata.name ?? '', namespace: namespaceOf(event), body: patch },
      this.#transport.options(options?.signal, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch)),
    );
  }
}

function namespaceOf(event: CoreV1Event): string {
  return event.metadata.namespace || 'default';
}
