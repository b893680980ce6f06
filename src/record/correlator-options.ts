// CorrelatorOptions with client-go's knobs and defaults (events_cache.go), plus kube-record's switches.
import type { CoreV1Event } from '@kubernetes/client-node';
import { systemClock } from '../shared/clock.js';
import type { Clock } from '../shared/types.js';

/**
 * Entries per LRU cache (aggregator, dedupe log, spam filter): client-go's `maxLruCacheEntries`.
 *
 * @category Correlation
 */
export const DEFAULT_LRU_CACHE_SIZE = 4096;
/**
 * Token-bucket capacity per spam key (`defaultSpamBurst`): 25 events pass at once.
 *
 * @category Correlation
 */
export const DEFAULT_SPAM_BURST = 25;
/**
 * Token refill per second per spam key (`defaultSpamQPS`): one event every 5 minutes after the burst.
 *
 * @category Correlation
 */
export const DEFAULT_SPAM_QPS = 1 / 300;
/**
 * Distinct messages per aggregate key that trigger aggregation (`defaultAggregateMaxEvents`).
 *
 * @category Correlation
 */
export const DEFAULT_AGGREGATE_MAX_EVENTS = 10;
/**
 * Aggregation window in seconds (`defaultAggregateIntervalInSeconds`): reset after 10 minutes of quiet.
 *
 * @category Correlation
 */
export const DEFAULT_AGGREGATE_INTERVAL_SECONDS = 600;

/**
 * Splits an event into `[aggregateKey, localKey]` (see `aggregateByReason`).
 *
 * @category Correlation
 */
export type EventAggregatorKeyFunc = (event: CoreV1Event) => [aggregateKey: string, localKey: string];
/**
 * Builds the message of an aggregated event from the latest event (see `aggregateMessage`).
 *
 * @category Correlation
 */
export type EventAggregatorMessageFunc = (event: CoreV1Event) => string;
/**
 * Groups events into one spam token bucket (see `getSpamKey`, `getSpamKeyByReason`).
 *
 * @category Correlation
 */
export type EventSpamKeyFunc = (event: CoreV1Event) => string;
/**
 * The dedupe identity: events with equal keys are one Event, repeats become count patches (see `getEventKey`, `eventKeyWithout`).
 *
 * @category Correlation
 */
export type EventKeyFunc = (event: CoreV1Event) => string;

/**
 * Options of {@link EventCorrelator}. As in client-go, a missing value **or 0** takes the default,
 * so 0 cannot disable anything: use `spamFilter: false` / `aggregation: false` for that.
 *
 * @category Correlation
 */
export interface CorrelatorOptions {
  /** Entries per LRU cache (aggregator, dedupe log, spam filter). Default 4096. */
  readonly lruCacheSize?: number | undefined;
  /** Spam filter bucket capacity, in events. Default 25. */
  readonly burstSize?: number | undefined;
  /** Spam filter refill, in events per second. Default 1/300 (one per 5 min). */
  readonly qps?: number | undefined;
  /** Aggregation key function. Default `aggregateByReason`. */
  readonly keyFunc?: EventAggregatorKeyFunc | undefined;
  /** Aggregated event message. Default `aggregateMessage` (`(combined from similar events): <latest>`). */
  readonly messageFunc?: EventAggregatorMessageFunc | undefined;
  /** Distinct messages in the window that trigger aggregation. Default 10. */
  readonly maxEvents?: number | undefined;
  /** Aggregation window, in seconds since the last similar event. Default 600. */
  readonly maxIntervalInSeconds?: number | undefined;
  /** Spam filter key. Default `getSpamKey` (source, object, type); preset `getSpamKeyByReason`. */
  readonly spamKeyFunc?: EventSpamKeyFunc | undefined;
  /**
   * Dedupe identity (kube-record extension; client-go's is fixed). Default `getEventKey` (source, object,
   * type, reason, message). Leave fields out with `eventKeyWithout`, e.g. `eventKeyWithout('message')`:
   * repeats with a new message then patch one Event's count and message instead of creating another.
   */
  readonly eventKeyFunc?: EventKeyFunc | undefined;
  /** Clock for aggregation windows and token buckets. Default: the broadcaster's clock, else real time. */
  readonly clock?: Clock | undefined;
  /** `false` turns the spam filter off (kube-record extension; client-go cannot). Default true. */
  readonly spamFilter?: boolean | undefined;
  /** `false` turns message aggregation off (kube-record extension). Default true. */
  readonly aggregation?: boolean | undefined;
}

/**
 * CorrelatorOptions with every default applied (see {@link CorrelatorOptions} for each meaning).
 *
 * @category Correlation
 */
export interface ResolvedCorrelatorOptions {
  /** Entries per LRU cache. */
  readonly lruCacheSize: number;
  /** Spam filter bucket capacity, in events. */
  readonly burstSize: number;
  /** Spam filter refill, in events per second. */
  readonly qps: number;
  /** Aggregation key function. */
  readonly keyFunc: EventAggregatorKeyFunc;
  /** Aggregated event message function. */
  readonly messageFunc: EventAggregatorMessageFunc;
  /** Distinct messages that trigger aggregation. */
  readonly maxEvents: number;
  /** Aggregation window, in ms. */
  readonly maxIntervalMs: number;
  /** Spam filter key function. */
  readonly spamKeyFunc: EventSpamKeyFunc;
  /** Dedupe identity. */
  readonly eventKeyFunc: EventKeyFunc;
  /** Clock of windows and buckets. */
  readonly clock: Clock;
  /** Whether the spam filter runs. */
  readonly spamFilter: boolean;
  /** Whether aggregation runs. */
  readonly aggregation: boolean;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Applies client-go's defaults (undefined or 0 → default). */
export function resolveCorrelatorOptions(
  options: CorrelatorOptions,
  defaults: { keyFunc: EventAggregatorKeyFunc; messageFunc: EventAggregatorMessageFunc; spamKeyFunc: EventSpamKeyFunc; eventKeyFunc: EventKeyFunc },
): ResolvedCorrelatorOptions {
  return {
    lruCacheSize: Math.floor(positive(options.lruCacheSize, DEFAULT_LRU_CACHE_SIZE)),
    burstSize: Math.floor(positive(options.burstSize, DEFAULT_SPAM_BURST)),
    qps: positive(options.qps, DEFAULT_SPAM_QPS),
    keyFunc: options.keyFunc ?? defaults.keyFunc,
    messageFunc: options.messageFunc ?? defaults.messageFunc,
    maxEvents: Math.floor(positive(options.maxEvents, DEFAULT_AGGREGATE_MAX_EVENTS)),
    maxIntervalMs: positive(options.maxIntervalInSeconds, DEFAULT_AGGREGATE_INTERVAL_SECONDS) * 1000,
    spamKeyFunc: options.spamKeyFunc ?? defaults.spamKeyFunc,
    eventKeyFunc: options.eventKeyFunc ?? defaults.eventKeyFunc,
    clock: options.clock ?? systemClock,
    spamFilter: options.spamFilter !== false,
    aggregation: options.aggregation !== false,
  };
}
