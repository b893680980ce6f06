// EventsV1Recorder: builds events.k8s.io/v1 Events and pushes them into the broadcaster without ever
// blocking or throwing (client-go tools/events recorderImpl), checking the server's rules first.
import { hostname } from 'node:os';
import type { V1ObjectReference } from '@kubernetes/client-node';
import { sprintfBounded } from '../format/sprintf.js';
import type { Broadcaster } from '../watch/broadcaster.js';
import { BroadcasterStoppedError } from '../watch/errors.js';
import { publish } from '../engine/diagnostics.js';
import type { DropReporter } from '../engine/drop-reporter.js';
import { copyAnnotations } from '../shared/annotations.js';
import { asInvalidEventError, thrownText } from '../shared/errors.js';
import { asLogger } from '../shared/logger.js';
import type { EventNameGenerator } from '../shared/event-name.js';
import { DEFAULT_EVENT_NAMESPACE, getReference } from '../shared/reference.js';
import { printable } from '../shared/log-values.js';
import type { Clock, EventAnnotations, EventSubject, EventType, LogFields, Logger } from '../shared/types.js';
import { InvalidEventsV1EventError } from './errors.js';
import { toMicroTime } from './micro-time.js';
import type { EventsV1Counters } from './stats.js';
import type { UnifiedEventRecorder } from '../shared/unified-recorder.js';
import { NOTE_LENGTH_LIMIT, truncateNote, validateReasonAndAction, validateReporter } from './validation.js';
import type { EventsV1Event } from './types.js';

/**
 * Records events.k8s.io/v1 events (client-go's tools/events `EventRecorderLogger`). Isomorphic
 * occurrences are folded into series by the broadcaster.
 *
 * @example
 * ```ts
 * const recorder = broadcaster.newRecorder('example.com/my-operator');
 * recorder.eventf(pod, undefined, 'Warning', 'FailedSync', 'Reconcile', 'sync %s: %v', key, err);
 * ```
 *
 * @category events.k8s.io
 */
export interface EventsV1Recorder extends UnifiedEventRecorder {
  /** Always `events.k8s.io/v1`. */
  readonly api: 'events.k8s.io/v1';
  /** A recorder that shares everything with this one but logs its drops to `logger`. */
  withLogger(logger: Logger): EventsV1Recorder;
}

/**
 * Options of {@link EventsV1Broadcaster.newRecorder}.
 *
 * @category events.k8s.io
 */
export interface EventsV1RecorderOptions {
  /**
   * `reportingInstance` of every event, at most 128 bytes. Default `<reportingController>-<os.hostname()>`,
   * as client-go; in a pod the hostname is the pod name.
   */
  readonly reportingInstance?: string | undefined;
}

/** The `api` of every diagnostics message of this recorder. */
const API = 'events.k8s.io/v1' as const;

/** What recorders share with their broadcaster. */
export interface EventsV1RecorderContext {
  readonly broadcaster: Broadcaster<EventsV1Event>;
  readonly clock: Clock;
  readonly names: EventNameGenerator;
  readonly drops: DropReporter;
  readonly counters: EventsV1Counters;
}

/** The default `reportingInstance`: `<controller>-<hostname>`, as client-go's NewRecorder. */
export function defaultReportingInstance(reportingController: string): string {
  return `${reportingController}-${hostname()}`;
}

/** The broadcaster's recorder implementation. */
export class EventsV1RecorderImpl implements EventsV1Recorder {
  readonly api = 'events.k8s.io/v1' as const;
  readonly reportingController: string;
  readonly reportingInstance: string;
  readonly #ctx: EventsV1RecorderContext;
  readonly #logger: Logger;
  /** The reporter identity is checked once: when invalid, every event is dropped with this error. */
  readonly #reporterError: InvalidEventsV1EventError | undefined;

  constructor(ctx: EventsV1RecorderContext, reportingController: string, reportingInstance: string, logger: Logger) {
    this.#ctx = ctx;
    this.reportingController = reportingController;
    this.reportingInstance = reportingInstance;
    this.#logger = logger;
    this.#reporterError = validateReporter(reportingController, reportingInstance);
  }

  eventf(
    regarding: EventSubject,
    related: EventSubject | null | undefined,
    type: EventType,
    reason: string,
    action: string,
    note: string,
    ...args: unknown[]
  ): void {
    this.#generate(regarding, related, undefined, type, reason, action, note, args);
  }

  annotatedEventf(
    regarding: EventSubject,
    related: EventSubject | null | undefined,
    annotations: EventAnnotations,
    type: EventType,
    reason: string,
    action: string,
    note: string,
    ...args: unknown[]
  ): void {
    this.#generate(regarding, related, annotations, type, reason, action, note, args);
  }

