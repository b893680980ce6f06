// Cache keys of the correlator (client-go events_cache.go §3.1). Fields are joined with an EMPTY
// separator, as upstream does: adjacent fields can collide ("ab"+"c" = "a"+"bc"), and we keep that for
// fidelity so a Go and a TypeScript controller deduplicate the same events.
import type { CoreV1Event } from '@kubernetes/client-node';

/**
 * The dedupe key (`getEventKey`): source, involved object (kind, namespace, name, fieldPath, uid,
 * apiVersion), type, reason and message. Also the key `updateState` stores the server's answer under.
 *
 * @example
 * ```ts
 * // event: Warning BackOff on Pod prod/web-0 (uid u1, apiVersion v1), source my-operator on node-1
 * getEventKey(event);
 * // 'my-operatornode-1Podprodweb-0u1v1WarningBackOffBack-off pulling image "nginx:1.27"'
 * // (source, object, type, reason and message joined without a separator, as client-go does)
 * ```
 *
 * @category Correlation
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
 * The fields of the dedupe identity, in `getEventKey`'s order.
 *
 * @category Correlation
 */
export const EVENT_KEY_FIELDS = [
  'source.component',
  'source.host',
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.fieldPath',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'type',
  'reason',
  'message',
] as const;

/**
 * One field of the dedupe identity.
 *
 * @category Correlation
 */
export type EventKeyField = (typeof EVENT_KEY_FIELDS)[number];

const FIELD_READERS: Readonly<Record<EventKeyField, (event: CoreV1Event) => string | undefined>> = {
  'source.component': (e) => e.source?.component,
  'source.host': (e) => e.source?.host,
  'involvedObject.kind': (e) => e.involvedObject.kind,
  'involvedObject.namespace': (e) => e.involvedObject.namespace,
  'involvedObject.name': (e) => e.involvedObject.name,
  'involvedObject.fieldPath': (e) => e.involvedObject.fieldPath,
  'involvedObject.uid': (e) => e.involvedObject.uid,
  'involvedObject.apiVersion': (e) => e.involvedObject.apiVersion,
  type: (e) => e.type,
  reason: (e) => e.reason,
  message: (e) => e.message,
};

/**
 * A dedupe identity (`CorrelatorOptions.eventKeyFunc`) that is `getEventKey` without `fields`: events
 * differing only there become one Event. For example `eventKeyWithout('message')` makes a changing
 * message patch one Event (its count and latest message) instead of creating one per message, and
 * `eventKeyWithout('source.host')` lets replicas of a controller count into the same Event.
 *
 * @throws TypeError for a field that is not one of {@link EVENT_KEY_FIELDS}.
 *
 * @example
 * ```ts
 * // Replicas of one controller (different source.host) count into the same Event.
 * const broadcaster = new EventBroadcaster({ correlatorOptions: { eventKeyFunc: eventKeyWithout('source.host') } });
 * ```
 *
 * @category Correlation
 */
export function eventKeyWithout(...fields: readonly EventKeyField[]): (event: CoreV1Event) => string {
  for (const field of fields) {
    if (!(EVENT_KEY_FIELDS as readonly string[]).includes(field)) {
      throw new TypeError(`eventKeyWithout: unknown field ${JSON.stringify(field)}; expected one of ${EVENT_KEY_FIELDS.join(', ')}`);
    }
  }
  const readers = EVENT_KEY_FIELDS.filter((f) => !fields.includes(f)).map((f) => FIELD_READERS[f]);
  return (event) => {
    let key = '';
    for (const read of readers) key += read(event) ?? '';
    return key;
  };
}

/**
 * The default spam key (`getSpamKey`): source, involved object (kind, namespace, name, uid, apiVersion)
 * and type. No fieldPath, reason or message: one token bucket per (source, object, type).
 *
 * @example
 * ```ts
 * // event: Warning BackOff on Pod prod/web-0 (uid u1, apiVersion v1), source my-operator on node-1
 * getSpamKey(event); // 'my-operatornode-1Podprodweb-0u1v1Warning': one token bucket per (source, object, type)
 * ```
 *
 * @category Correlation
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
 *
 * @example
 * ```ts
 * // A storm of BackOff events on a Pod no longer silences its Started events.
 * const broadcaster = new EventBroadcaster({ correlatorOptions: { spamKeyFunc: getSpamKeyByReason } });
 * ```
 *
 * @category Correlation
 */
export function getSpamKeyByReason(event: CoreV1Event): string {
  return getSpamKey(event) + (event.reason ?? '');
}

/**
 * The default aggregation key function (`EventAggregatorByReasonFunc`): the aggregate key is source,
 * involved object (no fieldPath), type, reason and reporting controller/instance; the local key is the
 * message. Returns `[aggregateKey, localKey]`.
 *
 * @example
 * ```ts
 * // event: Warning BackOff on Pod prod/web-0 (uid u1, apiVersion v1), source my-operator on node-1
 * const [aggregateKey, localKey] = aggregateByReason(event);
 * // aggregateKey: 'my-operatornode-1Podprodweb-0u1v1WarningBackOffmy-operatornode-1'
 * // localKey: the message; 10 distinct messages under one aggregateKey within 600 s start aggregation
 * ```
 *
 * @category Correlation
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

/**
 * The default message function of aggregation (`EventAggregatorByReasonMessageFunc`).
 *
 * @example
 * ```ts
 * aggregateMessage({ ...event, message: 'Back-off pulling image "nginx:1.27"' });
 * // '(combined from similar events): Back-off pulling image "nginx:1.27"'
 * ```
 *
 * @category Correlation
 */
export function aggregateMessage(event: CoreV1Event): string {
  return AGGREGATE_MESSAGE_PREFIX + (event.message ?? '');
}
