// Float rounding: %.Nf and %.Ne must equal the exact binary value rounded half-to-even, as Go's
// strconv does. Checked against an independent BigInt reference over seeded random doubles and
// exact ties, where JS toFixed/toExponential (ties away from zero) would differ.
import { describe, expect, it } from 'vitest';
import { sprintf } from '../../src/format/index.js';

/** x = mant · 2^exp exactly (x finite, non-negative). */
function decompose(x: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return e === 0 ? { mant: frac, exp: -1074 } : { mant: frac | (1n << 52n), exp: e - 1075 };
}

/** num/den rounded to an integer, ties to even. */
function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num % den) * 2n;
  return r2 > den || (r2 === den && q % 2n === 1n) ? q + 1n : q;
}

function rational(x: number): [bigint, bigint] {
  const { mant, exp } = decompose(x);
  return exp >= 0 ? [mant << BigInt(exp), 1n] : [mant, 1n << BigInt(-exp)];
}

function refFixed(v: number, prec: number): string {
  const [num, den] = rational(Math.abs(v));
  const q = roundHalfEven(num * 10n ** BigInt(prec), den).toString().padStart(prec + 1, '0');
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  return sign + (prec === 0 ? q : q.slice(0, q.length - prec) + '.' + q.slice(q.length - prec));
}

function refExp(v: number, prec: number): string {
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  if (v === 0) return sign + '0' + (prec > 0 ? '.' + '0'.repeat(prec) : '') + 'e+00';
  const [num, den] = rational(Math.abs(v));
  // Exact decimal exponent: 10^e10 <= num/den < 10^(e10+1).
  let e10 = Math.floor(Math.log10(Math.abs(v)));
  const below = (k: number): boolean => (k >= 0 ? num < den * 10n ** BigInt(k) : num * 10n ** BigInt(-k) < den);
  while (below(e10)) e10--;
  while (!below(e10 + 1)) e10++;
  const shift = prec - e10;
  let q = shift >= 0 ? roundHalfEven(num * 10n ** BigInt(shift), den) : roundHalfEven(num, den * 10n ** BigInt(-shift));
  if (q === 10n ** BigInt(prec + 1)) {
    q /= 10n;
    e10++;
  }
  const s = q.toString();
  const exp = Math.abs(e10);
  return sign + s[0] + (prec > 0 ? '.' + s.slice(1) : '') + 'e' + (e10 < 0 ? '-' : '+') + (exp < 10 ? '0' : '') + String(exp);
}

/** Deterministic xorshift PRNG so failures are reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

function samples(): number[] {
  const rand = rng(0x5eed);
  const out: number[] = [0.25, 0.35, 0.5, 1.5, 2.5, 1.005, 0.125, 0.375, 2.675, 1e-7, 9.5, 99.95, 0.045, 1234.5, 5e-324, 1.7976931348623157e308];
  // Exact binary fractions: the values where ties actually occur.
  for (let i = 0; i < 300; i++) out.push(Math.floor(rand() * 1e6) / 2 ** (1 + Math.floor(rand() * 12)));
  // Short decimals, the typical event payloads.
  for (let i = 0; i < 300; i++) out.push(Math.floor(rand() * 1e7) / 10 ** Math.floor(rand() * 6));
  // Arbitrary doubles across the exponent range.
  for (let i = 0; i < 400; i++) out.push((rand() + 0.1) * 10 ** Math.floor(rand() * 40 - 20));
  return out.flatMap((x) => [x, -x]);
}

describe('float rounding matches the exact value, ties to even', () => {
  const values = samples();

  it('%.Nf for N in 0..20', () => {
    const bad: string[] = [];
    for (const v of values) {
      if (Math.abs(v) > 1e22) continue;
      for (let prec = 0; prec <= 20; prec++) {
        const got = sprintf('%.*f', prec, v);
        const want = refFixed(v, prec);
        if (got !== want) bad.push(`%.${prec}f of ${v}: got ${got}, want ${want}`);
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('%.Ne for N in 0..25', () => {
    const bad: string[] = [];
    for (const v of values) {
      for (let prec = 0; prec <= 25; prec++) {
        const got = sprintf('%.*e', prec, v);
        const want = refExp(v, prec);
        if (got !== want) bad.push(`%.${prec}e of ${v}: got ${got}, want ${want}`);
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('%v is the shortest representation that reads back exactly', () => {
    const bad: string[] = [];
    for (const v of values) {
      const got = sprintf('%v', v);
      const digits = (s: string): string => s.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
      const shortest = digits(v.toExponential());
      if (Number(got) !== v || digits(got).replace(/0+$/, '') !== shortest) bad.push(`%v of ${v}: got ${got}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('precisions beyond what toFixed/toExponential support use the exact expansion', () => {
    expect(sprintf('%.120f', 0.1)).toBe(refFixed(0.1, 120));
    expect(sprintf('%.110e', 1 / 3)).toBe(refExp(1 / 3, 110));
    expect(sprintf('%.1074f', 5e-324)).toBe(refFixed(5e-324, 1074));
    expect(sprintf('%.2f', 1e22)).toBe('10000000000000000000000.00');
    expect(sprintf('%f', 1.7976931348623157e308)).toBe(refFixed(1.7976931348623157e308, 6));
  });

  it('known ties and near-ties', () => {
    expect(sprintf('%.1f %.1f %.0f %.0f %.0f %.2f', 0.25, 0.35, 0.5, 1.5, 2.5, 2.675)).toBe('0.2 0.3 0 2 2 2.67');
    expect(sprintf('%.0e %.1e %.2e %.3g', 0.25, 125, 2.675, 2.5e-5)).toBe('2e-01 1.2e+02 2.67e+00 2.5e-05');
    expect(sprintf('%.1f %.0f', 9.95, 99.5)).toBe('9.9 100');
  });
});
