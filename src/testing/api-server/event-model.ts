// The one stored Event and its two API views: core/v1 Event and events.k8s.io/v1 Event are decoded
// into the same internal shape (as kube-apiserver's internal core.Event) and rendered back per group.
import { S, type StructSchema } from './decode.js';
import type { JsonObject } from './json.js';
import { metaFrom, objectMetaSchema, renderMeta, type ObjectMeta } from './object-meta.js';

/** core.ObjectReference (involvedObject / regarding / related). */
export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** core.EventSource (source / deprecatedSource). */
export interface EventSource {
  component?: string;
  host?: string;
}

/** core.EventSeries. `lastObservedTime` is a MicroTime string. */
export interface EventSeries {
  count?: number;
  lastObservedTime?: string;
}

/** The internal (hub) Event both API groups read and write. Absent fields are Go zero values. */
export interface InternalEvent {
  metadata: ObjectMeta;
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  source: EventSource;
  firstTimestamp?: string;
  lastTimestamp?: string;
  count?: number;
  type?: string;
  eventTime?: string;
  series?: EventSeries;
  action?: string;
  related?: ObjectReference;
  reportingController?: string;
  reportingInstance?: string;
}

const objectReferenceSchema: StructSchema = {
  t: 'struct',
  go: 'v1.ObjectReference',
  fields: {
    kind: S.string,
    namespace: S.string,
    name: S.string,
    uid: S.string,
    apiVersion: S.string,
    resourceVersion: S.string,
    fieldPath: S.string,
  },
};
const eventSourceSchema: StructSchema = { t: 'struct', go: 'v1.EventSource', fields: { component: S.string, host: S.string } };
const eventSeriesSchema: StructSchema = { t: 'struct', go: 'v1.EventSeries', fields: { count: S.int32, lastObservedTime: S.microtime } };

/** JSON schema of core/v1 Event. */
export const coreEventSchema: StructSchema = {
  t: 'struct',
  go: 'v1.Event',
  fields: {
    kind: S.string,
    apiVersion: S.string,
    metadata: objectMetaSchema,
    involvedObject: objectReferenceSchema,
    reason: S.string,
    message: S.string,
    source: eventSourceSchema,
    firstTimestamp: S.time,
    lastTimestamp: S.time,
    count: S.int32,
    type: S.string,
    eventTime: S.microtime,
    series: eventSeriesSchema,
    action: S.string,
    related: objectReferenceSchema,
    reportingComponent: S.string,
    reportingInstance: S.string,
  },
};

/** JSON schema of events.k8s.io/v1 Event. */
export const eventsV1EventSchema: StructSchema = {
  t: 'struct',
  go: 'v1.Event',
  fields: {
    kind: S.string,
    apiVersion: S.string,
    metadata: objectMetaSchema,
    eventTime: S.microtime,
    series: eventSeriesSchema,
    reportingController: S.string,
    reportingInstance: S.string,
    action: S.string,
    reason: S.string,
    regarding: objectReferenceSchema,
    related: objectReferenceSchema,
    note: S.string,
    type: S.string,
    deprecatedSource: eventSourceSchema,
    deprecatedFirstTimestamp: S.time,
    deprecatedLastTimestamp: S.time,
    deprecatedCount: S.int32,
  },
};

// The decoder has checked every field against the schemas above, so these reads are shape-safe.
type Decoded = Record<string, unknown>;
const str = (o: Decoded, k: string): string | undefined => o[k] as string | undefined;
const num = (o: Decoded, k: string): number | undefined => o[k] as number | undefined;

