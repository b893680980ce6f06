// Go's strconv.FormatFloat for float64: formats e E f g G b x X, shortest (-1) or fixed precision.
// Digits are rounded from the exact binary value, ties to even, as Go does.

// Why not just toFixed/toExponential: they are exact too, but round ties away from zero
// (0.25.toFixed(1) is "0.3", Go prints "0.2"). They are used only when the cut provably cannot
// land on an exact tie; otherwise the exact decimal expansion is rounded here.

/** Decimal digits `0.d × 10^dp` (Go's decimalSlice); `d` has no leading/trailing zeros, '' is zero. */
interface Decimal {
  readonly d: string;
  readonly dp: number;
}

const ZERO: Decimal = Object.freeze({ d: '', dp: 0 });

/** Most digits JS toFixed/toExponential accept. */
const JS_MAX_DIGITS = 100;

/** Builds a Decimal from a digit string whose decimal point sits after `dp` digits. */
function normalize(digits: string, dp: number): Decimal {
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === 48) start++;
  let end = digits.length;
  while (end > start && digits.charCodeAt(end - 1) === 48) end--;
  if (start === end) return ZERO;
  return { d: digits.slice(start, end), dp: dp - start };
}

/** Parses JS exponential notation ("1.25e-7") into a Decimal. */
function fromExponential(s: string): Decimal {
  const e = s.indexOf('e');
  const mantissa = s.slice(0, e);
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  return normalize(digits, Number(s.slice(e + 1)) + 1);
}

/** Parses JS fixed notation ("12.50") into a Decimal. */
function fromFixed(s: string): Decimal {
  const dot = s.indexOf('.');
  if (dot < 0) return normalize(s, s.length);
  return normalize(s.slice(0, dot) + s.slice(dot + 1), dot);
}

/** Number of binary fraction digits of a finite non-integer: x·2^k is the first integer. */
function binaryFractionBits(x: number): number {
  let k = 0;
  // Doubling is exact: a double with a fractional part is below 2^52.
  while (!Number.isInteger(x)) {
    x *= 2;
    k++;
  }
  return k;
}

/** Whether the non-integer x has exactly k binary fraction digits, without looping when k is small. */
function hasFractionBits(x: number, k: number): boolean {
  if (k < 1 || k > 1074) return false;
  // 2^k overflows past 2^1023, where only subnormals can have that many fraction digits.
  if (k > 1000) return binaryFractionBits(x) === k;
  const t = x * 2 ** k;
  return Number.isInteger(t) && !Number.isInteger(t / 2);
}

/** The exact decimal expansion of a finite non-negative double (at most ~770 digits). */
function exactDecimal(x: number): Decimal {
  if (x === 0) return ZERO;
  if (Number.isInteger(x)) {
    const s = x < 2 ** 53 ? String(x) : BigInt(x).toString();
    return normalize(s, s.length);
  }
  // x = m / 2^k = m·5^k / 10^k. Doubling step by step stays exact even for subnormals,
  // where 2^k itself would overflow.
  let m = x;
  let k = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    k++;
  }
  const s = (BigInt(m) * 5n ** BigInt(k)).toString();
  return normalize(s, s.length - k);
}

