// Event object names: `<object name>.<hex unix nanoseconds>` as client-go builds them, made unique per
// generator even when thousands of events share one millisecond, with client-go's UUID fallback.
import { randomUUID } from 'node:crypto';

/** DNS-1123 subdomain: what metadata.name of an Event must be (≤ 253 characters). */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

/** Whether `name` is a valid DNS-1123 subdomain (lower-case, dot-separated labels, ≤ 253 characters). */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= DNS1123_SUBDOMAIN_MAX_LENGTH && DNS1123_SUBDOMAIN.test(name);
}

/** Nanoseconds in a millisecond: our clock has millisecond resolution, the suffix is in nanoseconds. */
const NANOS_PER_MS = 1_000_000n;
/** The low 5 hex digits (20 bits) of a suffix can take a sub-millisecond counter without a carry. */
const LOW_BITS = 0x100000;

/**
 * Hands out strictly increasing "unix nanosecond" values, rendered in lower-case hex without padding.
 *
 * client-go uses the clock's nanoseconds, so two events on one object within the clock's resolution get
 * the same name and the second create fails with AlreadyExists. Our clock has millisecond resolution,
 * so we add a counter below the millisecond: the value is `max(ms × 10⁶, previous + 1)`. It stays a
 * real timestamp (within 1 ms) and is unique for every name this generator makes.
 */
export class EventNameGenerator {
  #ms = -1;
  #sub = 0;
  #baseHigh = ''; // hex digits of ms×10⁶ above the low 20 bits
  #baseLow = 0; // value of the low 20 bits of ms×10⁶

  /** The next suffix for a timestamp of `ms` milliseconds since the epoch. */
  nextSuffix(ms: number): string {
    if (ms > this.#ms) {
      this.#ms = ms;
      this.#sub = 0;
      const base = BigInt(ms) * NANOS_PER_MS;
      this.#baseHigh = (base >> 20n).toString(16);
      this.#baseLow = Number(base & 0xfffffn);
    } else {
      this.#sub++;
      if (this.#sub >= 1_000_000) {
        // A million names in one millisecond: borrow the next millisecond to stay unique.
        return this.nextSuffix(this.#ms + 1);
      }
    }
    const low = this.#baseLow + this.#sub;
    if (low < LOW_BITS) {
      // Fast path: no carry into the high digits, so no BigInt arithmetic per event.
      return this.#baseHigh === '0' ? low.toString(16) : this.#baseHigh + low.toString(16).padStart(5, '0');
    }
    return (BigInt(this.#ms) * NANOS_PER_MS + BigInt(this.#sub)).toString(16);
  }

  /**
   * The event name for an object: `<objectName>.<suffix>`, or a random UUID when that is not a valid
   * DNS subdomain (client-go ≥ 1.33, kubernetes#127594).
   */
  nameFor(objectName: string, ms: number): string {
    const name = `${objectName}.${this.nextSuffix(ms)}`;
    return isDnsSubdomain(name) ? name : randomUUID();
  }
}