function setDefined<T extends object>(target: T, values: Partial<T>): T {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

/** Internal event from a decoded core/v1 body. */
export function eventFromCore(d: JsonObject): InternalEvent {
  const o: Decoded = d;
  return setDefined<InternalEvent>(
    { metadata: metaFrom(d), involvedObject: (o['involvedObject'] as ObjectReference | undefined) ?? {}, source: (o['source'] as EventSource | undefined) ?? {} },
    {
      reason: str(o, 'reason'),
      message: str(o, 'message'),
      firstTimestamp: str(o, 'firstTimestamp'),
      lastTimestamp: str(o, 'lastTimestamp'),
      count: num(o, 'count'),
      type: str(o, 'type'),
      eventTime: str(o, 'eventTime'),
      series: o['series'] as EventSeries | undefined,
      action: str(o, 'action'),
      related: o['related'] as ObjectReference | undefined,
      reportingController: str(o, 'reportingComponent'),
      reportingInstance: str(o, 'reportingInstance'),
    },
  );
}

/** Internal event from a decoded events.k8s.io/v1 body (Convert_v1_Event_To_core_Event). */
export function eventFromEventsV1(d: JsonObject): InternalEvent {
  const o: Decoded = d;
  return setDefined<InternalEvent>(
    { metadata: metaFrom(d), involvedObject: (o['regarding'] as ObjectReference | undefined) ?? {}, source: (o['deprecatedSource'] as EventSource | undefined) ?? {} },
    {
      reason: str(o, 'reason'),
      message: str(o, 'note'),
      firstTimestamp: str(o, 'deprecatedFirstTimestamp'),
      lastTimestamp: str(o, 'deprecatedLastTimestamp'),
      count: num(o, 'deprecatedCount'),
      type: str(o, 'type'),
      eventTime: str(o, 'eventTime'),
      series: o['series'] as EventSeries | undefined,
      action: str(o, 'action'),
      related: o['related'] as ObjectReference | undefined,
      reportingController: str(o, 'reportingController'),
      reportingInstance: str(o, 'reportingInstance'),
    },
  );
}

export function renderObjectReference(r: ObjectReference): JsonObject {
  const out: JsonObject = {};
  if (r.kind) out['kind'] = r.kind;
  if (r.namespace) out['namespace'] = r.namespace;
  if (r.name) out['name'] = r.name;
  if (r.uid) out['uid'] = r.uid;
  if (r.apiVersion) out['apiVersion'] = r.apiVersion;
  if (r.resourceVersion) out['resourceVersion'] = r.resourceVersion;
  if (r.fieldPath) out['fieldPath'] = r.fieldPath;
  return out;
}

function renderSource(s: EventSource): JsonObject {
  const out: JsonObject = {};
  if (s.component) out['component'] = s.component;
  if (s.host) out['host'] = s.host;
  return out;
}

/** core/v1 Event JSON in Go field order (omitempty rules of k8s.io/api/core/v1). */
export function renderCoreEvent(e: InternalEvent): JsonObject {
  const out: JsonObject = { metadata: renderMeta(e.metadata), involvedObject: renderObjectReference(e.involvedObject) };
  if (e.reason) out['reason'] = e.reason;
  if (e.message) out['message'] = e.message;
  out['source'] = renderSource(e.source);
  out['firstTimestamp'] = e.firstTimestamp ?? null;
  out['lastTimestamp'] = e.lastTimestamp ?? null;
  if (e.count) out['count'] = e.count;
  if (e.type) out['type'] = e.type;
  out['eventTime'] = e.eventTime ?? null;
  if (e.series) {
    const series: JsonObject = {};
    if (e.series.count) series['count'] = e.series.count;
    series['lastObservedTime'] = e.series.lastObservedTime ?? null;
    out['series'] = series;
  }
  if (e.action) out['action'] = e.action;
  if (e.related) out['related'] = renderObjectReference(e.related);
  out['reportingComponent'] = e.reportingController ?? '';
  out['reportingInstance'] = e.reportingInstance ?? '';
  return out;
}

/** events.k8s.io/v1 Event JSON in Go field order (omitempty rules of k8s.io/api/events/v1). */
export function renderEventsV1Event(e: InternalEvent): JsonObject {
  const out: JsonObject = { metadata: renderMeta(e.metadata), eventTime: e.eventTime ?? null };
  if (e.series) out['series'] = { count: e.series.count ?? 0, lastObservedTime: e.series.lastObservedTime ?? null };
  if (e.reportingController) out['reportingController'] = e.reportingController;
  if (e.reportingInstance) out['reportingInstance'] = e.reportingInstance;
  if (e.action) out['action'] = e.action;
  if (e.reason) out['reason'] = e.reason;
  out['regarding'] = renderObjectReference(e.involvedObject);
  if (e.related) out['related'] = renderObjectReference(e.related);
  if (e.message) out['note'] = e.message;
  if (e.type) out['type'] = e.type;
  out['deprecatedSource'] = renderSource(e.source);
  out['deprecatedFirstTimestamp'] = e.firstTimestamp ?? null;
  out['deprecatedLastTimestamp'] = e.lastTimestamp ?? null;
  if (e.count) out['deprecatedCount'] = e.count;
  return out;
}

/** The fields field selectors can filter events on (core event strategy's ToSelectableFields). */
export function eventSelectableFields(e: InternalEvent): Record<string, string> {
  const io = e.involvedObject;
  return {
    'involvedObject.kind': io.kind ?? '',
    'involvedObject.namespace': io.namespace ?? '',
    'involvedObject.name': io.name ?? '',
    'involvedObject.uid': io.uid ?? '',
    'involvedObject.apiVersion': io.apiVersion ?? '',
    'involvedObject.resourceVersion': io.resourceVersion ?? '',
    'involvedObject.fieldPath': io.fieldPath ?? '',
    reason: e.reason ?? '',
    reportingComponent: e.reportingController ?? '',
    source: e.source.component || (e.reportingController ?? ''),
    type: e.type ?? '',
    'metadata.name': e.metadata.name ?? '',
    'metadata.namespace': e.metadata.namespace ?? '',
  };
}

const CORE_EVENT_FIELD_LABELS = new Set([
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
  'metadata.namespace',
  'metadata.name',
]);

const EVENTS_V1_FIELD_LABELS: Record<string, string> = {
  reason: 'reason',
  'regarding.kind': 'involvedObject.kind',
  'regarding.namespace': 'involvedObject.namespace',
  'regarding.name': 'involvedObject.name',
  'regarding.uid': 'involvedObject.uid',
  'regarding.apiVersion': 'involvedObject.apiVersion',
  'regarding.resourceVersion': 'involvedObject.resourceVersion',
  'regarding.fieldPath': 'involvedObject.fieldPath',
  reportingController: 'reportingComponent',
  type: 'type',
  'metadata.namespace': 'metadata.namespace',
  'metadata.name': 'metadata.name',
};

/** core/v1's field label conversion for Event; returns the internal label or throws the server's message. */
export function coreEventFieldLabel(label: string): string {
  if (CORE_EVENT_FIELD_LABELS.has(label)) return label;
  throw new Error(`field label not supported: ${label}`);
}

/** events.k8s.io/v1's field label conversion (regarding.* → involvedObject.*). */
export function eventsV1FieldLabel(label: string): string {
  const mapped = EVENTS_V1_FIELD_LABELS[label];
  if (mapped === undefined) throw new Error(`field label not supported: ${label}`);
  return mapped;
}
