// Integer verbs %v %d %b %o %O %x %X %c %q %U (Go's pp.fmtInteger and fmt.fmtInteger/fmtC/fmtQc/fmtUnicode).
// Operands are JS safe integers (Go int) or bigints (Go int64; larger values print exactly).
import type { Printer } from './printer.js';
import { isPrint, quoteRune } from './quote.js';
import { MAX_RUNE, RUNE_ERROR, runeString } from './runes.js';

/**
 * Go's `fmt.fmtInteger`: digits in `base`, then precision/zero padding, `#` prefixes, sign and width.
 * @param p - printer
 * @param v - safe integer or bigint
 * @param base - 2, 8, 10 or 16
 * @param verb - the verb (`X` selects upper-case digits, `O` adds `0o`)
 */
export function formatInteger(p: Printer, v: number | bigint, base: number, verb: string): void {
  const negative = v < 0;
  const isZero = v === 0 || v === 0n;
  let digits = (negative ? -v : v).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();

  // Two ways to ask for leading zeros: %.3d or %03d. With both, the zero flag is ignored.
  let prec = 0;
  if (p.precPresent) {
    prec = p.prec;
    // Precision 0 and value 0 print nothing but the padding.
    if (prec === 0 && isZero) {
      const oldZero = p.zero;
      p.zero = false;
      p.writePadding(p.wid);
      p.zero = oldZero;
      return;
    }
  } else if (p.zero && !p.minus && p.widPresent) {
    prec = p.wid;
    if (negative || p.plus || p.space) prec--; // leave room for the sign
  }
  if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;

  if (p.sharp) {
    if (base === 2) digits = '0b' + digits;
    else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
    else if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
  }
  // The 0x prefix goes after the zero padding, so Go's %#08x of 42 is 0x0000002a (10 characters).
  if (verb === 'O') digits = '0o' + digits;
  if (negative) digits = '-' + digits;
  else if (p.plus) digits = '+' + digits;
  else if (p.space) digits = ' ' + digits;

  // Zero padding was handled as precision above, so the width pads with spaces.
  const oldZero = p.zero;
  p.zero = false;
  p.pad(digits);
  p.zero = oldZero;
}

/**
 * Go's `fmt0x64`: hex with or without 0x, used for bytes under `%#v`.
 * @param p - printer
 * @param v - non-negative integer
 * @param leading0x - whether to prefix 0x
 */
export function fmt0x64(p: Printer, v: number, leading0x: boolean): void {
  const sharp = p.sharp;
  p.sharp = leading0x;
  formatInteger(p, v, 16, 'v');
  p.sharp = sharp;
}

/** The uint64 Go converts a signed value to for %c %q %U: negatives wrap around. */
function asUint64(v: number | bigint): bigint | number {
  if (v >= 0) return v;
  return BigInt.asUintN(64, typeof v === 'bigint' ? v : BigInt(v));
}

/** Code point for %c and %q: anything beyond U+10FFFF (including wrapped negatives) is U+FFFD. */
function runeOf(v: number | bigint): number {
  const u = asUint64(v);
  return u > MAX_RUNE ? RUNE_ERROR : Number(u);
}

/**
 * Go's `fmtUnicode`: `U+0078`, and with `#` also the quoted character when printable.
 * @param p - printer
 * @param v - the integer
 */
function fmtUnicode(p: Printer, v: number | bigint): void {
  const u = asUint64(v);
  let hex = u.toString(16).toUpperCase();
  const prec = p.precPresent && p.prec > 4 ? p.prec : 4;
  if (hex.length < prec) hex = '0'.repeat(prec - hex.length) + hex;
  let s = 'U+' + hex;
  if (p.sharp && u <= MAX_RUNE && isPrint(Number(u))) s += " '" + String.fromCodePoint(Number(u)) + "'";
  const oldZero = p.zero;
  p.zero = false;
  p.pad(s);
  p.zero = oldZero;
}

/**
 * Go's `pp.fmtInteger`: an integer operand under any verb.
 * @param p - printer
 * @param v - safe integer or bigint
 * @param verb - the verb
 * @returns false when the verb does not apply to integers (caller reports a bad verb)
 */
export function fmtInteger(p: Printer, v: number | bigint, verb: string): boolean {
  switch (verb) {
    case 'v':
    case 'd':
      formatInteger(p, v, 10, verb);
      return true;
    case 'b':
      formatInteger(p, v, 2, verb);
      return true;
    case 'o':
    case 'O':
      formatInteger(p, v, 8, verb);
      return true;
    case 'x':
    case 'X':
      formatInteger(p, v, 16, verb);
      return true;
    case 'c':
      p.pad(runeString(runeOf(v)));
      return true;
    case 'q':
      p.pad(quoteRune(runeOf(v), p.plus));
      return true;
    case 'U':
      fmtUnicode(p, v);
      return true;
    default:
      return false;
  }
}
