// Dedupe of identical events (client-go eventLogger, §3.4): a repeat becomes a patch of the first
// occurrence's object with count + 1, the new lastTimestamp and message.
import type { CoreV1Event } from '@kubernetes/client-node';
import { BoundedCache } from './bounded-cache.js';

/**
 * What is remembered about the last written occurrence of an event key.
 *
 * A class, not an object literal, on purpose (as the aggregator's and spam filter's records): V8 pretenures
 * an object literal's allocation site once most of its objects survive a young-generation GC, as these do
 * (each lives for thousands of events in the cache). Its objects are then made in the old generation, and
 * the young strings they hold are kept and promoted by every scavenge: the W1 bench ran ~20 % slower.
 * V8 tracks allocation sites for literals only, so `new` keeps these in the young generation, where most
 * of them die.
 */
class EventLogEntry {
  constructor(
    public count: number,
    /**
     * The first occurrence's time in ms since the epoch (NaN for none). Not the Date itself: a V8 Date is
     * ~100 B, and an entry lives for thousands of events; a repeat makes a Date again.
     */
    public firstTimestampMs: number,
    public name: string | undefined,
    public resourceVersion: string | undefined,
  ) {}
}

/**
 * The body of a dedupe patch, exactly as client-go's two-way strategic merge diff produces it: `count`,
 * `lastTimestamp` (RFC 3339, whole seconds, UTC) and `message` (absent when empty), in that key order.
 *
 * @category Sinks
 */
export interface EventPatch {
  /** The accumulated occurrence count. */
  count: number;
  /** The latest occurrence, e.g. `2026-11-24T10:00:00Z`. */
  lastTimestamp: string;
  /** The latest message. */
  message?: string;
}

/** Formats a time as metav1.Time does on the wire: RFC 3339 in UTC with whole seconds. */
export function formatRfc3339Seconds(date: Date): string {
  const iso = date.toISOString(); // 2026-11-24T10:00:00.123Z
  return `${iso.slice(0, 19)}Z`;
}

/** The dedupe log of one correlator. */
export class EventLog {
  readonly #cache: BoundedCache<EventLogEntry>;
  // toISOString per patch showed in profiles; repeats mostly fall in the same second.
  #lastSecond = Number.NaN;
  #lastSecondText = '';

  constructor(size: number) {
    this.#cache = new BoundedCache(size);
  }

  /**
   * A repeat of `key`: the event to write for this occurrence, a copy of `event` under the first
   * occurrence's name, resourceVersion and firstTimestamp with the count increased (see
   * {@link EventLog.patchFor}). Undefined when `key` has no counted occurrence (none, or one stored with
   * count 0): record `event` with {@link EventLog.first} then, and write it as it is.
   *
   * With `owned` (an event nobody else holds: the correlator's own aggregate events), `event` itself is
   * turned into the repeat instead of copied, saving two objects per aggregated repeat. A recorded event
   * is shared by every sink's correlator, so it is always copied.
   */
  repeat(event: CoreV1Event, key: string, owned = false): CoreV1Event | undefined {
    const last = this.#cache.get(key);
    if (last === undefined || !(last.count > 0)) return undefined;
    let observed: CoreV1Event;
    if (owned) {
      observed = event;
      event.metadata.name = last.name;
      event.metadata.resourceVersion = last.resourceVersion;
      event.firstTimestamp = dateOf(last.firstTimestampMs);
      event.count = last.count + 1;
    } else {
      observed = {
        ...event,
        metadata: { ...event.metadata, name: last.name, resourceVersion: last.resourceVersion },
        firstTimestamp: dateOf(last.firstTimestampMs),
        count: last.count + 1,
      };
    }
    this.#assign(last, observed);
    return observed;
  }

  /** Records `event` as the first occurrence of `key`. */
  first(event: CoreV1Event, key: string): void {
    this.#store(key, event);
  }

  /** The patch that turns the stored first occurrence into `observed`, a repeat returned by {@link EventLog.repeat}. */
  patchFor(observed: CoreV1Event): EventPatch {
    const patch: EventPatch = {
      count: observed.count as number,
      lastTimestamp: this.#seconds(observed.lastTimestamp ?? new Date(0)),
    };
    if (observed.message) patch.message = observed.message;
    return patch;
  }

  /** Stores what the server returned for an event (its key is computed from the event itself). */
  updateState(event: CoreV1Event, key: string): void {
    // get() makes a known entry most recent as set() would; updating it in place saves an entry per write.
    const entry = this.#cache.get(key);
    if (entry === undefined) this.#store(key, event);
    else this.#assign(entry, event);
  }

  #seconds(date: Date): string {
    const second = Math.floor(date.getTime() / 1000);
    if (second !== this.#lastSecond) {
      this.#lastSecond = second;
      this.#lastSecondText = formatRfc3339Seconds(date);
    }
    return this.#lastSecondText;
  }

  #assign(entry: EventLogEntry, event: CoreV1Event): void {
    entry.count = event.count ?? 0;
    entry.firstTimestampMs = msOf(event.firstTimestamp);
    entry.name = event.metadata.name;
    entry.resourceVersion = event.metadata.resourceVersion;
  }

  #store(key: string, event: CoreV1Event): void {
    this.#cache.set(key, new EventLogEntry(event.count ?? 0, msOf(event.firstTimestamp), event.metadata.name, event.metadata.resourceVersion));
  }
}

/** A timestamp's ms since the epoch; NaN for none (or, from a plain-JS sink, anything but a Date or a date string). */
function msOf(date: Date | undefined): number {
  if (date instanceof Date) return date.getTime();
  return typeof date === 'string' ? Date.parse(date) : Number.NaN;
}

function dateOf(ms: number): Date | undefined {
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
