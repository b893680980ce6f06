// EventRecorder: builds core/v1 Events from objects and pushes them into the broadcaster without ever
// blocking or throwing (client-go recorderImpl, §3.7).
import type { CoreV1Event, V1EventSource, V1ObjectReference } from '@kubernetes/client-node';
import { BroadcasterStoppedError } from '../watch/errors.js';
import type { Broadcaster } from '../watch/broadcaster.js';
import { hasSubscribers, publish } from '../engine/diagnostics.js';
import type { DropReporter } from '../engine/drop-reporter.js';
import { copyAnnotations } from '../shared/annotations.js';
import { asInvalidEventError, InvalidEventError } from '../shared/errors.js';
import { formatMessage } from './format-message.js';
import { asLogger } from '../shared/logger.js';
import { truncateText } from '../shared/message-limit.js';
import type { EventNameGenerator } from '../shared/event-name.js';
import { DEFAULT_EVENT_NAMESPACE, getReference } from '../shared/reference.js';
import { printable, typeDescription } from '../shared/log-values.js';
import type { DropCause } from '../shared/drop-cause.js';
import type { Clock, EventAnnotations, EventSource, EventSubject, EventType, Logger } from '../shared/types.js';

/**
 * Records events about Kubernetes objects (client-go's `EventRecorder` / `EventRecorderLogger`).
 *
 * Every method returns immediately: the event is queued for the sinks and watchers, never awaited.
 * Nothing throws, whatever plain JavaScript passes. Bad input and a full queue are logged and counted in
 * `stats().dropped`; bad input is an `invalid` drop whose log line carries an `InvalidEventCode`
 * (`InvalidObject`, `MissingTypeMeta`, `MissingName`, `InvalidReference`, `UnreadableObject` for a throwing
 * getter or Proxy trap, `UnsupportedType`, `InvalidReason`, `InvalidMessage`, `InvalidAnnotations`,
 * `InvalidSource`). Messages are cut to `MESSAGE_LENGTH_LIMIT` (1024 bytes, ending in ` ...`), and
 * `eventf` stops formatting there, so its cost does not grow with its operands.
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

/** The broadcaster's recorder implementation. */
export class CoreV1EventRecorder implements EventRecorder {
  readonly #ctx: RecorderContext;
  readonly #source: V1EventSource;
  readonly #logger: Logger;
  /** The source is checked once: when invalid, every event of this recorder is dropped with this error. */
  readonly #sourceError: InvalidEventError | undefined;

  constructor(ctx: RecorderContext, source: EventSource, logger: Logger, sourceError?: InvalidEventError) {
    this.#ctx = ctx;
    // One frozen source object shared by every event of this recorder: no allocation per event.
    const checked = eventSource(source);
    this.#source = checked.source;
    this.#sourceError = sourceError ?? checked.error;
    this.#logger = logger;
  }

  event(object: EventSubject, type: EventType, reason: string, message: string): void {
    this.#generate(object, undefined, type, reason, message, undefined);
  }

  eventf(object: EventSubject, type: EventType, reason: string, format: string, ...args: unknown[]): void {
    this.#generate(object, undefined, type, reason, format, args);
  }

  annotatedEventf(
    object: EventSubject,
    annotations: EventAnnotations,
    type: EventType,
    reason: string,
    format: string,
    ...args: unknown[]
  ): void {
    this.#generate(object, annotations, type, reason, format, args);
  }

  withLogger(logger: Logger): EventRecorder {
    return new CoreV1EventRecorder(this.#ctx, this.#source as EventSource, asLogger(logger, this.#logger), this.#sourceError);
  }

  /**
   * Records an event whose message is `sprintf(format, ...args)` (bounded and cut as eventf's), with core/v1's
   * optional `action` / `related` set (not on {@link EventRecorder}).
   */
  eventfWithDetails(
    object: EventSubject,
    details: CoreV1EventDetails,
    annotations: EventAnnotations | undefined,
    type: EventType,
    reason: string,
    format: string,
    args: readonly unknown[],
  ): void {
    this.#generate(object, annotations, type, reason, format, args, details);
  }

  /** `args` undefined: `text` is the message, taken verbatim; else the format of `sprintf`. */
  #generate(object: unknown, annotations: unknown, type: unknown, reason: unknown, text: unknown, args: readonly unknown[] | undefined, details?: CoreV1EventDetails): void {
    let event: CoreV1Event | undefined;
    try {
      event = this.#build(object, annotations, type, reason, text, args, details);
    } catch (err) {
      // Whatever the caller's input threw while being read (a getter, a Proxy trap, a toString) is a typed drop.
      const error = asInvalidEventError(err, 'UnreadableInput', "can't read the event's input");
      this.#drop('invalid', 'Could not record event', { code: error.code, error: error.message });
      return;
    }
    if (event) this.#push(event);
  }

