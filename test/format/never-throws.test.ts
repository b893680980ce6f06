// sprintf runs on a controller's hot path: whatever it is given, it must return a string.
import { describe, expect, it } from 'vitest';
import { sprintf } from '../../src/format/index.js';

/** A Proxy whose every trap throws the same error. */
function hostileProxy<T extends object>(target: T): T {
  const boom = (): never => {
    throw new Error('trap');
  };
  return new Proxy(target, {
    get: boom,
    set: boom,
    has: boom,
    ownKeys: boom,
    getOwnPropertyDescriptor: boom,
    getPrototypeOf: boom,
    setPrototypeOf: boom,
    defineProperty: boom,
    deleteProperty: boom,
    isExtensible: boom,
    preventExtensions: boom,
    apply: boom,
    construct: boom,
  });
}

describe('sprintf never throws', () => {
  it('reports a throwing getter inline, Go panic style', () => {
    const o = {
      get bad(): string {
        throw new Error('getter boom');
      },
      ok: 1,
    };
    expect(sprintf('%v', o)).toBe('map[bad:%!v(PANIC=Get method: getter boom) ok:1]');
  });

  it('reports a throwing toString, whatever was thrown', () => {
    const a = {
      toString(): string {
        throw new Error('ts boom');
      },
    };
    const b = {
      toString(): string {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a thrown non-Error must be printed too
        throw 'plain string';
      },
    };
    expect(sprintf('%v|%5s|', a, b)).toBe('%!v(PANIC=String method: ts boom)|%!s(PANIC=String method: plain string)|');
  });

  it('reports a throwing Error message getter', () => {
    const err = new Error('x');
    Object.defineProperty(err, 'message', {
      get(): string {
        throw new Error('no message');
      },
    });
    expect(sprintf('%v', err)).toBe('%!v(PANIC=Error method: no message)');
  });

  it('survives a toString that throws something unprintable', () => {
    const evil = {
      toString(): string {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a thrown value that cannot be inspected
        throw hostileProxy({});
      },
    };
    expect(sprintf('%v', evil)).toBe('%!v(PANIC=String method: <unprintable>)');
  });

  it('handles a toString returning a non-string', () => {
    const n = { toString: (): unknown => 42 };
    const o = { toString: (): unknown => ({}) };
    expect(sprintf('%v', n)).toBe('42');
    expect(sprintf('%v', o)).toBe('%!v(PANIC=String method: Cannot convert object to primitive value)');
  });

  it('handles a Proxy that throws on every trap, alone and nested', () => {
    const p = hostileProxy({});
    expect(sprintf('%v %s %d', p, p, p)).toBe(
      '%!v(PANIC=Inspect method: trap) %!s(PANIC=Inspect method: trap) %!d(PANIC=Inspect method: trap)',
    );
    expect(sprintf('%v', [1, p, 2])).toBe('[1 %!v(PANIC=Inspect method: trap) 2]');
    expect(sprintf('%T', p)).toBe('interface {}');
    expect(sprintf('x', p)).toBe('x%!(EXTRA interface {}=%!v(PANIC=Inspect method: trap))');
    expect(sprintf('%v', hostileProxy(() => 1))).toBe('%!v(func=<anonymous>)');
  });

  it('handles a revoked Proxy', () => {
    const { proxy, revoke } = Proxy.revocable<unknown[]>([], {});
    revoke();
    expect(sprintf('%v', proxy)).toMatch(/^%!v\(PANIC=Inspect method: .*revoked.*\)$/);
  });

  it('handles circular structures', () => {
    const a: Record<string, unknown> = {};
    const b: Record<string, unknown> = { a };
    a.b = b;
    const m = new Map<string, unknown>();
    m.set('self', m);
    expect(sprintf('%v %v %#v', a, m, a)).toBe(
      'map[b:map[a:<cycle>]] map[self:<cycle>] map[string]interface {}{"b":map[string]interface {}{"a":<cycle>}}',
    );
  });

  it('handles a Stringer that formats itself recursively forever', () => {
    const loop = {
      toString(): string {
        return sprintf('%v', this);
      },
    };
    expect(sprintf('%v', loop)).toMatch(/PANIC/);
  });

  it('keeps Go parse-overflow semantics for huge literal widths', () => {
    expect(sprintf('%999999999d', 1)).toBe('%!(NOVERB)%!(EXTRA int=1)');
    expect(sprintf('%.999999999f', 1)).toBe('%!(NOVERB)%!(EXTRA int=1)');
  });

  it('accepts a literal width of 1e7 as Go does', () => {
    const s = sprintf('%10000000d', 1);
    expect(s.length).toBe(1e7);
    expect(s.endsWith(' 1')).toBe(true);
  });

  it('rejects * widths and precisions beyond 1e6', () => {
    expect(sprintf('%*d|%.*d|%*d', 1e7, 1, 1e7, 2, 1000001n, 3)).toBe('%!(BADWIDTH)1|%!(BADPREC)2|%!(BADWIDTH)3');
    expect(sprintf('%*d %*d', 1.5, 1, '3', 2)).toBe('%!(BADWIDTH)1 %!(BADWIDTH)2');
    expect(sprintf('%*d', 3)).toBe('%!d(MISSING)'); // 3 is taken as the width
    expect(sprintf('%*d')).toBe('%!(BADWIDTH)%!d(MISSING)');
  });

  it('returns a panic notation when the result would exceed the JS string limit', () => {
    let big = 'x'.repeat(1 << 20);
    for (let i = 0; i < 8; i++) big += big; // 2^28 characters, as a cheap rope
    // Four copies exceed V8's limit (2^29-24, or 2^30-25 on some builds) without allocating them.
    expect(sprintf('%s%s%s%s', big, big, big, big)).toBe('%!(PANIC=sprintf: Invalid string length)');
  });

  it('coerces a non-string format', () => {
    const call = sprintf as (format: unknown, ...args: unknown[]) => string;
    expect(call(42)).toBe('42');
    expect(call(null)).toBe('null');
    expect(call(undefined, 1)).toBe('undefined%!(EXTRA int=1)');
    expect(call(Symbol('f'))).toBe('Symbol(f)');
    expect(call({ toString: () => '%d!' }, 7)).toBe('7!');
    expect(
      call({
        toString(): string {
          throw new Error('no');
        },
      }),
    ).toBe('%!(BADFORMAT)');
  });

  it('handles odd verbs and formats', () => {
    expect(sprintf('%\u{1F600}', 1)).toBe('%!\u{1F600}(int=1)');
    expect(sprintf('%\ud800', 1)).toBe('%!\ufffd(int=1)');
    expect(sprintf('%', 1)).toBe('%!(NOVERB)%!(EXTRA int=1)');
    expect(sprintf('%-+# 0', 1)).toBe('%!(NOVERB)%!(EXTRA int=1)');
    expect(sprintf('%z')).toBe('%!z(MISSING)');
  });

  it('never throws on a fuzzed mix of formats and operands', () => {
    const operands: unknown[] = [
      0, -1, 1.5, NaN, -Infinity, 2 ** 60, 10n ** 30n, '', 'é😀\ud800', true, null, undefined,
      [], [null, [1]], new Map([[NaN, {}]]), new Set([Symbol()]), new Date(NaN), new Error('e'),
      new Uint8Array([0xff, 0xc3]), { toString: () => '' }, hostileProxy({}), hostileProxy([]), () => 0,
    ];
    const pieces = ['%', 'v', 'd', 's', 'q', 'x', 'X', 'e', 'f', 'g', 'c', 'U', 'T', 'p', 'w', '#', '+', '-', ' ', '0', '*', '.', '[', ']', '1', '2', '9', 'é'];
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      let format = '';
      for (let j = 0, len = next(12); j < len; j++) format += pieces[next(pieces.length)];
      const args = Array.from({ length: next(4) }, () => operands[next(operands.length)]);
      const out = sprintf(format, ...args);
      expect(typeof out).toBe('string');
    }
  });
});
