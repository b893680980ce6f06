// Public surface of events.k8s.io/v1 recording: broadcaster, recorder with series, sink, the unified recorder.
export { CoreV1EventRecorderAdapter } from '../unified/core-v1-adapter.js';
export { createEventRecorder, type CreateEventRecorderOptions, type EventRecorderSetup } from '../unified/create-event-recorder.js';
export { discoverEventsApi } from '../unified/discovery.js';
export { EventsApiDiscoveryError } from '../unified/errors.js';
export { AlreadyRecordingError, InvalidEventsV1EventError, type EventsV1InvalidCode } from './errors.js';
export {
  EVENTS_V1_SINK_NAME,
  EventsV1Broadcaster,
  type EventsV1BroadcasterOptions,
  type EventsV1ShutdownResult,
} from './event-broadcaster.js';
export { EventsV1EventSink } from './events-v1-sink.js';
export { formatMicroTime } from './micro-time.js';
export { defaultReportingInstance, type EventsV1Recorder, type EventsV1RecorderOptions } from './recorder.js';
export { DEFAULT_SERIES_CACHE_SIZE, FINISH_TIME_MS, REFRESH_TIME_MS } from './series-cache.js';
export { seriesKey, type SeriesKeyOptions } from './series-key.js';
export type { EventsV1Sink } from './sink.js';
export type { EventSeriesStats, EventsV1BroadcasterStats, EventsV1DropCause, EventsV1DropCounts } from './stats.js';
export { realTicker, type Ticker } from './ticker.js';
export type { EventsApiGroup } from '../shared/unified-recorder.js';
export type { EventsV1Event, EventsV1EventSeries, EventsV1SeriesPatch } from './types.js';
export type { UnifiedEventRecorder } from '../shared/unified-recorder.js';
export {
  ACTION_LENGTH_LIMIT,
  NOTE_LENGTH_LIMIT,
  NOTE_TRUNCATION_SUFFIX,
  REASON_LENGTH_LIMIT,
  REPORTING_INSTANCE_LENGTH_LIMIT,
  truncateNote,
} from './validation.js';
export { MAX_TRIES_PER_EVENT as EVENTS_V1_MAX_TRIES_PER_EVENT, RETRY_JITTER_FACTOR } from './retry-loop.js';
