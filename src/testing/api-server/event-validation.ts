// kube-apiserver's pkg/apis/core/validation/events.go for both API groups: the legacy checks every
// event gets, the strict events.k8s.io/v1 create/update rules, and eventTime switching on strict checks.
import type { EventSeries, EventSource, InternalEvent, ObjectReference } from './event-model.js';
import { invalid, invalidRendered, required, type FieldError } from './field-errors.js';
import { goQuote, goStructRepr, goTimeString } from './go-format.js';
import { jsonEqual, type JsonValue } from './json.js';
import { byteLength, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from './name-validation.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

/** Which API group a request came through: the strict rules apply to events.k8s.io only. */
export type EventApi = 'core' | 'events';

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

function legacyValidate(e: InternalEvent, api: EventApi): FieldError[] {
  const errs: FieldError[] = [];
  const ns = e.metadata.namespace ?? '';
  const ioNs = e.involvedObject.namespace ?? '';
  const controllerField = api === 'core' ? 'reportingComponent' : 'reportingController';
  if (e.eventTime === undefined) {
    // Old-style events: the namespaces must agree (cluster-scoped objects: "" or "default").
    if (ioNs === '') {
      if (ns !== '' && ns !== 'default') errs.push(invalid('involvedObject.namespace', ioNs, 'does not match event.namespace'));
    } else if (ns !== ioNs) {
      errs.push(invalid('involvedObject.namespace', ioNs, 'does not match event.namespace'));
    }
  } else {
    if (ioNs === '' && ns !== 'default' && ns !== 'kube-system') {
      errs.push(invalid('involvedObject.namespace', ioNs, 'does not match event.namespace'));
    }
    const controller = e.reportingController ?? '';
    if (controller.length === 0) errs.push(required(controllerField));
    for (const msg of isQualifiedName(controller)) errs.push(invalid(controllerField, controller, msg));
    const instance = e.reportingInstance ?? '';
    if (instance.length === 0) errs.push(required('reportingInstance'));
    if (byteLength(instance) > REPORTING_INSTANCE_LIMIT) errs.push(invalid('reportingInstance', '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`));
    const action = e.action ?? '';
    if (action.length === 0) errs.push(required('action'));
    if (byteLength(action) > ACTION_LIMIT) errs.push(invalid('action', '', `can have at most ${ACTION_LIMIT} characters`));
    const reason = e.reason ?? '';
    if (reason.length === 0) errs.push(required('reason'));
    if (byteLength(reason) > REASON_LIMIT) errs.push(invalid('reason', '', `can have at most ${REASON_LIMIT} characters`));
    if (byteLength(e.message ?? '') > NOTE_LIMIT) errs.push(invalid('message', '', `can have at most ${NOTE_LIMIT} characters`));
  }
  for (const msg of isDNS1123Subdomain(ns)) errs.push(invalid('namespace', ns, msg));
  return errs;
}

function validateSeries(e: InternalEvent): FieldError[] {
  const errs: FieldError[] = [];
  if (e.series) {
    if ((e.series.count ?? 0) < 2) errs.push(invalid('series.count', '', 'should be at least 2'));
    if (e.series.lastObservedTime === undefined) errs.push(required('series.lastObservedTime'));
  }
  return errs;
}

/** ValidateEventCreate. */
export function validateEventCreate(e: InternalEvent, api: EventApi): FieldError[] {
  const errs = legacyValidate(e, api);
  if (api === 'core') return errs;
  errs.push(...validateObjectMeta(e.metadata, true, nameIsDNSSubdomain));
  errs.push(...validateSeries(e));
  if (e.eventTime === undefined) errs.push(required('eventTime'));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(invalid('type', '', `has invalid value: ${e.type ?? ''}`));
  if (e.firstTimestamp !== undefined) errs.push(invalid('firstTimestamp', '', 'needs to be unset'));
  if (e.lastTimestamp !== undefined) errs.push(invalid('lastTimestamp', '', 'needs to be unset'));
  if (e.count) errs.push(invalid('count', '', 'needs to be unset'));
  if (e.source.component || e.source.host) errs.push(invalid('source', '', 'needs to be unset'));
  return errs;
}

// %#v / String() renderings of the bad values, as field.Error prints them for each Go type.
const qs = (v: string | undefined): string => goQuote(v ?? '');
function refRepr(r: ObjectReference | undefined): string {
  if (r === undefined) return 'null';
  return goStructRepr('core.ObjectReference', [
    ['Kind', qs(r.kind)],
    ['Namespace', qs(r.namespace)],
    ['Name', qs(r.name)],
    ['UID', qs(r.uid)],
    ['APIVersion', qs(r.apiVersion)],
    ['ResourceVersion', qs(r.resourceVersion)],
    ['FieldPath', qs(r.fieldPath)],
  ]);
}
const sourceRepr = (s: EventSource): string => goStructRepr('core.EventSource', [['Component', qs(s.component)], ['Host', qs(s.host)]]);

function immutable(
  errs: FieldError[],
  field: string,
  newV: JsonValue | ObjectReference | EventSource | EventSeries | undefined,
  oldV: JsonValue | ObjectReference | EventSource | EventSeries | undefined,
  rendered: string,
): void {
  if (!jsonEqual((newV ?? null) as JsonValue, (oldV ?? null) as JsonValue)) errs.push(invalidRendered(field, rendered, 'field is immutable'));
}

/** ValidateEventUpdate. */
export function validateEventUpdate(n: InternalEvent, o: InternalEvent, api: EventApi): FieldError[] {
  const errs = legacyValidate(n, api);
  if (api === 'core') return errs;
  errs.push(...validateObjectMetaUpdate(n.metadata, o.metadata));
  if (!jsonEqual((n.series ?? null) as JsonValue, (o.series ?? null) as JsonValue)) errs.push(...validateSeries(n));
  immutable(errs, 'involvedObject', n.involvedObject, o.involvedObject, refRepr(n.involvedObject));
  immutable(errs, 'reason', n.reason, o.reason, qs(n.reason));
  immutable(errs, 'message', n.message, o.message, qs(n.message));
  immutable(errs, 'source', n.source, o.source, sourceRepr(n.source));
  immutable(errs, 'firstTimestamp', n.firstTimestamp, o.firstTimestamp, goTimeString(n.firstTimestamp));
  immutable(errs, 'lastTimestamp', n.lastTimestamp, o.lastTimestamp, goTimeString(n.lastTimestamp));
  immutable(errs, 'count', n.count ?? 0, o.count ?? 0, String(n.count ?? 0));
  immutable(errs, 'reason', n.reason, o.reason, qs(n.reason));
  immutable(errs, 'type', n.type, o.type, qs(n.type));
  immutable(errs, 'eventTime', n.eventTime, o.eventTime, goTimeString(n.eventTime));
  immutable(errs, 'action', n.action, o.action, qs(n.action));
  immutable(errs, 'related', n.related, o.related, refRepr(n.related));
  immutable(errs, 'reportingController', n.reportingController, o.reportingController, qs(n.reportingController));
  immutable(errs, 'reportingInstance', n.reportingInstance, o.reportingInstance, qs(n.reportingInstance));
  return errs;
}
