// sprintf: Go's fmt.Sprintf (Go 1.23) as a single-pass scanner over the format string.
// Plain `%s`/`%d`/`%v` of strings and integers are handled inline; everything else goes
// through a Printer, which reproduces Go's doPrintf including its error notations.
//
// JS values Go has no notion of (the full rules are in the TSDoc of `sprintf`):
//
// | JS value                                  | prints as Go               | type name in %T / %!d(...)  |
// | ----------------------------------------- | -------------------------- | --------------------------- |
// | safe integer number (1, -0, 1.0)          | int                        | int                         |
// | other number (1.5, NaN, ±Infinity, 2**53) | float64                    | float64                     |
// | any number under %e %E %f %F %g %G        | float64                    | -                           |
// | bigint                                    | int64 (exact when larger)  | int64                       |
// | string / boolean                          | string / bool              | string / bool               |
// | null, undefined                           | nil                        | <nil>                       |
// | Error or {message, name} strings          | errors.New(message)        | *errors.errorString         |
// | object with its own toString              | fmt.Stringer (String(obj)) | constructor name            |
// | Array, Set                                | slice                      | []int, []interface {}, ...  |
// | Uint8Array (Buffer), Uint8ClampedArray    | []byte                     | []uint8                     |
// | other typed arrays                        | slice                      | []int32, []float64, ...     |
// | Map                                       | map, keys sorted           | map[string]int, ...         |
// | Date                                      | time.Time in UTC           | time.Time                   |
// | other objects                             | map[string]interface {}    | map[string]interface {}     |
// | symbol                                    | Stringer "Symbol(desc)"    | symbol                      |
// | function                                  | %!v(func=name)             | func                        |
import { directive } from './directive.js';
import { flat } from './flat-string.js';
import { printArg } from './print.js';
import { Printer } from './printer.js';
import { funcName, typeName } from './values.js';

/** Go's `%!(EXTRA type=value, ...)` for operands no verb consumed. */
function extra(p: Printer, a: readonly unknown[], from: number): string {
  p.clearFlags();
  p.buf = '%!(EXTRA ';
  for (let k = from; k < a.length && !p.full(); k++) {
    if (k > from) p.buf += ', ';
    const arg = a[k];
    if (arg === null || arg === undefined) {
      p.buf += '<nil>';
    } else if (typeof arg === 'function') {
      p.buf += 'func=' + funcName(arg);
    } else {
      p.buf += typeName(arg) + '=';
      printArg(p, arg, 'v');
    }
  }
  return p.buf + ')';
}

/** `text` cut to the `room` characters the output may still take (Infinity: uncut). */
function upTo(text: string, room: number): string {
  return text.length > room ? text.slice(0, room) : text;
}

/** `limit`: stop once the output is longer (sprintfBounded); Infinity for sprintf. */
function doPrintf(format: string, a: readonly unknown[], limit: number): string {
  const end = format.length;
  let out = '';
  let argNum = 0;
  let i = 0;
  let p: Printer | undefined;
  while (i < end) {
    if (out.length > limit) return flat(out);
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += upTo(i === 0 ? format : format.slice(i), limit - out.length + 1);
      break;
    }
    if (pct > i) out += upTo(format.slice(i, pct), limit - out.length + 1);
    if (out.length > limit) return flat(out);
    i = pct + 1;

    // Fast path: a bare s/d/v whose operand is a string or a safe integer.
    if (i < end && argNum < a.length) {
      const c = format.charCodeAt(i);
      const arg = a[argNum];
      if ((c === 115 || c === 118) && typeof arg === 'string') {
        // %s or %v of a string
        out += upTo(arg, limit - out.length + 1);
        argNum++;
        i++;
        continue;
      }
      if ((c === 100 || c === 118) && typeof arg === 'number' && Number.isSafeInteger(arg)) {
        // %d or %v of an int
        out += String(arg);
        argNum++;
        i++;
        continue;
      }
    }

    p ??= new Printer();
    p.i = i;
    p.argNum = argNum;
    p.limit = limit - out.length;
    directive(p, format, a);
    out += upTo(p.buf, limit - out.length + 1);
    p.buf = '';
    i = p.i;
    argNum = p.argNum;
  }

  // Go skips the EXTRA check once operands were addressed by index.
  if (argNum < a.length && !(p?.reordered ?? false) && out.length <= limit) {
    const q = p ?? new Printer();
    q.limit = limit - out.length;
    out += upTo(extra(q, a, argNum), limit - out.length + 1);
  }
  return flat(out);
}

/** Best-effort text for something thrown out of the formatter itself (e.g. an oversized result). */
function describeThrown(e: unknown): string {
  try {
    const s = e instanceof Error ? e.message : String(e);
    return s.length > 200 ? s.slice(0, 200) : s;
  } catch {
    return 'unknown';
  }
}

/** The format as a string; String() of a non-string may itself throw (undefined then). */
function coerceFormat(format: unknown): string | undefined {
  try {
    return String(format);
  } catch {
    return undefined;
  }
}

