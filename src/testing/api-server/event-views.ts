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
import { metadataListStrategies, type ResourceView } from './resource-view.js';
import type { ObjectStore } from './store.js';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

type EventViewBase = Omit<
  ResourceView<InternalEvent>,
  'group' | 'apiVersion' | 'gr' | 'schema' | 'decode' | 'render' | 'validateCreate' | 'validateUpdate' | 'fieldLabel'
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
    schema: coreEventSchema,
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
    schema: eventsV1EventSchema,
    decode: eventFromEventsV1,
    render: renderEventsV1Event,
    validateCreate: (e) => validateEventCreate(e, 'events'),
    validateUpdate: (e, old) => validateEventUpdate(e, old, 'events'),
    fieldLabel: eventsV1FieldLabel,
  };
}
