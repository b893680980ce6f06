// Public surface of the API chooser: createEventRecorder, discovery and the core/v1 adapter of UnifiedEventRecorder.
export { CoreV1EventRecorderAdapter } from './core-v1-adapter.js';
export { createEventRecorder, type CreateEventRecorderOptions, type EventRecorderSetup } from './create-event-recorder.js';
export { discoverEventsApi } from './discovery.js';
export { EventsApiDiscoveryError } from './errors.js';
export { listEventsFor, type ListEventsForOptions } from './list-events-for.js';
