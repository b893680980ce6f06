// Code-point and UTF-8 helpers: Go measures strings in runes and bytes, JS strings are UTF-16.
// A lone surrogate is treated as U+FFFD, which is what converting it to UTF-8 produces.

/** Unicode replacement character, Go's `utf8.RuneError`. */
export const RUNE_ERROR = 0xfffd;

/** Largest valid code point, Go's `utf8.MaxRune`. */
export const MAX_RUNE = 0x10ffff;

/**
 * Reports whether `r` is a code point Go can encode (`utf8.ValidRune`).
 * @param r - code point
 * @returns false for surrogates, negatives and values above {@link MAX_RUNE}
 */
export function validRune(r: number): boolean {
  return (r >= 0 && r < 0xd800) || (r > 0xdfff && r <= MAX_RUNE);
}

/**
 * Counts code points, Go's `utf8.RuneCountInString` for the UTF-8 form of `s`.
 * @param s - any JS string
 * @returns number of runes (a surrogate pair is one rune, a lone surrogate too)
 */
export function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * Keeps the first `n` runes of `s` (Go's precision on `%s` counts runes, not UTF-16 units).
 * @param s - string to cut
 * @param n - number of runes to keep
 * @returns the prefix (never splits a surrogate pair)
 */
export function truncateRunes(s: string, n: number): string {
  if (n >= s.length) return s;
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    if (count === n) return s.slice(0, i);
    count++;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return s;
}

/**
 * Encodes a string as UTF-8 bytes (what Go would hold in a `string`).
 * @param s - any JS string; lone surrogates become U+FFFD (EF BF BD)
 * @param limit - stop after this many bytes (Go's precision on `%x`)
 * @returns the bytes
 */
export function utf8Bytes(s: string, limit: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length && out.length < limit; i++) {
    let r = s.charCodeAt(i);
    if (r < 0x80) {
      out.push(r);
      continue;
    }
    if (r >= 0xd800 && r <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (r <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        r = (r - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        i++;
      } else {
        r = RUNE_ERROR;
      }
    }
    if (r < 0x800) {
      out.push(0xc0 | (r >> 6), 0x80 | (r & 0x3f));
    } else if (r < 0x10000) {
      out.push(0xe0 | (r >> 12), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
    } else {
      out.push(0xf0 | (r >> 18), 0x80 | ((r >> 12) & 0x3f), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
    }
  }
  if (out.length > limit) out.length = limit;
  return out;
}

/**
 * Decodes one rune like Go's `utf8.DecodeRune`: invalid or truncated input yields
 * U+FFFD with size 1, so callers can tell a bad byte from a genuine U+FFFD (size 3).
 * @param b - UTF-8 bytes
 * @param i - start offset (must be < b.length)
 * @returns `size * 0x200000 + rune` (packed to avoid allocating a tuple)
 */
export function decodeRune(b: ArrayLike<number>, i: number): number {
  const n = b.length - i;
  const b0 = b[i] ?? 0;
  const bad = 0x200000 + RUNE_ERROR;
  if (b0 < 0x80) return 0x200000 + b0;
  const b1 = n > 1 ? (b[i + 1] ?? 0) : -1;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    return b1 >= 0x80 && b1 <= 0xbf ? 2 * 0x200000 + (((b0 & 0x1f) << 6) | (b1 & 0x3f)) : bad;
  }
  // Second-byte ranges exclude overlong forms, surrogates (ED A0..BF) and runes above U+10FFFF.
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 === 0xe0) lo = 0xa0;
  else if (b0 === 0xed) hi = 0x9f;
  else if (b0 === 0xf0) lo = 0x90;
  else if (b0 === 0xf4) hi = 0x8f;
  if (b0 < 0xe0 || b0 > 0xf4 || b1 < lo || b1 > hi) return bad;
  const b2 = n > 2 ? (b[i + 2] ?? 0) : -1;
  if (b2 < 0x80 || b2 > 0xbf) return bad;
  if (b0 < 0xf0) return 3 * 0x200000 + (((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f));
  const b3 = n > 3 ? (b[i + 3] ?? 0) : -1;
  if (b3 < 0x80 || b3 > 0xbf) return bad;
  return 4 * 0x200000 + (((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f));
}

/**
 * Decodes UTF-8 bytes to a JS string, one U+FFFD per invalid byte (Go's rune view of the bytes).
 * @param b - UTF-8 bytes
 * @returns the decoded string
 */
export function decodeUtf8(b: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < b.length; ) {
    const packed = decodeRune(b, i);
    out += String.fromCodePoint(packed % 0x200000);
    i += Math.floor(packed / 0x200000);
  }
  return out;
}

/**
 * Encodes a code point as a JS string; invalid runes become U+FFFD (Go's `utf8.AppendRune`).
 * @param r - code point
 * @returns one- or two-unit string
 */
export function runeString(r: number): string {
  return String.fromCodePoint(validRune(r) ? r : RUNE_ERROR);
}
