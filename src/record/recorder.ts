// EventRecorder: builds core/v1 Events from objects and pushes them into the broadcaster without ever
// blocking or throwing (client-go recorderImpl, §3.7).
import type { CoreV1Event, V1EventSource, V1ObjectReference } from '@kubernetes/client-node';
import { BroadcasterStoppedError } from '../watch/errors.js';
import type { Broadcaster } from '../watch/broadcaster.js';
import { sprintf } from '../format/index.js';
import { hasSubscribers, publish } from './diagnostics.js';
import type { DropReporter } from './drop-reporter.js';
import { InvalidEventError } from './errors.js';
import type { EventNameGenerator } from './event-name.js';
import { getReference } from './reference.js';
import type { DropCause } from './stats.js';
import type { Clock, EventAnnotations, EventSource, EventSubject, EventType, Logger } from './types.js';

/**
 * Records events about Kubernetes objects (client-go's `EventRecorder` / `EventRecorderLogger`).
 *
 * Every method returns immediately: the event is queued for the sinks and watchers, never awaited.
 * Nothing throws. Bad input (an object without apiVersion/kind/name, an unknown type) and a full queue
 * are logged and counted in `stats().dropped`.
 *
 * @example
 * ```ts
 * const recorder = broadcaster.newRecorder({ component: 'my-operator' });
 * recorder.eventf(pod, 'Warning', 'FailedSync', 'sync %s: %v', key, err);
 * ```
 *
 * @category Recording
 */
export interface EventRecorder {
  /** Records an event with `message` taken verbatim. */
  event(object: EventSubject, type: EventType, reason: string, message: string): void;
  /** Records an event whose message is `sprintf(format, ...args)` (Go `fmt` verbs: `%s %d %v %q …`). */
  eventf(object: EventSubject, type: EventType, reason: string, format: string, ...args: unknown[]): void;
  /** As `eventf`, and puts `annotations` on the event's metadata. */
  annotatedEventf(
    object: EventSubject,
    annotations: EventAnnotations,
    type: EventType,
    reason: string,
    format: string,
    ...args: unknown[]
  ): void;
  /** A recorder that shares everything with this one but logs its drops to `logger`. */
  withLogger(logger: Logger): EventRecorder;
}

/** What recorders share with their broadcaster. */
export interface RecorderContext {
  readonly broadcaster: Broadcaster<CoreV1Event>;
  readonly clock: Clock;
  readonly names: EventNameGenerator;
  readonly drops: DropReporter;
  /** Counts one accepted event. */
  readonly onAccepted: () => void;
  /** Counts one drop at the recorder. */
  readonly onDropped: (cause: DropCause) => void;
}

/** core/v1 Event fields only the events.k8s.io-shaped adapter (src/events) sets; old-style events may carry them. */
export interface CoreV1EventDetails {
  readonly action?: string;
  readonly related?: V1ObjectReference;
}

/** The default namespace of events about cluster-scoped objects. */
export const DEFAULT_EVENT_NAMESPACE = 'default';

/** The broadcaster's recorder implementation. */
export class CoreV1EventRecorder implements EventRecorder {
  readonly #ctx: RecorderContext;
  readonly #source: V1EventSource;
  readonly #logger: Logger;

  constructor(ctx: RecorderContext, source: EventSource, logger: Logger) {
    this.#ctx = ctx;
    // One frozen source object shared by every event of this recorder: no allocation per event.
    this.#source = Object.freeze(source.host ? { component: source.component, host: source.host } : { component: source.component });
    this.#logger = logger;
  }

  event(object: EventSubject, type: EventType, reason: string, message: string): void {
    this.#generate(object, undefined, type, reason, message);
  }

  eventf(object: EventSubject, type: EventType, reason: string, format: string, ...args: unknown[]): void {
    this.#generate(object, undefined, type, reason, sprintf(format, ...args));
  }

