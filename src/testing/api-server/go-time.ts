// metav1.Time and metav1.MicroTime as the server parses and prints them: Go's time.Parse with the
// RFC3339 / RFC3339Micro layouts (including its exact error messages) and UTC formatting.
import { goQuote } from './go-format.js';

/** A parse failure with Go's time.ParseError text. */
export class GoTimeParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoTimeParseError';
  }
}

type Std = '2006' | '01' | '02' | '15' | '04' | '05' | '.000000' | 'Z07:00';
interface Chunk {
  readonly prefix: string;
  readonly std: Std;
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';
const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';
const BASE: Chunk[] = [
  { prefix: '', std: '2006' },
  { prefix: '-', std: '01' },
  { prefix: '-', std: '02' },
  { prefix: 'T', std: '15' },
  { prefix: ':', std: '04' },
  { prefix: ':', std: '05' },
];
const RFC3339_CHUNKS: Chunk[] = [...BASE, { prefix: '', std: 'Z07:00' }];
const MICRO_CHUNKS: Chunk[] = [...BASE, { prefix: '', std: '.000000' }, { prefix: '', std: 'Z07:00' }];

const isDigit = (s: string, i: number): boolean => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

const BAD = Symbol('bad');

/** Go's getnum: one or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): [number, string] | typeof BAD {
  if (!isDigit(s, 0)) return BAD;
  if (!isDigit(s, 1)) {
    if (fixed) return BAD;
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
}

/** Go's atoi: optional sign, then digits only. */
function atoi(s: string): number | typeof BAD {
  let neg = false;
  let t = s;
  if (t.length > 0 && (t[0] === '-' || t[0] === '+')) {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  if (t.length === 0 || !/^\d+$/.test(t)) return BAD;
  const n = Number(t);
  return neg ? -n : n;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

interface Parsed {
  /** Milliseconds since the epoch of the whole second (UTC). */
  readonly secondsMs: number;
  /** Fraction of the second in microseconds (nanoseconds truncated). */
  readonly micros: number;
}

function parseError(layout: string, value: string, layoutElem: string, valueElem: string, message = ''): GoTimeParseError {
  if (message !== '') return new GoTimeParseError(`parsing time ${goQuote(value)}${message}`);
  return new GoTimeParseError(
    `parsing time ${goQuote(value)} as ${goQuote(layout)}: cannot parse ${goQuote(valueElem)} as ${goQuote(layoutElem)}`,
  );
}

/** time.Parse for the two layouts the API uses, following Go's algorithm step by step. */
function goParse(layout: string, chunks: readonly Chunk[], input: string): Parsed {
  let value = input;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nanos = 0;
  let offset = 0;
  for (let ci = 0; ci < chunks.length; ci++) {
    const { prefix, std } = chunks[ci] as Chunk;
    // skip the literal prefix
    for (const ch of prefix) {
      if (value.length === 0 || value[0] !== ch) throw parseError(layout, input, prefix, value);
      value = value.slice(1);
    }
    const hold = value;
    let bad = false;
    let rangeErr = '';
    switch (std) {
      case '2006': {
        if (value.length < 4 || !isDigit(value, 0)) {
          bad = true;
          break;
        }
        const y = atoi(value.slice(0, 4));
        value = value.slice(4);
        if (y === BAD) bad = true;
        else year = y;
        break;
      }
      case '01': {
        const r = getnum(value, true);
        if (r === BAD) bad = true;
        else {
          [month, value] = r;
          if (month <= 0 || month > 12) rangeErr = 'month';
        }
        break;
      }
      case '02': {
        const r = getnum(value, true);
        if (r === BAD) bad = true;
        else [day, value] = r;
        break;
      }
      case '15': {
        const r = getnum(value, false);
        if (r === BAD) bad = true;
        else {
          [hour, value] = r;
          if (hour >= 24) rangeErr = 'hour';
        }
        break;
      }
      case '04': {
        const r = getnum(value, true);
        if (r === BAD) bad = true;
        else {
          [min, value] = r;
          if (min >= 60) rangeErr = 'minute';
        }
        break;
      }
      case '05': {
        const r = getnum(value, true);
        if (r === BAD) {
          bad = true;
          break;
        }
        [sec, value] = r;
        if (sec >= 60) {
          rangeErr = 'second';
          break;
        }
        // A fractional second in the value but not in the layout is accepted (and kept) by Go.
        const next = chunks[ci + 1];
        if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigit(value, 1) && next?.std !== '.000000') {
          let n = 2;
          while (n < value.length && isDigit(value, n)) n++;
          nanos = Number(value.slice(1, Math.min(n, 10)).padEnd(9, '0'));
          value = value.slice(n);
        }
        break;
      }
      case '.000000': {
        const ndigit = 7;
        if (value.length < ndigit || (value[0] !== '.' && value[0] !== ',')) {
          bad = true;
          break;
        }
        const f = atoi(value.slice(1, ndigit));
        if (f === BAD) {
          bad = true;
          break;
        }
        if (f < 0) rangeErr = 'fractional second';
        nanos = f * 1000;
        value = value.slice(ndigit);
        break;
      }
      case 'Z07:00': {
        if (value.length >= 1 && value[0] === 'Z') {
          value = value.slice(1);
          offset = 0;
          break;
        }
        if (value.length < 6 || value[3] !== ':') {
          bad = true;
          break;
        }
        const sign = value[0];
        const hr = getnum(value.slice(1, 3), true);
        const mm = getnum(value.slice(4, 6), true);
        value = value.slice(6);
        if (hr === BAD || mm === BAD) {
          bad = true;
          break;
        }
        if (hr[0] > 24) rangeErr = 'time zone offset hour';
        if (mm[0] > 60) rangeErr = 'time zone offset minute';
        offset = (hr[0] * 60 + mm[0]) * 60;
        if (sign === '-') offset = -offset;
        else if (sign !== '+') bad = true;
        break;
      }
    }
    if (rangeErr !== '') throw parseError(layout, input, std, value, `: ${rangeErr} out of range`);
    if (bad) throw parseError(layout, input, std, hold);
  }
  if (value.length !== 0) throw parseError(layout, input, '', value, `: extra text: ${goQuote(value)}`);
  if (day < 1 || day > daysIn(month, year)) throw parseError(layout, input, '', value, ': day out of range');
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, min, sec, 0);
  return { secondsMs: d.getTime() - offset * 1000, micros: Math.floor(nanos / 1000) };
}

/** Go's zero time.Time (0001-01-01T00:00:00Z) in epoch milliseconds: metav1 serialises it as null. */
const goZeroMs = ((): number => {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime();
})();

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function formatSeconds(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(
    d.getUTCMinutes(),
    2,
  )}:${pad(d.getUTCSeconds(), 2)}`;
}

/**
 * Parses a metav1.Time JSON string. Returns the canonical form the server prints (UTC, whole seconds:
 * `2026-11-24T10:00:00Z`) or undefined for Go's zero time; throws GoTimeParseError like time.Parse.
 */
export function parseTime(value: string): string | undefined {
  const p = goParse(RFC3339, RFC3339_CHUNKS, value);
  if (p.secondsMs === goZeroMs && p.micros === 0) return undefined;
  return `${formatSeconds(p.secondsMs)}Z`;
}

/** Parses a metav1.MicroTime JSON string (exactly 6 fractional digits): `2026-11-24T10:00:00.000000Z`. */
export function parseMicroTime(value: string): string | undefined {
  const p = goParse(RFC3339_MICRO, MICRO_CHUNKS, value);
  if (p.secondsMs === goZeroMs && p.micros === 0) return undefined;
  return `${formatSeconds(p.secondsMs)}.${pad(p.micros, 6)}Z`;
}

/** metav1.Time's JSON form of a Date (whole seconds, UTC). */
export function formatTime(date: Date): string {
  return `${formatSeconds(Math.floor(date.getTime() / 1000) * 1000)}Z`;
}

/** metav1.MicroTime's JSON form of a Date (millisecond precision padded to microseconds). */
export function formatMicroTime(date: Date): string {
  const ms = date.getTime();
  const whole = Math.floor(ms / 1000) * 1000;
  return `${formatSeconds(whole)}.${pad((ms - whole) * 1000, 6)}Z`;
}