/** Go's `decimal.Round(nd)` on exact digits: round half to even; nd <= 0 keeps the leading position. */
function round(a: Decimal, nd: number): Decimal {
  const d = a.d;
  if (nd < 0 || nd >= d.length) return a;
  const c = d.charCodeAt(nd);
  let up: boolean;
  if (c === 53 && nd + 1 === d.length) {
    // Exactly halfway: round to even (with no digit before, "even" means down).
    up = nd > 0 && (d.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else {
    up = c >= 53;
  }
  if (!up) return nd === 0 ? ZERO : normalize(d.slice(0, nd), a.dp);
  for (let i = nd - 1; i >= 0; i--) {
    const ci = d.charCodeAt(i);
    if (ci < 57) return { d: d.slice(0, i) + String.fromCharCode(ci + 1), dp: a.dp };
  }
  // All nines: 999 → 1000.
  return { d: '1', dp: a.dp + 1 };
}

/** Shortest digits that read back as x (Go's Ryu shortest; V8 picks the same closest digits). */
function shortestDecimal(x: number): Decimal {
  return x === 0 ? ZERO : fromExponential(x.toExponential());
}

/** x rounded to `prec` digits after the decimal point (Go's 'f' mode). */
function fixedDecimal(x: number, prec: number): Decimal {
  if (x === 0) return ZERO;
  if (prec <= JS_MAX_DIGITS && x < 1e21 && !Number.isInteger(x)) {
    // x·10^prec is an exact tie only if x has exactly prec+1 binary fraction digits.
    if (!hasFractionBits(x, prec + 1)) return fromFixed(x.toFixed(prec));
  }
  const e = exactDecimal(x);
  return round(e, e.dp + prec);
}

/** x rounded to `n` >= 1 significant digits (Go's 'e' and 'g' modes). */
function significantDecimal(x: number, n: number): Decimal {
  if (x === 0) return ZERO;
  if (n <= JS_MAX_DIGITS + 1 && !Number.isInteger(x)) {
    const r = fromExponential(x.toExponential(n - 1));
    // The exact expansion has dp + k significant digits; a tie needs exactly n + 1 of them.
    // A carry (9.96 → 1.0e1) can make r.dp one more than the true dp, so test both.
    if (!hasFractionBits(x, n + 1 - r.dp) && !hasFractionBits(x, n + 2 - r.dp)) return r;
  }
  return round(exactDecimal(x), n);
}

/** Go's `fmtE`: -d.ddddde±dd. */
function fmtE(neg: boolean, digs: Decimal, prec: number, e: string): string {
  const d = digs.d;
  let s = (neg ? '-' : '') + (d.length > 0 ? d.charAt(0) : '0');
  if (prec > 0) {
    s += '.';
    const m = Math.min(d.length, prec + 1);
    let i = 1;
    if (i < m) {
      s += d.slice(1, m);
      i = m;
    }
    if (prec + 1 > i) s += '0'.repeat(prec + 1 - i);
  }
  let exp = d.length === 0 ? 0 : digs.dp - 1;
  let sign = '+';
  if (exp < 0) {
    sign = '-';
    exp = -exp;
  }
  // At least two exponent digits: 1e+06, not 1e+6.
  return s + e + sign + (exp < 10 ? '0' : '') + String(exp);
}

/** Go's `fmtF`: -ddddddd.ddddd. */
function fmtF(neg: boolean, digs: Decimal, prec: number): string {
  const d = digs.d;
  const dp = digs.dp;
  let s = neg ? '-' : '';
  if (dp > 0) {
    const m = Math.min(d.length, dp);
    s += d.slice(0, m);
    if (dp > m) s += '0'.repeat(dp - m);
  } else {
    s += '0';
  }
  if (prec > 0) {
    let frac = dp < 0 ? '0'.repeat(Math.min(-dp, prec)) : '';
    const from = Math.max(dp, 0);
    const to = Math.min(d.length, dp + prec);
    if (to > from) frac += d.slice(from, to);
    if (prec > frac.length) frac += '0'.repeat(prec - frac.length);
    s += '.' + frac;
  }
  return s;
}

/** Go's `formatDigits`: lays out rounded digits for e, f or g. */
function formatDigits(neg: boolean, digs: Decimal, prec: number, fmt: string, shortest: boolean): string {
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, digs, prec, fmt);
    case 'f':
      return fmtF(neg, digs, prec);
    default: {
      const nd = digs.d.length;
      let eprec = prec;
      if (eprec > nd && nd >= digs.dp) eprec = nd;
      // %e is used if the exponent is < -4 or >= the precision (6 when printing shortest).
      if (shortest) eprec = 6;
      const exp = digs.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        return fmtE(neg, digs, prec - 1, fmt === 'G' ? 'E' : 'e');
      }
      if (prec > digs.dp) prec = nd;
      return fmtF(neg, digs, Math.max(prec - digs.dp, 0));
    }
  }
}

/** Sign, 53-bit mantissa and binary exponent (value = mant × 2^(exp-52)), as Go's genericFtoa sees them. */
function decompose(v: number): { neg: boolean; mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  return { neg: bits >> 63n === 1n, mant, exp: exp - 1023 };
}

/** Go's `fmtB`: -ddddp±ddd, mantissa and binary exponent in decimal. */
function fmtB(v: number): string {
  const { neg, mant, exp } = decompose(v);
  const e = exp - 52;
  return (neg ? '-' : '') + mant.toString() + 'p' + (e >= 0 ? '+' : '') + String(e);
}

const MASK64 = 0xffffffffffffffffn;

/** Go's `fmtX`: -0x1.yyyyp±dd, a hexadecimal mantissa and binary exponent. */
function fmtX(v: number, prec: number, fmt: string): string {
  const decomposed = decompose(v);
  let { mant, exp } = decomposed;
  if (mant === 0n) exp = 0;
  // Shift digits so the leading 1 (if any) is at bit 60.
  mant <<= 8n;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let s = (decomposed.neg ? '-' : '') + '0' + fmt + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & MASK64;
  if (prec < 0 && mant !== 0n) {
    s += '.';
    while (mant !== 0n) {
      s += hex.charAt(Number((mant >> 60n) & 15n));
      mant = (mant << 4n) & MASK64;
    }
  } else if (prec > 0) {
    s += '.';
    let i = 0;
    for (; i < prec && mant !== 0n; i++) {
      s += hex.charAt(Number((mant >> 60n) & 15n));
      mant = (mant << 4n) & MASK64;
    }
    if (prec > i) s += '0'.repeat(prec - i);
  }
  let sign = '+';
  if (exp < 0) {
    sign = '-';
    exp = -exp;
  }
  return s + (fmt === 'X' ? 'P' : 'p') + sign + (exp < 10 ? '0' : '') + String(exp);
}

/**
 * Go's `strconv.FormatFloat(v, fmt, prec, 64)`.
 * @param v - any number
 * @param fmt - one of e E f g G b x X
 * @param prec - digits (after the point for e/f/x, significant for g); -1 for the shortest exact form
 * @returns the formatted number; NaN → "NaN", infinities → "+Inf"/"-Inf"
 */
export function formatFloat(v: number, fmt: string, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (fmt === 'b') return fmtB(v);
  if (fmt === 'x' || fmt === 'X') return fmtX(v, prec, fmt);
  const neg = v < 0 || Object.is(v, -0);
  const x = Math.abs(v);
  const shortest = prec < 0;
  let digs: Decimal;
  if (shortest) {
    digs = shortestDecimal(x);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(digs.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else if (fmt === 'f') {
    digs = fixedDecimal(x, prec);
  } else if (fmt === 'e' || fmt === 'E') {
    digs = significantDecimal(x, prec + 1);
  } else {
    if (prec === 0) prec = 1;
    digs = significantDecimal(x, prec);
  }
  return formatDigits(neg, digs, prec, fmt, shortest);
}