  annotatedEventf(
    object: EventSubject,
    annotations: EventAnnotations,
    type: EventType,
    reason: string,
    format: string,
    ...args: unknown[]
  ): void {
    this.#generate(object, annotations, type, reason, sprintf(format, ...args));
  }

  withLogger(logger: Logger): EventRecorder {
    return new CoreV1EventRecorder(this.#ctx, this.#source as EventSource, logger);
  }

  /** Records an event with `message` verbatim and core/v1's optional `action` / `related` set (not on {@link EventRecorder}). */
  eventWithDetails(object: EventSubject, details: CoreV1EventDetails, annotations: EventAnnotations | undefined, type: EventType, reason: string, message: string): void {
    this.#generate(object, annotations, type, reason, message, details);
  }

  #generate(object: unknown, annotations: EventAnnotations | undefined, type: unknown, reason: unknown, message: unknown, details?: CoreV1EventDetails): void {
    try {
      const event = this.#build(object, annotations, type, reason, message, details);
      if (event) this.#push(event);
    } catch (err) {
      // Unreachable by design; kept so that eventf can never throw into a reconcile loop.
      this.#drop('invalid', 'Could not record event', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  #build(
    object: unknown,
    annotations: EventAnnotations | undefined,
    type: unknown,
    reason: unknown,
    message: unknown,
    details: CoreV1EventDetails | undefined,
  ): CoreV1Event | undefined {
    let ref;
    try {
      ref = getReference(object);
    } catch (err) {
      const e = err as InvalidEventError;
      this.#drop('invalid', 'Could not construct reference, will not report event', { code: e.code, error: e.message, reason, type });
      return undefined;
    }
    if (type !== 'Normal' && type !== 'Warning') {
      const error = new InvalidEventError('UnsupportedType', `unsupported event type ${JSON.stringify(type)}: use 'Normal' or 'Warning'`);
      this.#drop('invalid', 'Unsupported event type', { code: error.code, error: error.message, object: ref.name, reason });
      return undefined;
    }
    if (typeof reason !== 'string' || typeof message !== 'string') {
      this.#drop('invalid', 'Event reason and message must be strings, will not report event', { object: ref.name, reason: String(reason) });
      return undefined;
    }
    const t = this.#ctx.clock.now();
    const ms = t.getTime();
    const metadata: CoreV1Event['metadata'] = {
      name: this.#ctx.names.nameFor(ref.name ?? '', ms),
      namespace: ref.namespace || DEFAULT_EVENT_NAMESPACE,
    };
    if (annotations !== undefined) metadata.annotations = { ...annotations };
    const source = this.#source;
    const event: CoreV1Event = {
      metadata,
      involvedObject: ref,
      reason,
      message,
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      type,
      source,
      reportingComponent: source.component ?? '',
      reportingInstance: source.host ?? '',
    };
    if (details?.action) event.action = details.action;
    if (details?.related) event.related = details.related;
    return event;
  }

  #push(event: CoreV1Event): void {
    try {
      if (this.#ctx.broadcaster.actionOrDrop(event)) {
        this.#ctx.onAccepted();
        // Guarded here too: no message closure per eventf while nobody listens (the hottest call).
        if (hasSubscribers('accepted')) publish('accepted', () => ({ event }));
        return;
      }
      this.#drop('queueFull', 'too many queued events, dropped event', { object: event.involvedObject.name, reason: event.reason }, event);
    } catch (err) {
      if (err instanceof BroadcasterStoppedError) {
        this.#drop(
          'afterShutdown',
          'Unable to record event (will not retry!): broadcaster is shut down',
          { object: event.involvedObject.name, reason: event.reason },
          event,
        );
        return;
      }
      throw err;
    }
  }

  #drop(cause: DropCause, message: string, fields: Record<string, unknown>, event?: CoreV1Event): void {
    this.#ctx.onDropped(cause);
    publish('dropped', () => ({ event, cause }));
    this.#ctx.drops.report(this.#logger, cause, message, fields);
  }
}
