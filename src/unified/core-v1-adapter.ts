// The core/v1 side of UnifiedEventRecorder (client-go record.EventRecorderAdapter): events.k8s.io-shaped
// calls written as core/v1 Events, keeping action and related in core/v1's own fields.
import { CoreV1EventRecorder, type EventRecorder } from '../record/recorder.js';
import { getReference } from '../shared/reference.js';
import type { EventAnnotations, EventSource, EventSubject, EventType, Logger } from '../shared/types.js';
import type { V1ObjectReference } from '@kubernetes/client-node';
import type { UnifiedEventRecorder } from '../shared/unified-recorder.js';

/**
 * Adapts a core/v1 {@link EventRecorder} to {@link UnifiedEventRecorder}: `note` becomes `message`,
 * `reportingController`/`reportingInstance` are the recorder's `source.component`/`source.host`.
 *
 * Unlike client-go's adapter, which silently drops `related` and `action`, a recorder made by
 * `EventBroadcaster.newRecorder` keeps them in the core/v1 Event's own `action` and `related` fields (the
 * API server accepts them on old-style events, without eventTime). They are not part of core/v1's dedupe
 * key: repeats that differ only in action or related count into the first event. Any other
 * `EventRecorder` (e.g. `FakeRecorder`) gets `eventf(regarding, type, reason, note, ...args)`, and action and
 * related are dropped as in client-go. The events.k8s.io/v1 limits (128-byte reason/action, 1024-byte
 * note) are not applied: core/v1 old-style events have none.
 *
 * @example
 * ```ts
 * const broadcaster = new EventBroadcaster();
 * broadcaster.startRecordingToSink(new CoreV1EventSink(kc));
 * const source = { component: 'my-operator', host: 'my-operator-0' };
 * const recorder = new CoreV1EventRecorderAdapter(broadcaster.newRecorder(source), source);
 * recorder.eventf(pod, node, 'Normal', 'Scheduled', 'Binding', 'bound to %s', node.metadata.name);
 * ```
 *
 * @category events.k8s.io
 */
export class CoreV1EventRecorderAdapter implements UnifiedEventRecorder {
  /** Always `v1`. */
  readonly api = 'v1' as const;
  readonly reportingController: string;
  readonly reportingInstance: string;
  readonly #recorder: EventRecorder;
  readonly #source: EventSource;

  /**
   * @param recorder - the core/v1 recorder to write through.
   * @param source - the `source` that recorder was made with (reported as reportingController/Instance).
   */
  constructor(recorder: EventRecorder, source: EventSource) {
    this.#recorder = recorder;
    this.#source = source;
    // Plain JavaScript may pass anything as source: the recorder it wraps drops the events of a bad one.
    const s = (typeof source === 'object' && source !== null ? source : {}) as Partial<EventSource>;
    this.reportingController = typeof s.component === 'string' ? s.component : '';
    this.reportingInstance = typeof s.host === 'string' ? s.host : '';
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
    this.#write(regarding, related, undefined, type, reason, action, note, args);
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
    this.#write(regarding, related, annotations, type, reason, action, note, args);
  }

  withLogger(logger: Logger): UnifiedEventRecorder {
    return new CoreV1EventRecorderAdapter(this.#recorder.withLogger(logger), this.#source);
  }

  #write(
    regarding: EventSubject,
    related: EventSubject | null | undefined,
    annotations: EventAnnotations | undefined,
    type: EventType,
    reason: string,
    action: string,
    note: string,
    args: unknown[],
  ): void {
    const recorder = this.#recorder;
    if (recorder instanceof CoreV1EventRecorder) {
      const details: { action?: string; related?: V1ObjectReference } = {};
      if (typeof action === 'string' && action !== '') details.action = action;
      const ref = relatedReference(related);
      if (ref) details.related = ref;
      recorder.eventfWithDetails(regarding, details, annotations, type, reason, note, args);
    } else if (annotations) {
      recorder.annotatedEventf(regarding, annotations, type, reason, note, ...args);
    } else {
      recorder.eventf(regarding, type, reason, note, ...args);
    }
  }
}

/** The related reference, or undefined when there is none or it cannot be built (dropped alone, as client-go). */
function relatedReference(related: EventSubject | null | undefined): V1ObjectReference | undefined {
  if (related === undefined || related === null) return undefined;
  try {
    return getReference(related);
  } catch {
    return undefined;
  }
}