  #build(
    object: unknown,
    annotations: unknown,
    type: unknown,
    reason: unknown,
    text: unknown,
    args: readonly unknown[] | undefined,
    details: CoreV1EventDetails | undefined,
  ): CoreV1Event | undefined {
    if (this.#sourceError) {
      const e = this.#sourceError;
      this.#drop('invalid', 'Invalid event source, will not report event', { code: e.code, error: e.message, reason: printable(reason) });
      return undefined;
    }
    let ref;
    try {
      ref = getReference(object);
    } catch (err) {
      const e = asInvalidEventError(err, 'UnreadableObject', "can't read the object the event is about");
      this.#drop('invalid', 'Could not construct reference, will not report event', { code: e.code, error: e.message, reason: printable(reason), type: printable(type) });
      return undefined;
    }
    if (type !== 'Normal' && type !== 'Warning') {
      const error = new InvalidEventError('UnsupportedType', `unsupported event type ${String(printable(type))}: use 'Normal' or 'Warning'`);
      this.#drop('invalid', 'Unsupported event type', { code: error.code, error: error.message, object: ref.name, reason: printable(reason) });
      return undefined;
    }
    // eventf converts a format that is not a string as sprintf does; event takes its message verbatim, so it must be one.
    if (typeof reason !== 'string' || (args === undefined && typeof text !== 'string')) {
      const error =
        typeof reason !== 'string'
          ? new InvalidEventError('InvalidReason', `reason is ${typeDescription(reason)}: it must be a string`)
          : new InvalidEventError('InvalidMessage', `message is ${typeDescription(text)}: it must be a string`);
      this.#drop('invalid', 'Event reason and message must be strings, will not report event', {
        code: error.code,
        error: error.message,
        object: ref.name,
        reason: printable(reason),
      });
      return undefined;
    }
    let copied: Record<string, string> | undefined;
    try {
      copied = copyAnnotations(annotations);
    } catch (err) {
      const e = asInvalidEventError(err, 'InvalidAnnotations', "can't read the annotations");
      this.#drop('invalid', 'Invalid annotations, will not report event', { code: e.code, error: e.message, object: ref.name, reason });
      return undefined;
    }
    const message = args === undefined ? truncateText(text as string) : formatMessage(text as string, args);
    const t = this.#ctx.clock.now();
    const ms = t.getTime();
    const metadata: CoreV1Event['metadata'] = {
      name: this.#ctx.names.nameFor(ref.name ?? '', ms),
      namespace: ref.namespace || DEFAULT_EVENT_NAMESPACE,
    };
    if (copied !== undefined) metadata.annotations = copied;
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

/**
 * The frozen `source` shared by every event of a recorder (no allocation per event), and the error its events
 * are dropped with when `source` is not `{ component: string, host?: string }` (plain JavaScript may pass
 * anything; reading it may throw).
 */
function eventSource(source: unknown): { source: V1EventSource; error?: InvalidEventError } {
  try {
    if (typeof source !== 'object' || source === null) throw new InvalidEventError('InvalidSource', `source is ${typeDescription(source)}: pass { component: 'my-operator' }`);
    const { component, host } = source as { component?: unknown; host?: unknown };
    if (typeof component !== 'string') throw new InvalidEventError('InvalidSource', `source.component is ${typeDescription(component)}: it must be a string`);
    if (host !== undefined && host !== null && typeof host !== 'string') {
      throw new InvalidEventError('InvalidSource', `source.host is ${typeDescription(host)}: it must be a string or absent`);
    }
    return { source: Object.freeze(typeof host === 'string' && host !== '' ? { component, host } : { component }) };
  } catch (err) {
    return { source: Object.freeze({ component: '' }), error: asInvalidEventError(err, 'InvalidSource', "can't read the recorder's source") };
  }
}