  withLogger(logger: Logger): EventsV1Recorder {
    return new EventsV1RecorderImpl(this.#ctx, this.reportingController, this.reportingInstance, asLogger(logger, this.#logger));
  }

  #generate(
    regarding: unknown,
    related: unknown,
    annotations: EventAnnotations | undefined,
    type: unknown,
    reason: unknown,
    action: unknown,
    note: unknown,
    args: unknown[],
  ): void {
    let event: EventsV1Event | undefined;
    try {
      event = this.#build(regarding, related, annotations, type, reason, action, note, args);
    } catch (err) {
      // Whatever the caller's input threw while being read (a getter, a Proxy trap, a toString) is a typed drop.
      const e = asInvalidEventError(err, 'UnreadableInput', "can't read the event's input");
      this.#invalid(new InvalidEventsV1EventError(e.code, e.message), 'Could not record event', {});
      return;
    }
    if (event) this.#push(event);
  }

  #build(
    regarding: unknown,
    related: unknown,
    annotations: unknown,
    type: unknown,
    reason: unknown,
    action: unknown,
    note: unknown,
    args: unknown[],
  ): EventsV1Event | undefined {
    if (this.#reporterError) return this.#invalid(this.#reporterError, 'Invalid reporter, will not report event', { reason, action });
    let ref: V1ObjectReference;
    try {
      ref = getReference(regarding);
    } catch (err) {
      const e = asInvalidEventError(err, 'UnreadableObject', "can't read the object the event is about");
      return this.#invalid(new InvalidEventsV1EventError(e.code, e.message), 'Could not construct reference, will not report event', {
        reason: printable(reason),
        type: printable(type),
      });
    }
    if (type !== 'Normal' && type !== 'Warning') {
      const error = new InvalidEventsV1EventError('UnsupportedType', `unsupported event type ${String(printable(type))}: use 'Normal' or 'Warning'`);
      return this.#invalid(error, 'Unsupported event type, will not report event', { object: ref.name, reason: printable(reason) });
    }
    const fieldError = validateReasonAndAction(reason, action);
    if (fieldError) return this.#invalid(fieldError, 'Invalid event, the API server would reject it: will not report event', { object: ref.name });
    let copied: Record<string, string> | undefined;
    try {
      copied = copyAnnotations(annotations);
    } catch (err) {
      const e = asInvalidEventError(err, 'InvalidAnnotations', "can't read the annotations");
      return this.#invalid(new InvalidEventsV1EventError(e.code, e.message), 'Invalid annotations, will not report event', { object: ref.name, reason });
    }
    const relatedRef = this.#related(related, ref);
    // A note that is not a string is printed as sprintf prints its format (String(), `%!(BADFORMAT)` if that throws).
    const formatted = sprintfBounded(NOTE_LENGTH_LIMIT + 1, note as string, args);
    const truncated = truncateNote(formatted);
    if (truncated !== formatted) {
      this.#ctx.counters.notesTruncated++;
      this.#logger.debug('Event note truncated to 1024 bytes', { object: ref.name, reason: reason as string, limit: NOTE_LENGTH_LIMIT });
    }
    const t = this.#ctx.clock.now();
    const metadata: NonNullable<EventsV1Event['metadata']> = {
      name: this.#ctx.names.nameFor(ref.name ?? '', t.getTime()),
      namespace: ref.namespace || DEFAULT_EVENT_NAMESPACE,
    };
    if (copied !== undefined) metadata.annotations = copied;
    const event: EventsV1Event = {
      metadata,
      eventTime: toMicroTime(t),
      reportingController: this.reportingController,
      reportingInstance: this.reportingInstance,
      action: action as string,
      reason: reason as string,
      regarding: ref,
      note: truncated,
      type,
    };
    if (relatedRef) event.related = relatedRef;
    return event;
  }

  /** The related reference, or undefined: a bad one is dropped alone, as client-go (which logs it at V(9)). */
  #related(related: unknown, regarding: V1ObjectReference): V1ObjectReference | undefined {
    if (related === undefined || related === null) return undefined;
    try {
      return getReference(related);
    } catch (err) {
      this.#logger.debug('Could not construct reference to related object, recording the event without it', {
        object: regarding.name,
        error: thrownText(err),
      });
      return undefined;
    }
  }

  #push(event: EventsV1Event): void {
    const { counters } = this.#ctx;
    try {
      if (this.#ctx.broadcaster.actionOrDrop(event)) {
        counters.accepted++;
        publish('accepted', () => ({ api: API, event }));
        return;
      }
      counters.dropped.queueFull++;
      publish('dropped', () => ({ api: API, event, cause: 'queueFull' }));
      this.#ctx.drops.report(this.#logger, 'queueFull', 'too many queued events, dropped event', { object: event.regarding?.name, reason: event.reason });
    } catch (err) {
      if (!(err instanceof BroadcasterStoppedError)) throw err;
      counters.dropped.afterShutdown++;
      publish('dropped', () => ({ api: API, event, cause: 'afterShutdown' }));
      this.#ctx.drops.report(this.#logger, 'afterShutdown', 'Unable to record event (will not retry!): broadcaster is shut down', {
        object: event.regarding?.name,
        reason: event.reason,
      });
    }
  }

  #invalid(error: InvalidEventsV1EventError, message: string, fields: LogFields): undefined {
    this.#ctx.counters.rejectInvalid(error.code);
    publish('dropped', () => ({ api: API, event: undefined, cause: 'invalid' }));
    this.#ctx.drops.report(this.#logger, 'invalid', message, { ...fields, code: error.code, error: error.message });
    return undefined;
  }
}
