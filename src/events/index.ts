// Public surface of events.k8s.io/v1 recording: broadcaster, recorder with series, sink.
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
export { realTicker, timerTicker, type Ticker } from './ticker.js';
export type { EventsV1Event, EventsV1EventSeries, EventsV1SeriesPatch } from './types.js';
export {
  ACTION_LENGTH_LIMIT,
  NOTE_LENGTH_LIMIT,
  NOTE_TRUNCATION_SUFFIX,
  REASON_LENGTH_LIMIT,
  REPORTING_INSTANCE_LENGTH_LIMIT,
  truncateNote,
} from './validation.js';
export { MAX_TRIES_PER_EVENT as EVENTS_V1_MAX_TRIES_PER_EVENT, RETRY_JITTER_FACTOR } from './retry-loop.js';
