// String and byte-slice verbs: %s %v %q %x %X (Go's fmtString, fmtBytes, fmtS, fmtSbx, fmtQ).
import { fmt0x64, formatInteger } from './integers.js';
import type { Printer } from './printer.js';
import { canBackquote, quoteBytes, quoteString } from './quote.js';
import { RUNE_ERROR, decodeRune, decodeUtf8, truncateRunes, utf8Bytes } from './runes.js';

const LOWER_HEX = '0123456789abcdef';
const UPPER_HEX = '0123456789ABCDEF';

/**
 * `%s`: the string cut to `precision` runes, then padded.
 * @param p - printer
 * @param s - the string
 */
export function fmtS(p: Printer, s: string): void {
  p.pad(p.precPresent ? truncateRunes(s, p.prec) : s);
}

/**
 * `%q`: Go-quoted (backquoted with `#` when possible, ASCII-only with `+`).
 * @param p - printer
 * @param s - the string
 */
export function fmtQ(p: Printer, s: string): void {
  if (p.precPresent) s = truncateRunes(s, p.prec);
  // Bounded (sprintfBounded): only what can show is quoted; a string longer than the room has no closing quote.
  const room = p.room();
  if (s.length > room) s = s.slice(0, room);
  if (p.sharp && canBackquote(s)) {
    p.pad('`' + s + '`');
    return;
  }
  p.pad(quoteString(s, p.plus));
}

/**
 * `%x`/`%X` of bytes (Go's `fmtSbx`): `#` adds 0x, space separates bytes, precision limits the byte count.
 * @param p - printer
 * @param b - the bytes (UTF-8 of a string, or a Uint8Array)
 * @param upper - `%X`
 */
function fmtSbx(p: Printer, b: ArrayLike<number>, upper: boolean): void {
  const digits = upper ? UPPER_HEX : LOWER_HEX;
  const prefix = upper ? '0X' : '0x';
  let length = b.length;
  if (p.precPresent && p.prec < length) length = p.prec;
  let width = 2 * length;
  if (width > 0) {
    if (p.space) {
      if (p.sharp) width *= 2;
      width += length - 1;
    } else if (p.sharp) {
      width += 2;
    }
  } else {
    if (p.widPresent) p.writePadding(p.wid);
    return;
  }
  if (p.widPresent && p.wid > width && !p.minus) p.writePadding(p.wid - width);
  let out = p.sharp ? prefix : '';
  const room = p.room();
  for (let i = 0; i < length && out.length <= room; i++) {
    if (p.space && i > 0) {
      out += ' ';
      if (p.sharp) out += prefix;
    }
    const c = b[i] ?? 0;
    out += digits.charAt(c >> 4) + digits.charAt(c & 15);
  }
  p.buf += out;
  if (p.widPresent && p.wid > width && p.minus) p.writePadding(p.wid - width);
}

/**
 * Go's `pp.fmtString`: a string operand under any verb.
 * @param p - printer
 * @param s - the string
 * @param verb - the verb
 * @returns false when the verb does not apply to strings (caller reports a bad verb)
 */
export function fmtString(p: Printer, s: string, verb: string): boolean {
  switch (verb) {
    case 'v':
      if (p.sharpV) fmtQ(p, s);
      else fmtS(p, s);
      return true;
    case 's':
      fmtS(p, s);
      return true;
    case 'x':
    case 'X':
      // Go encodes the string's UTF-8 bytes; precision counts bytes here.
      // Bounded: each byte prints at least two characters, so half the room is all that can show.
      fmtSbx(p, utf8Bytes(s, Math.min(p.precPresent ? p.prec : s.length * 3, Math.ceil(p.room() / 2) + 1)), verb === 'X');
      return true;
    case 'q':
      fmtQ(p, s);
      return true;
    default:
      return false;
  }
}

/** The first `n` runes of UTF-8 bytes; each invalid byte counts as one rune, as in Go. */
function truncateBytes(b: Uint8Array, n: number): Uint8Array {
  let i = 0;
  for (let count = 0; i < b.length && count < n; count++) i += Math.floor(decodeRune(b, i) / 0x200000);
  return i < b.length ? b.subarray(0, i) : b;
}

/** Go's `strconv.CanBackquote` applied to raw bytes: invalid UTF-8 rules a raw string out. */
function canBackquoteBytes(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; ) {
    const packed = decodeRune(b, i);
    const size = Math.floor(packed / 0x200000);
    const r = packed % 0x200000;
    if (size === 1 && r === RUNE_ERROR) return false;
    if (size > 1 && r === 0xfeff) return false;
    if (size === 1 && ((r < 0x20 && r !== 0x09) || r === 0x60 || r === 0x7f)) return false;
    i += size;
  }
  return true;
}

/**
 * Go's `pp.fmtBytes`: a `[]byte` (JS Uint8Array) under v d s q x X.
 * @param p - printer
 * @param b - the bytes
 * @param verb - the verb
 * @returns false for other verbs, which print element-wise like any slice
 */
export function fmtBytes(p: Printer, b: Uint8Array, verb: string): boolean {
  switch (verb) {
    case 'v':
    case 'd':
      if (p.sharpV) {
        p.buf += '[]byte{';
        for (let i = 0; i < b.length && !p.full(); i++) {
          if (i > 0) p.buf += ', ';
          fmt0x64(p, b[i] ?? 0, true);
        }
        p.buf += '}';
      } else {
        p.buf += '[';
        for (let i = 0; i < b.length && !p.full(); i++) {
          if (i > 0) p.buf += ' ';
          formatInteger(p, b[i] ?? 0, 10, verb);
        }
        p.buf += ']';
      }
      return true;
    case 's':
      fmtS(p, decodeUtf8(b));
      return true;
    case 'x':
    case 'X':
      fmtSbx(p, b, verb === 'X');
      return true;
    case 'q': {
      const cut = p.precPresent ? truncateBytes(b, p.prec) : b;
      if (p.sharp && canBackquoteBytes(cut)) p.pad('`' + decodeUtf8(cut) + '`');
      else p.pad(quoteBytes(cut.length > p.room() ? cut.subarray(0, p.room()) : cut, p.plus));
      return true;
    }
    default:
      return false;
  }
}
