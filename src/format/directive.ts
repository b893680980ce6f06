// One `%` directive of a Go format: flags, explicit `[n]` indexes, width and precision (literal or
// `*`), the verb, and Go's BADWIDTH/BADPREC/BADINDEX/MISSING/NOVERB notations (Go's doPrintf body).
import { printArg } from './print.js';
import type { Printer } from './printer.js';

/** Go rejects widths and precisions beyond this (tooLarge). */
const MAX_WIDTH = 1e6;

/**
 * Bounded formatting (sprintfBounded) caps a precision at the room left plus this: more than the 1074
 * fractional digits of the smallest float64 and an int64's digits, so the text that shows is unchanged
 * (rounding cannot reach back past exact digits) while `%.1000000f` costs what `%.2000f` does.
 */
const PRECISION_MARGIN = 1100;

/**
 * Go's `parsenum`: decimal digits at `start`. The value goes to `p.num`/`p.isNum`.
 * On overflow Go consumes the rest of the format; that quirk is kept (it ends in `%!(NOVERB)`).
 * @returns the index after the digits
 */
function parseNum(p: Printer, s: string, start: number, end: number): number {
  p.num = 0;
  p.isNum = false;
  if (start >= end) return end;
  let num = 0;
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (num > MAX_WIDTH) return end;
    num = num * 10 + (c - 48);
  }
  p.num = num;
  p.isNum = i > start;
  return i;
}

/**
 * Go's `argNumber`: an optional `[n]` at `i` selects operand n (1-based).
 * Sets `p.argNum`, `p.afterIndex`, `p.reordered` and `p.goodArgNum`.
 * @returns the index after the bracket expression
 */
function argNumber(p: Printer, format: string, i: number, numArgs: number): number {
  if (i >= format.length || format.charCodeAt(i) !== 91 /* [ */) {
    p.afterIndex = false;
    return i;
  }
  p.reordered = true;
  let index = 0;
  let wid = 1;
  let ok = false;
  if (format.length - i >= 3) {
    for (let j = i + 1; j < format.length; j++) {
      if (format.charCodeAt(j) === 93 /* ] */) {
        const newi = parseNum(p, format, i + 1, j);
        wid = j - i + 1;
        ok = p.isNum && newi === j;
        if (ok) index = p.num - 1;
        break;
      }
    }
  }
  if (ok && index >= 0 && index < numArgs) {
    p.argNum = index;
    p.afterIndex = true;
    return i + wid;
  }
  p.goodArgNum = false;
  p.afterIndex = ok;
  return i + wid;
}

/**
 * Go's `intFromArg`: the operand for a `*` width or precision. Sets `p.num`/`p.isNum`.
 * Only integers within ±1e6 qualify; anything else yields BADWIDTH/BADPREC.
 */
function intFromArg(p: Printer, a: readonly unknown[]): void {
  p.num = 0;
  p.isNum = false;
  if (p.argNum >= a.length) return;
  const v = a[p.argNum];
  p.argNum++;
  let n = NaN;
  if (typeof v === 'number' && Number.isSafeInteger(v)) n = v;
  else if (typeof v === 'bigint' && v >= -1000000n && v <= 1000000n) n = Number(v);
  if (n >= -MAX_WIDTH && n <= MAX_WIDTH) {
    p.num = n;
    p.isNum = true;
  }
}

/**
 * Processes one directive whose `%` precedes `p.i` (Go's doPrintf loop body): flags, `[n]`, width,
 * precision, verb, then the operand. Output goes to `p.buf`; `p.i` and `p.argNum` are advanced.
 * @param p - printer holding the scan position
 * @param format - the format string
 * @param a - the operands
 */
export function directive(p: Printer, format: string, a: readonly unknown[]): void {
  const end = format.length;
  let i = p.i;
  p.clearFlags();
  p.goodArgNum = true;
  flags: for (; i < end; i++) {
    switch (format.charCodeAt(i)) {
      case 35: // #
        p.sharp = true;
        break;
      case 48: // 0
        p.zero = true;
        break;
      case 43: // +
        p.plus = true;
        break;
      case 45: // -
        p.minus = true;
        break;
      case 32: // space
        p.space = true;
        break;
      default:
        break flags;
    }
  }

  i = argNumber(p, format, i, a.length);

  if (i < end && format.charCodeAt(i) === 42 /* * */) {
    i++;
    intFromArg(p, a);
    p.wid = p.num;
    p.widPresent = p.isNum;
    if (!p.widPresent) p.buf += '%!(BADWIDTH)';
    // A negative width means left-justify; zero padding never goes on the right.
    if (p.wid < 0) {
      p.wid = -p.wid;
      p.minus = true;
      p.zero = false;
    }
    p.afterIndex = false;
  } else {
    i = parseNum(p, format, i, end);
    p.wid = p.num;
    p.widPresent = p.isNum;
    if (p.afterIndex && p.widPresent) p.goodArgNum = false; // "%[3]2d"
  }

  if (i + 1 < end && format.charCodeAt(i) === 46 /* . */) {
    i++;
    if (p.afterIndex) p.goodArgNum = false; // "%[3].2d"
    i = argNumber(p, format, i, a.length);
    if (i < end && format.charCodeAt(i) === 42 /* * */) {
      i++;
      intFromArg(p, a);
      p.prec = p.num;
      p.precPresent = p.isNum;
      if (p.prec < 0) {
        p.prec = 0;
        p.precPresent = false;
      }
      if (!p.precPresent) p.buf += '%!(BADPREC)';
      p.afterIndex = false;
    } else {
      i = parseNum(p, format, i, end);
      p.prec = p.num;
      // "%.d" means precision 0.
      p.precPresent = true;
    }
  }

  if (!p.afterIndex) i = argNumber(p, format, i, a.length);

  if (i >= end) {
    p.buf += '%!(NOVERB)';
    p.i = end;
    return;
  }

  const cp = format.codePointAt(i) ?? 0;
  i += cp > 0xffff ? 2 : 1;
  p.i = i;
  // A lone surrogate is invalid UTF-8 to Go, which reads it as U+FFFD.
  const verb = cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : String.fromCodePoint(cp);

  if (verb === '%') {
    // Percent does not absorb an operand and ignores width and precision.
    p.buf += '%';
  } else if (!p.goodArgNum) {
    p.buf += '%!' + verb + '(BADINDEX)';
  } else if (p.argNum >= a.length) {
    p.buf += '%!' + verb + '(MISSING)';
  } else {
    if (verb === 'v' || verb === 'w') {
      // %#v and %+v are different formats, not flags: Go moves them aside.
      p.sharpV = p.sharp;
      p.sharp = false;
      p.plusV = p.plus;
      p.plus = false;
    }
    if (p.prec > p.limit + PRECISION_MARGIN) p.prec = Math.ceil(p.limit) + PRECISION_MARGIN;
    printArg(p, a[p.argNum], verb);
    p.argNum++;
  }
}
