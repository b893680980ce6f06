// Go formatting verbs the real server's error messages are built with (%q, %v of a decoded JSON map,
// %#v of a struct, time.Time.String), so our messages match kube-apiserver's byte for byte.
import type { JsonValue } from './json.js';

const GO_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/** strconv.Quote: a double-quoted Go string literal. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (GO_ESCAPES[cp] !== undefined) out += GO_ESCAPES[cp];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if ((cp >= 0x80 && cp <= 0x9f) || cp === 0xad || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** strconv.FormatFloat(f, 'g', -1, 64), which is what fmt's %v prints for a float64. */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  // Shortest representation; %e form when the exponent is < -4 or >= 6 (strconv's eprec for shortest).
  const [mant, e] = n.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** fmt's %v / %+v of a value decoded from JSON into interface{} (integers kept as int64). */
export function goValueV(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? String(value) : goFloat(value);
  if (Array.isArray(value)) return `[${value.map((v) => goValueV(v)).join(' ')}]`;
  const keys = Object.keys(value).sort();
  return `map[${keys.map((k) => `${k}:${goValueV(value[k])}`).join(' ')}]`;
}

/** One field of a %#v struct rendering: a Go identifier and its already-formatted value. */
export type GoStructField = readonly [name: string, rendered: string];

/** fmt's %#v of a struct, e.g. `core.EventSource{Component:"", Host:""}`. */
export function goStructRepr(typeName: string, fields: readonly GoStructField[]): string {
  return `${typeName}{${fields.map(([n, v]) => `${n}:${v}`).join(', ')}}`;
}

/**
 * time.Time.String() of a UTC instant given as RFC 3339 (`2026-11-24T10:00:00Z` or with a fraction):
 * `2026-11-24 10:00:00 +0000 UTC`, with the fraction's trailing zeros dropped. Undefined is the zero time.
 */
export function goTimeString(rfc3339: string | undefined): string {
  if (rfc3339 === undefined) return '0001-01-01 00:00:00 +0000 UTC';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(rfc3339);
  if (!m) return rfc3339;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return `${m[1]} ${m[2]}${frac ? `.${frac}` : ''} +0000 UTC`;
}
