// Event object names: `<object name>.<hex unix nanoseconds>` as client-go builds them, made unique per
// generator even when thousands of events share one millisecond, with client-go's UUID fallback.
import { randomUUID } from 'node:crypto';
import { flat } from '../format/flat-string.js';

/** Maximum length of a DNS-1123 subdomain, which metadata.name of an Event must be. */
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

/** Whether `c` (a char code) is in [a-z0-9]. */
function isAlphanumeric(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/**
 * Whether `name` is a valid DNS-1123 subdomain: dot-separated labels of [a-z0-9-] that start and end
 * with [a-z0-9], ≤ 253 characters. A loop over char codes, as the regular expression
 * `^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$` but a few times faster.
 */
export function isDnsSubdomain(name: string): boolean {
  const n = name.length;
  if (n === 0 || n > DNS1123_SUBDOMAIN_MAX_LENGTH) return false;
  let prev = 46; // '.': a label must start here
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c === 46) {
      if (!isAlphanumeric(prev)) return false; // empty label, or one ending in '-'
    } else if (c === 45) {
      if (prev === 46) return false; // label starting with '-'
    } else if (!isAlphanumeric(c)) {
      return false;
    }
    prev = c;
  }
  return isAlphanumeric(prev);
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
    const name = flat(`${objectName}.${this.nextSuffix(ms)}`);
    // The suffix is a valid label, so checking the object name (and the length) is enough: the short
    // string an object already holds, not the new one (which then stays unflattened until it is sent).
    return name.length <= DNS1123_SUBDOMAIN_MAX_LENGTH && isDnsSubdomain(objectName) ? name : randomUUID();
  }
}
