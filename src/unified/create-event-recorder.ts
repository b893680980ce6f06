// createEventRecorder: one recorder writing to ONE Event API group, chosen by discovery (or forced), so an
// events.k8s.io adopter needs one set of RBAC (client-go's adapter always builds both broadcasters).
import type { KubeConfig } from '@kubernetes/client-node';
import { CoreV1EventSink } from '../record/core-v1-sink.js';
import type { CorrelatorOptions } from '../record/correlator-options.js';
import { EventBroadcaster } from '../record/event-broadcaster.js';
import { clientArgument } from '../shared/argument-checks.js';
import { InvalidArgumentError, optionsObject } from '../watch/argument-error.js';
import { validateWriteOptions } from '../engine/write-options.js';
import { CoreV1EventRecorderAdapter } from './core-v1-adapter.js';
import { discoverEventsApi } from './discovery.js';
import { EventsV1Broadcaster, type EventsV1BroadcasterOptions } from '../events/event-broadcaster.js';
import { EventsV1EventSink } from '../events/events-v1-sink.js';
import { defaultReportingInstance, type EventsV1Recorder } from '../events/recorder.js';
import type { EventsApiGroup } from '../shared/unified-recorder.js';

/**
 * Options of {@link createEventRecorder}: the broadcaster options (without `sink`) plus the identity and the group.
 *
 * @category events.k8s.io
 */
export interface CreateEventRecorderOptions extends Omit<EventsV1BroadcasterOptions, 'sink'> {
  /** `reportingController` (core/v1: `source.component` and `reportingComponent`), e.g. `example.com/my-operator`. */
  readonly component: string;
  /** `reportingInstance` (core/v1: also `source.host`). Default `<component>-<os.hostname()>`. */
  readonly reportingInstance?: string | undefined;
  /**
   * Which group to write to. `'auto'` (default) asks discovery once: events.k8s.io/v1 when served, else
   * core/v1. A named group skips discovery.
   */
  readonly api?: EventsApiGroup | 'auto' | undefined;
  /** Correlator knobs, used only when core/v1 is chosen (events.k8s.io/v1 uses series instead). */
  readonly correlatorOptions?: CorrelatorOptions | undefined;
}

/**
 * What {@link createEventRecorder} returns: check `api` to narrow `broadcaster` and `recorder`.
 *
 * @category events.k8s.io
 */
export type EventRecorderSetup =
  | {
      /** The group every event is written to. */
      readonly api: 'events.k8s.io/v1';
      /** The recorder (series, 128/1024 limits). */
      readonly recorder: EventsV1Recorder;
      /** Its broadcaster, already recording; call `shutdown()` when done. */
      readonly broadcaster: EventsV1Broadcaster;
    }
  | {
      /** The group every event is written to. */
      readonly api: 'v1';
      /** The recorder: the same calls, written as core/v1 Events (correlator, no series). */
      readonly recorder: CoreV1EventRecorderAdapter;
      /** Its broadcaster, already recording; call `shutdown()` when done. */
      readonly broadcaster: EventBroadcaster;
    };

/**
 * Builds a broadcaster that is already recording to the chosen group, and a recorder for `component`.
 * Events go to ONE group: events.k8s.io/v1 (with series) when discovery shows it, otherwise core/v1
 * through the core {@link EventBroadcaster} and {@link CoreV1EventSink}. Discovery is asked once, here.
 *
 * Options that only one group uses are ignored by the other: `series`, `cacheSize`,
 * `seriesKeyIncludesResourceVersion` and `ticker` (events.k8s.io/v1), `correlatorOptions` (core/v1).
 * `retryPolicy`, `retry`, `sinkConcurrency`, `writeQps` and `writeBurst` go to either broadcaster (the
 * same semantics: one Event's writes stay in order, every API call takes a token); with `'client-go'`,
 * `sleepDurationMs` keeps each group's own client-go rule (core/v1: first sleep random, then fixed;
 * events.k8s.io/v1: every sleep jittered by 25 %).
 *
 * @throws {@link EventsApiDiscoveryError} (as a rejection) when `api` is `'auto'` and discovery fails.
 * @throws RangeError (as a rejection) when `sinkConcurrency`, `writeQps` or `writeBurst` is not a usable number.
 * @throws {@link InvalidArgumentError} (as a rejection) when `kubeConfig` is not a KubeConfig, `options` is
 *   not an object, `api` is not one of its three values, or an injected dependency is not what it must be.
 *   A `component` that is not a usable name does not throw: every event is dropped (counted, logged).
 * @example
 * ```ts
 * const kc = new KubeConfig();
 * kc.loadFromDefault();
 * const { recorder, broadcaster, api } = await createEventRecorder(kc, { component: 'example.com/my-operator' });
 * recorder.eventf(pod, undefined, 'Normal', 'Synced', 'Reconcile', 'synced %s', pod.metadata.name);
 * await broadcaster.shutdown();
 * ```
 *
 * @category events.k8s.io
 */
export async function createEventRecorder(kubeConfig: KubeConfig, options: CreateEventRecorderOptions): Promise<EventRecorderSetup> {
  // Checked before discovery: options that cannot work should not cost a round trip.
  options = optionsObject(options);
  clientArgument(kubeConfig, 'makeApiClient');
  validateWriteOptions(options);
  const { component, reportingInstance, api = 'auto', correlatorOptions, ...broadcasterOptions } = options;
  if (api !== 'auto' && api !== 'v1' && api !== 'events.k8s.io/v1') throw new InvalidArgumentError('options.api', "expected 'auto', 'v1' or 'events.k8s.io/v1'");
  const group = api === 'auto' ? await discoverEventsApi(kubeConfig) : api;
  // A component that is not a string (plain JavaScript) makes a recorder that drops every event, as newRecorder's.
  const instance = reportingInstance ?? (typeof component === 'string' ? defaultReportingInstance(component) : '');
  if (group === 'events.k8s.io/v1') {
    const broadcaster = new EventsV1Broadcaster({ ...broadcasterOptions, sink: new EventsV1EventSink(kubeConfig) });
    broadcaster.startRecording();
    return { api: group, broadcaster, recorder: broadcaster.newRecorder(component, { reportingInstance: instance }) };
  }
  const { sleepDurationMs, maxQueuedEvents, signal, logger, random, clock, sleep, retryPolicy, retry, sinkConcurrency, writeQps, writeBurst } = broadcasterOptions;
  const broadcaster = new EventBroadcaster({
    sleepDurationMs,
    maxQueuedEvents,
    signal,
    logger,
    random,
    clock,
    sleep,
    correlatorOptions,
    retryPolicy,
    retry,
    sinkConcurrency,
    writeQps,
    writeBurst,
  });
  // The KubeConfig itself (CoreV1EventSink duck-types it, so one from another client-node copy works too):
  // a sink made from a KubeConfig sends through the lean request path, as the events.k8s.io/v1 one does.
  broadcaster.startRecordingToSink(new CoreV1EventSink(kubeConfig), { name: 'core/v1' });
  const source = { component, host: instance };
  return { api: group, broadcaster, recorder: new CoreV1EventRecorderAdapter(broadcaster.newRecorder(source), source) };
}