/**
 * Formats like Go's `fmt.Sprintf` (Go 1.23), so event messages read exactly as client-go's do.
 *
 * Verbs `%v %+v %#v %T %d %b %o %O %x %X %c %q %U %e %E %f %F %g %G %s %t %%`, flags `+ - # 0 space`,
 * width, precision, `*` and explicit argument indexes (`%[2]*[1]d`) behave as in Go, including the
 * error notations `%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA int=2)`, `%!(NOVERB)`, `%!d(BADINDEX)`,
 * `%!(BADWIDTH)` and `%!(BADPREC)`. Width and precision count runes; `*` values beyond ±1e6 are
 * rejected (a literal width of 8+ digits hits Go's parse overflow and ends in `%!(NOVERB)`).
 * Floats are rounded from their exact binary value, ties to even (`%.1f` of 0.25 is `0.2`).
 *
 * JS values are mapped to Go types as follows:
 * - number: a safe integer (including 1.0 and -0) is a Go `int`, so `%v` of 1.0 prints `1`; any other
 *   number (1.5, NaN, ±Infinity, beyond 2^53) is a `float64` (`NaN`, `+Inf`, `-Inf`). JS cannot tell
 *   2 from 2.0, so the float verbs `%e %E %f %F %g %G` accept every number (`%.1f` of 2 is `2.0`,
 *   `%f` of -0 is `-0.000000`), while `%d` of 1.5 is `%!d(float64=1.5)`.
 * - bigint: Go `int64` (values outside int64 print exactly rather than wrapping).
 * - string, boolean: Go `string`, `bool`. A lone surrogate counts as U+FFFD (`%x` shows `efbfbd`).
 * - null, undefined: nil: `%v` → `<nil>`, other verbs → `%!s(<nil>)`; inside containers `<nil>`.
 * - Error, or any object with string `message` and `name`: `errors.New(message)`; `%v %s %q %x %X`
 *   use the message, other verbs show the struct (`&{%!d(string=msg)}`), `%#v` gives
 *   `&errors.errorString{s:"msg"}`, the type name is `*errors.errorString`.
 * - object whose `toString` is not `Object.prototype.toString`: a `fmt.Stringer`; `%v %s %q %x %X`
 *   use `String(obj)`, other verbs print its fields; its type name is its constructor's name.
 * - Array, Set: slices, the verb applied per element (`[1 2 30]`, `%#v` → `[]int{1, 2, 30}`).
 *   Uint8Array (and Buffer): `[]byte`, so `%s %q %x` treat it as bytes. Other typed arrays: slices.
 * - Map: `map[a:1 b:2]`, keys sorted like Go (numbers numerically, strings by code point).
 * - Date: `time.Time` in UTC: `2024-01-02 03:04:05.5 +0000 UTC`; `%#v` gives
 *   `time.Date(2024, time.January, 2, 3, 4, 5, 500000000, time.UTC)`; an invalid Date prints
 *   `Invalid Date`; non-string verbs give `%!d(time.Time=...)`.
 * - other objects (plain or class instances): `map[string]interface {}` of their own enumerable
 *   keys, sorted: `map[a:1 b:x]` for `%v` and `%+v`, `map[string]interface {}{"a":1, "b":"x"}` for `%#v`.
 * - symbol: a Stringer printing `Symbol(desc)`. function: `%!v(func=name)`.
 * - An object already being printed prints as `<cycle>`; nesting beyond 32 levels as `<max depth>`.
 * - `%p` is always a bad verb (`%!p(int=1)`): JS values have no address.
 *
 * Never throws: a throwing `toString`, `message` getter, property getter or Proxy trap is reported
 * inline as Go reports a panicking String method (`%!v(PANIC=String method: boom)`, with `Error`,
 * `Get` or `Inspect` in place of `String`), and a result too large for a JS string yields
 * `%!(PANIC=sprintf: <reason>)`. A non-string format is converted with `String()` (`%!(BADFORMAT)`
 * if that throws).
 *
 * @param format - Go format string
 * @param args - operands
 * @returns the formatted text
 * @example
 * ```ts
 * sprintf('Pulled image %q in %.1fs', 'nginx:1.27', 2.25); // 'Pulled image "nginx:1.27" in 2.2s'
 * sprintf('%s step %d of %s', 'Pulled', 3, 'web-1');      // 'Pulled step 3 of web-1'
 * sprintf('%d', 'x');                                      // '%!d(string=x)'
 * ```
 *
 * @category Formatting
 */
export function sprintf(format: string, ...args: unknown[]): string {
  const f = typeof format === 'string' ? format : coerceFormat(format);
  if (f === undefined) return '%!(BADFORMAT)';
  try {
    return doPrintf(f, args, Infinity);
  } catch (e) {
    return '%!(PANIC=sprintf: ' + describeThrown(e) + ')';
  }
}

/**
 * `sprintf` that stops producing text once it is longer than `limit` characters: the result is
 * `sprintf(format, ...args)` cut to `limit + 1` characters or more (what is cut is left to the caller), with
 * the work bounded by `limit` rather than by the operands. Used by `eventf`, whose message is cut anyway.
 * Beyond the limit it differs from `sprintf` only in what is never shown, except for operands larger than
 * the limit: a map or object with more entries than `limit` prints its first ones (insertion order) sorted,
 * a container's element type (`%T`, `%#v`) is inferred from its first 4096 elements, and `%#q` of a string
 * longer than the limit decides between backquotes and double quotes on the part that shows.
 * Internal: not exported from the package.
 */
export function sprintfBounded(limit: number, format: string, args: readonly unknown[]): string {
  const f = typeof format === 'string' ? format : coerceFormat(format);
  if (f === undefined) return '%!(BADFORMAT)';
  try {
    return doPrintf(f, args, limit);
  } catch (e) {
    return '%!(PANIC=sprintf: ' + describeThrown(e) + ')';
  }
}
