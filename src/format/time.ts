// JS Date as Go's time.Time in UTC: String() "2006-01-02 15:04:05.999999999 +0000 UTC" and GoString().
// Prototype methods are called directly so an overridden getTime on the instance cannot interfere.

const MONTHS = Object.freeze([
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const);

/** Text printed for a Date whose time value is NaN (Go has no invalid time). */
export const INVALID_DATE = 'Invalid Date';

function two(n: number): string {
  return n < 10 ? '0' + String(n) : String(n);
}

/** Go's appendInt(year, 4): at least four digits, sign before the padding. */
function year4(y: number): string {
  const s = String(Math.abs(y));
  return (y < 0 ? '-' : '') + (s.length < 4 ? '0'.repeat(4 - s.length) + s : s);
}

function utc(d: Date): Date | undefined {
  const t = Date.prototype.getTime.call(d);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/**
 * Go's `time.Time.String()` for the instant, in UTC; trailing zeros of the fraction are dropped.
 * @param d - a Date
 * @returns e.g. `2024-03-01 12:00:05.25 +0000 UTC`, or `Invalid Date`
 */
export function dateString(d: Date): string {
  const u = utc(d);
  if (u === undefined) return INVALID_DATE;
  const ms = u.getUTCMilliseconds();
  let frac = '';
  if (ms !== 0) {
    frac = '.' + (ms < 10 ? '00' : ms < 100 ? '0' : '') + String(ms);
    while (frac.endsWith('0')) frac = frac.slice(0, -1);
  }
  return (
    year4(u.getUTCFullYear()) +
    '-' +
    two(u.getUTCMonth() + 1) +
    '-' +
    two(u.getUTCDate()) +
    ' ' +
    two(u.getUTCHours()) +
    ':' +
    two(u.getUTCMinutes()) +
    ':' +
    two(u.getUTCSeconds()) +
    frac +
    ' +0000 UTC'
  );
}

/**
 * Go's `time.Time.GoString()` (used by `%#v`), in UTC.
 * @param d - a Date
 * @returns e.g. `time.Date(2024, time.March, 1, 12, 0, 5, 250000000, time.UTC)`, or `Invalid Date`
 */
export function dateGoString(d: Date): string {
  const u = utc(d);
  if (u === undefined) return INVALID_DATE;
  return (
    'time.Date(' +
    String(u.getUTCFullYear()) +
    ', time.' +
    (MONTHS[u.getUTCMonth()] ?? '') +
    ', ' +
    [u.getUTCDate(), u.getUTCHours(), u.getUTCMinutes(), u.getUTCSeconds(), u.getUTCMilliseconds() * 1e6].join(', ') +
    ', time.UTC)'
  );
}
