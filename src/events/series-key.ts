// The isomorphism key of events.k8s.io/v1 series: two occurrences with the same key join one series.
import type { V1ObjectReference } from '@kubernetes/client-node';
import type { EventsV1Event } from './types.js';

/** How the series key treats object references. */
export interface SeriesKeyOptions {
  /**
   * Whether `resourceVersion` of regarding and related is part of the key. client-go compares the whole
   * reference, so an object that changed between two occurrences starts a new Event instead of extending
   * the series (fluxcd/kustomize-controller#1621). Default false: kube-record leaves it out.
   */
  readonly includeResourceVersion: boolean;
}

// A separator that cannot appear in Kubernetes names, kinds or reasons, so adjacent fields never collide
// (client-go uses a struct as the map key; core/v1's concatenated keys can collide, this one cannot).
const SEP = '\u0000';

function refKey(ref: V1ObjectReference | undefined, includeResourceVersion: boolean): string {
  if (!ref) return '';
  return (
    (ref.kind ?? '') + SEP + (ref.namespace ?? '') + SEP + (ref.name ?? '') + SEP + (ref.uid ?? '') + SEP +
    (ref.apiVersion ?? '') + SEP + (ref.fieldPath ?? '') + SEP + (includeResourceVersion ? (ref.resourceVersion ?? '') : '')
  );
}

/**
 * The series key: type, action, reason, reportingController, reportingInstance, regarding and related, as
 * client-go's `getKey`. `note` is not part of it (kubernetes/kubernetes#112365), so isomorphic events with
 * different notes join one series and the Event keeps the first note. Annotations are not part of it either.
 */
export function seriesKey(event: EventsV1Event, options: SeriesKeyOptions): string {
  const rv = options.includeResourceVersion;
  return (
    (event.type ?? '') + SEP + (event.action ?? '') + SEP + (event.reason ?? '') + SEP + (event.reportingController ?? '') + SEP +
    (event.reportingInstance ?? '') + SEP + refKey(event.regarding, rv) + SEP + SEP + refKey(event.related, rv)
  );
}
