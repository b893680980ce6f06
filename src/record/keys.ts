// Cache keys of the correlator (client-go events_cache.go §3.1). Fields are joined with an EMPTY
// separator, as upstream does: adjacent fields can collide ("ab"+"c" = "a"+"bc"), and we keep that for
// fidelity so a Go and a TypeScript controller deduplicate the same events.
import type { CoreV1Event } from '@kubernetes/client-node';

/**
 * The dedupe key (`getEventKey`): source, involved object (kind, namespace, name, fieldPath, uid,
 * apiVersion), type, reason and message. Also the key `updateState` stores the server's answer under.
 */
export function getEventKey(event: CoreV1Event): string {
  const o = event.involvedObject;
  const s = event.source;
  return (
    (s?.component ?? '') +
    (s?.host ?? '') +
    (o.kind ?? '') +
    (o.namespace ?? '') +
    (o.name ?? '') +
    (o.fieldPath ?? '') +
    (o.uid ?? '') +
    (o.apiVersion ?? '') +
    (event.type ?? '') +
    (event.reason ?? '') +
    (event.message ?? '')
  );
}

/**
 * The default spam key (`getSpamKey`): source, involved object (kind, namespace, name, uid, apiVersion)
 * and type. No fieldPath, reason or message: one token bucket per (source, object, type).
 */
export function getSpamKey(event: CoreV1Event): string {
  const o = event.involvedObject;
  const s = event.source;
  return (
    (s?.component ?? '') +
    (s?.host ?? '') +
    (o.kind ?? '') +
    (o.namespace ?? '') +
    (o.name ?? '') +
    (o.uid ?? '') +
    (o.apiVersion ?? '') +
    (event.type ?? '')
  );
}

/**
 * A spam key preset that also separates reasons, so a run of one reason (say `BackOff`) cannot starve
 * another (`Started`) on the same object. Proposed upstream (kubernetes#136176) but not merged there.
 */
export function getSpamKeyByReason(event: CoreV1Event): string {
  return getSpamKey(event) + (event.reason ?? '');
}

/**
 * The default aggregation key function (`EventAggregatorByReasonFunc`): the aggregate key is source,
 * involved object (no fieldPath), type, reason and reporting controller/instance; the local key is the
 * message. Returns `[aggregateKey, localKey]`.
 */
export function aggregateByReason(event: CoreV1Event): [aggregateKey: string, localKey: string] {
  const o = event.involvedObject;
  const s = event.source;
  const key =
    (s?.component ?? '') +
    (s?.host ?? '') +
    (o.kind ?? '') +
    (o.namespace ?? '') +
    (o.name ?? '') +
    (o.uid ?? '') +
    (o.apiVersion ?? '') +
    (event.type ?? '') +
    (event.reason ?? '') +
    (event.reportingComponent ?? '') +
    (event.reportingInstance ?? '');
  return [key, event.message ?? ''];
}

/** The prefix client-go puts before the latest message of an aggregated event (note the trailing space). */
export const AGGREGATE_MESSAGE_PREFIX = '(combined from similar events): ';

/** The default message function of aggregation (`EventAggregatorByReasonMessageFunc`). */
export function aggregateMessage(event: CoreV1Event): string {
  return AGGREGATE_MESSAGE_PREFIX + (event.message ?? '');
}
