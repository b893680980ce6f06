// The series cache of one broadcaster (client-go's eventCache, bounded here by an LRU as well as swept):
// decides per occurrence whether to create, start a series, or only count, and what the timers write.
import { LRUCache } from 'lru-cache';
import { seriesKey, type SeriesKeyOptions } from './series-key.js';
import type { EventsV1Event } from './types.js';

/** Finish sweep period and idle threshold (client-go `finishTime`): a series silent longer is finished. */
export const FINISH_TIME_MS = 6 * 60_000;
/**
 * Heartbeat period (client-go `refreshTime`): every live series is re-patched, which also keeps the Event
 * from expiring (the API server stores Events with a 1 h TTL by default).
 */
export const REFRESH_TIME_MS = 30 * 60_000;
/**
 * Default bound of the cache, in entries (the same as core/v1's `maxLruCacheEntries`).
 *
 * @category events.k8s.io
 */
export const DEFAULT_SERIES_CACHE_SIZE = 4096;

/** The running count of a series. */
export interface SeriesState {
  /** Occurrences so far, the first included. */
  count: number;
  /** When the latest occurrence was recorded (its eventTime). */
  lastObservedTime: Date;
}

/** What the cache remembers about one isomorphic event. */
export interface SeriesEntry {
  readonly key: string;
  /** The first occurrence, as it was created (no series): its name is the one every PATCH targets. */
  readonly event: EventsV1Event;
  /** Undefined until the second occurrence. */
  series: SeriesState | undefined;
  /** The highest count the server has confirmed (0: none yet). */
  writtenCount: number;
  /** A final PATCH of the finish sweep is queued or in flight. */
  finishing: boolean;
}

/** What to do with one occurrence. */
export type Observation =
  /** First occurrence: create it. */
  | { readonly kind: 'create'; readonly entry: SeriesEntry }
  /** Second occurrence: one PATCH with `series: { count: 2, lastObservedTime }`. */
  | { readonly kind: 'startSeries'; readonly entry: SeriesEntry; readonly snapshot: SeriesState }
  /** Third and later: counted in the cache, no API call. */
  | { readonly kind: 'counted'; readonly entry: SeriesEntry };

/** Options of {@link EventSeriesCache}. */
export interface EventSeriesCacheOptions extends SeriesKeyOptions {
  /** The LRU bound, in entries (at least 1). */
  readonly max: number;
  /** Called with an entry the LRU bound pushed out (its series may hold counts not yet written). */
  readonly onEvict: (entry: SeriesEntry) => void;
}

/** The first count a series is written with: the API server rejects a series count below 2 (kubernetes#112334). */
const FIRST_SERIES_COUNT = 2;

function eventTimeOf(event: EventsV1Event): Date {
  // A plain Date copy: the cache never shares (or mutates) the event's V1MicroTime.
  return new Date(event.eventTime instanceof Date ? event.eventTime.getTime() : event.eventTime);
}

/**
 * Isomorphic events (same {@link seriesKey}) share one entry. Memory is bounded twice: by the LRU bound
 * (client-go has none) and by the finish sweep, which drops everything idle for more than 6 minutes.
 */
export class EventSeriesCache {
  readonly #options: EventSeriesCacheOptions;
  readonly #cache: LRUCache<string, SeriesEntry>;

  constructor(options: EventSeriesCacheOptions) {
    this.#options = options;
    this.#cache = new LRUCache<string, SeriesEntry>({
      max: Math.max(1, Math.floor(options.max)),
      dispose: (entry, _key, reason) => {
        if (reason === 'evict') options.onEvict(entry);
      },
    });
  }

  /** Entries right now. */
  get size(): number {
    return this.#cache.size;
  }

  /** Classifies one occurrence and updates the cache (client-go recordToSink, the part under the lock). */
  observe(event: EventsV1Event): Observation {
    const key = seriesKey(event, this.#options);
    const entry = this.#cache.get(key);
    if (entry === undefined) {
      const fresh: SeriesEntry = { key, event, series: undefined, writtenCount: 0, finishing: false };
      this.#cache.set(key, fresh);
      return { kind: 'create', entry: fresh };
    }
    const at = eventTimeOf(event);
    if (entry.series) {
      entry.series.count++;
      entry.series.lastObservedTime = at;
      return { kind: 'counted', entry };
    }
    entry.series = { count: FIRST_SERIES_COUNT, lastObservedTime: at };
    return { kind: 'startSeries', entry, snapshot: { count: FIRST_SERIES_COUNT, lastObservedTime: at } };
  }

  /** Every live series: the heartbeat re-patches them all (client-go refreshExistingEventSeries). */
  liveSeries(): SeriesEntry[] {
    const out: SeriesEntry[] = [];
    // entries() walks without touching recency: a heartbeat must not keep an entry from the LRU bound.
    for (const [, entry] of this.#cache.entries()) if (entry.series) out.push(entry);
    return out;
  }

  /**
   * The finish sweep (client-go finishSeries): returns the series silent for more than 6 min, which get a
   * final PATCH (evicted by {@link EventSeriesCache.finished} once written), and evicts singletons older
   * than 6 min right away.
   */
  sweep(now: Date): SeriesEntry[] {
    const threshold = now.getTime() - FINISH_TIME_MS;
    const toFinish: SeriesEntry[] = [];
    const expired: string[] = [];
    for (const [key, entry] of this.#cache.entries()) {
      if (entry.series) {
        if (!entry.finishing && entry.series.lastObservedTime.getTime() < threshold) toFinish.push(entry);
      } else if (eventTimeOf(entry.event).getTime() < threshold) {
        expired.push(key);
      }
    }
    for (const key of expired) this.#cache.delete(key);
    for (const entry of toFinish) entry.finishing = true;
    return toFinish;
  }

  /**
   * Called when a finish PATCH for `entry` sent with `count` is over. The entry is evicted when the write is
   * over for good (`done`: written or rejected) and no occurrence arrived meanwhile; otherwise it stays
   * live (a retryable failure is finished at the next sweep, as client-go).
   */
  finished(entry: SeriesEntry, count: number, done: boolean): void {
    entry.finishing = false;
    if (done && this.#cache.peek(entry.key) === entry && entry.series?.count === count) this.#cache.delete(entry.key);
  }
}
