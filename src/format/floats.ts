// Float verbs %v %e %E %f %F %g %G %b %x %X (Go's pp.fmtFloat and fmt.fmtFloat): sign, #, padding.
import { formatFloat } from './ftoa.js';
import type { Printer } from './printer.js';

/**
 * Go's `fmt.fmtFloat`: formats with strconv, then applies sign flags, `#` and width.
 * @param p - printer
 * @param v - the number
 * @param verb - strconv format letter (e E f g G b x X)
 * @param prec - default precision, overridden by an explicit one
 */
function formatFloatVerb(p: Printer, v: number, verb: string, prec: number): void {
  if (p.precPresent) prec = p.prec;
  let num = formatFloat(v, verb, prec);
  // Reserve a leading sign: '+' unless strconv produced one.
  const c0 = num.charCodeAt(0);
  if (c0 !== 45 && c0 !== 43) num = '+' + num;
  if (p.space && num.charCodeAt(0) === 43 && !p.plus) num = ' ' + num.slice(1);

  // Infinities and NaN don't look like numbers, so they are never zero padded.
  const c1 = num.charCodeAt(1);
  if (c1 === 73 /* I */ || c1 === 78 /* N */) {
    const oldZero = p.zero;
    p.zero = false;
    // NaN has no sign unless one was asked for.
    if (c1 === 78 && !p.space && !p.plus) num = num.slice(1);
    p.pad(num);
    p.zero = oldZero;
    return;
  }

  // '#' forces a decimal point and, for %g, keeps trailing zeros up to the precision.
  if (p.sharp && verb !== 'b') {
    let digits = 0;
    if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
    let tail = '';
    let hasDecimalPoint = false;
    let sawNonzeroDigit = false;
    for (let i = 1; i < num.length; i++) {
      const ch = num.charAt(i);
      if (ch === '.') {
        hasDecimalPoint = true;
      } else if (ch === 'p' || ch === 'P' || ((ch === 'e' || ch === 'E') && verb !== 'x' && verb !== 'X')) {
        tail = num.slice(i);
        num = num.slice(0, i);
      } else {
        // Go counts every other character here, including the 'x' of a hex float: kept as is.
        if (ch !== '0') sawNonzeroDigit = true;
        if (sawNonzeroDigit) digits--;
      }
    }
    if (!hasDecimalPoint) {
      // A lone leading 0 still counts as one digit.
      if (num.length === 2 && num.charAt(1) === '0') digits--;
      num += '.';
    }
    if (digits > 0) num += '0'.repeat(digits);
    num += tail;
  }

  if (p.plus || num.charCodeAt(0) !== 43) {
    // Zero padding goes between the sign and the digits.
    if (p.zero && !p.minus && p.widPresent && p.wid > num.length) {
      p.buf += num.charAt(0);
      p.writePadding(p.wid - num.length);
      p.buf += num.slice(1);
      return;
    }
    p.pad(num);
    return;
  }
  p.pad(num.slice(1));
}

/**
 * Go's `pp.fmtFloat`: a float64 operand under any verb.
 * @param p - printer
 * @param v - the number
 * @param verb - the verb
 * @returns false when the verb does not apply to floats (caller reports a bad verb)
 */
export function fmtFloat(p: Printer, v: number, verb: string): boolean {
  switch (verb) {
    case 'v':
      formatFloatVerb(p, v, 'g', -1);
      return true;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
      formatFloatVerb(p, v, verb, -1);
      return true;
    case 'f':
    case 'e':
    case 'E':
      formatFloatVerb(p, v, verb, 6);
      return true;
    case 'F':
      formatFloatVerb(p, v, 'f', 6);
      return true;
    default:
      return false;
  }
}
