// Public surface of events.k8s.io/v1 recording: broadcaster, recorder with series, sink. What is not
// listed here is internal; api/kube-record.api.md locks this list.
export { AlreadyRecordingError, InvalidEventsV1EventError, type EventsV1InvalidCode } from './errors.js';
export {
  EVENTS_V1_SINK_NAME,
  EventsV1Broadcaster,
  type EventsV1BroadcasterOptions,
  type EventsV1ShutdownResult,
} from './event-broadcaster.js';
export { EventsV1EventSink } from './events-v1-sink.js';
export type { EventsV1Recorder, EventsV1RecorderOptions } from './recorder.js';
export { DEFAULT_SERIES_CACHE_SIZE } from './series-cache.js';
export type { EventsV1Sink } from './sink.js';
export type { EventSeriesStats, EventsV1BroadcasterStats, EventsV1DropCause, EventsV1DropCounts } from './stats.js';
export type { Ticker } from './ticker.js';
export type { EventsV1Event, EventsV1EventSeries, EventsV1SeriesPatch } from './types.js';
