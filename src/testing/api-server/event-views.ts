// The two endpoints that serve the one event store: core/v1 `events` and events.k8s.io/v1 `events`.
import {
  coreEventFieldLabel,
  coreEventSchema,
  eventFromCore,
  eventFromEventsV1,
  eventSelectableFields,
  eventsV1EventSchema,
  eventsV1FieldLabel,
  renderCoreEvent,
  renderEventsV1Event,
  type InternalEvent,
} from './event-model.js';
import { validateEventCreate, validateEventUpdate } from './event-validation.js';
import type { FieldSchema } from './managed-fields.js';
import { objectMetaFieldSchema } from './object-meta.js';
import { metadataListStrategies, type ResourceView } from './resource-view.js';
import type { ObjectStore } from './store.js';

// ObjectReference is +structType=atomic (owned as one field); EventSource and EventSeries are granular.
const STRUCT: FieldSchema = { t: 'struct', fields: {} };
const CORE_FIELDS: FieldSchema = { t: 'struct', fields: { metadata: objectMetaFieldSchema, source: STRUCT, series: STRUCT } };
const EVENTS_V1_FIELDS: FieldSchema = { t: 'struct', fields: { metadata: objectMetaFieldSchema, deprecatedSource: STRUCT, series: STRUCT } };

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

type EventViewBase = Omit<
  ResourceView<InternalEvent>,
  'group' | 'apiVersion' | 'gr' | 'schema' | 'decode' | 'render' | 'validateCreate' | 'validateUpdate' | 'fieldLabel' | 'fieldSchema'
>;

function base(store: ObjectStore<InternalEvent>): EventViewBase {
  return {
    version: 'v1',
    resource: 'events',
    singularName: 'event',
    kind: 'Event',
    shortNames: ['ev'],
    verbs: VERBS,
    storageVersionHash: 'r2yiGXH7wu8=',
    namespaced: true,
    internalGroup: '',
    store,
    allowCreateOnUpdate: true,
    returnDeletedObject: false,
    listStrategies: metadataListStrategies,
    empty: (resourceVersion) => ({ metadata: { resourceVersion }, involvedObject: {}, source: {} }),
    prepareForCreate: () => undefined,
    prepareForUpdate: () => undefined,
    selectableFields: eventSelectableFields,
  };
}

/** core/v1 events. */
export function coreEventsView(store: ObjectStore<InternalEvent>): ResourceView<InternalEvent> {
  return {
    ...base(store),
    group: '',
    apiVersion: 'v1',
    gr: { group: '', resource: 'events' },
    convertibleFrom: ['events.k8s.io/v1/Event', 'events.k8s.io/v1beta1/Event'],
    schema: coreEventSchema,
    fieldSchema: CORE_FIELDS,
    decode: eventFromCore,
    render: renderCoreEvent,
    validateCreate: (e) => validateEventCreate(e, 'core'),
    validateUpdate: (e, old) => validateEventUpdate(e, old, 'core'),
    fieldLabel: coreEventFieldLabel,
  };
}

/** events.k8s.io/v1 events: the same store, seen through the new field names and the strict rules. */
export function eventsV1View(store: ObjectStore<InternalEvent>): ResourceView<InternalEvent> {
  return {
    ...base(store),
    group: 'events.k8s.io',
    apiVersion: 'events.k8s.io/v1',
    gr: { group: 'events.k8s.io', resource: 'events' },
    convertibleFrom: ['v1/Event', 'events.k8s.io/v1beta1/Event'],
    schema: eventsV1EventSchema,
    fieldSchema: EVENTS_V1_FIELDS,
    decode: eventFromEventsV1,
    render: renderEventsV1Event,
    validateCreate: (e) => validateEventCreate(e, 'events'),
    validateUpdate: (e, old) => validateEventUpdate(e, old, 'events'),
    fieldLabel: eventsV1FieldLabel,
  };
}
