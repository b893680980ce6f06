// Go string and rune literal quoting (strconv.Quote, QuoteToASCII, QuoteRune, CanBackquote) for %q.
import { RUNE_ERROR, decodeRune, validRune } from './runes.js';

const HEX = '0123456789abcdef';

/**
 * Graphic categories of Go's `unicode.IsPrint` (letters, marks, numbers, punctuation, symbols).
 * Compiled once; it has no g/y flag, so `test` never touches `lastIndex` and it holds no state.
 */
const GRAPHIC = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * Go's `strconv.IsPrint`: graphic runes plus the ASCII space only (U+00A0 and other spaces are escaped).
 * @param r - code point
 * @returns whether %q may show the rune unescaped
 */
export function isPrint(r: number): boolean {
  if (r < 0x100) {
    if (r >= 0x20 && r <= 0x7e) return true;
    // Latin-1 ¡..ÿ are printable except the soft hyphen.
    return r >= 0xa1 && r !== 0xad;
  }
  if (!validRune(r)) return false;
  return GRAPHIC.test(String.fromCodePoint(r));
}

function hexDigits(r: number, n: number): string {
  let s = '';
  for (let shift = (n - 1) * 4; shift >= 0; shift -= 4) s += HEX[Math.floor(r / 2 ** shift) % 16];
  return s;
}

/**
 * Go's `appendEscapedRune`: one rune as it appears inside a quoted literal.
 * @param r - a valid code point
 * @param quote - the delimiter being used (`"` or `'`), which gets a backslash
 * @param asciiOnly - `%+q`: escape everything outside printable ASCII
 * @returns the literal text for the rune
 */
export function escapeRune(r: number, quote: number, asciiOnly: boolean): string {
  if (r === quote || r === 0x5c) return '\\' + String.fromCharCode(r);
  if (asciiOnly) {
    if (r < 0x80 && isPrint(r)) return String.fromCharCode(r);
  } else if (isPrint(r)) {
    return String.fromCodePoint(r);
  }
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + hexDigits(r, 2);
  if (!validRune(r)) r = RUNE_ERROR;
  if (r < 0x10000) return '\\u' + hexDigits(r, 4);
  return '\\U' + hexDigits(r, 8);
}

/**
 * Go's `strconv.Quote` / `QuoteToASCII` of the UTF-8 form of `s`.
 * @param s - any JS string (a lone surrogate is quoted as U+FFFD)
 * @param asciiOnly - `%+q`
 * @returns a double-quoted Go string literal
 */
export function quoteString(s: string, asciiOnly: boolean): string {
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Printable ASCII other than `"` and `\` is copied in runs.
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) continue;
    if (i > run) out += s.slice(run, i);
    let r = c;
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        r = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        i++;
      } else {
        r = RUNE_ERROR;
      }
    }
    out += escapeRune(r, 0x22, asciiOnly);
    run = i + 1;
  }
  if (run === 0) return '"' + s + '"';
  if (run < s.length) out += s.slice(run);
  return out + '"';
}

/**
 * Go's `strconv.Quote` of raw bytes: invalid UTF-8 bytes are written as `\xNN`.
 * @param b - bytes
 * @param asciiOnly - `%+q`
 * @returns a double-quoted Go string literal
 */
export function quoteBytes(b: ArrayLike<number>, asciiOnly: boolean): string {
  let out = '"';
  for (let i = 0; i < b.length; ) {
    const packed = decodeRune(b, i);
    const size = Math.floor(packed / 0x200000);
    const r = packed % 0x200000;
    if (size === 1 && r === RUNE_ERROR) out += '\\x' + hexDigits(b[i] ?? 0, 2);
    else out += escapeRune(r, 0x22, asciiOnly);
    i += size;
  }
  return out + '"';
}

/**
 * Go's `strconv.QuoteRune` / `QuoteRuneToASCII`.
 * @param r - code point; invalid ones are quoted as U+FFFD
 * @param asciiOnly - `%+q`
 * @returns a single-quoted Go rune literal
 */
export function quoteRune(r: number, asciiOnly: boolean): string {
  return "'" + escapeRune(validRune(r) ? r : RUNE_ERROR, 0x27, asciiOnly) + "'";
}

/**
 * Go's `strconv.CanBackquote`: `%#q` uses a raw string when this holds.
 * @param s - string to test
 * @returns true when there is no control character but tab, no backquote, DEL or BOM
 */
export function canBackquote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      // Multibyte runes are assumed printable, except the invisible BOM.
      if (c === 0xfeff) return false;
      continue;
    }
    if ((c < 0x20 && c !== 0x09) || c === 0x60 || c === 0x7f) return false;
  }
  return true;
}
