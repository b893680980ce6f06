// The documented mapping of JS values Go has no notion of (see the TSDoc of sprintf).
import { describe, expect, it } from 'vitest';
import { sprintf } from '../../src/format/index.js';

describe('hot path', () => {
  it('formats the typical event message', () => {
    expect(sprintf('%s step %d of %s', 'Pulled', 3, 'web-1')).toBe('Pulled step 3 of web-1');
  });

  it('gives the results shown in the TSDoc example', () => {
    expect(sprintf('Pulled image %q in %.1fs', 'nginx:1.27', 2.25)).toBe('Pulled image "nginx:1.27" in 2.2s');
    expect(sprintf('%d', 'x')).toBe('%!d(string=x)');
  });

  it('copies a format without verbs unchanged', () => {
    expect(sprintf('Successfully assigned default/web-0 to node-1')).toBe('Successfully assigned default/web-0 to node-1');
  });
});

describe('numbers', () => {
  it('safe integers are Go int, even when written 1.0', () => {
    expect(sprintf('%v %d %T', 1.0, 42, 7)).toBe('1 42 int');
    expect(sprintf('%s', 5)).toBe('%!s(int=5)');
  });

  it('-0 is int 0 for %v/%d but keeps its sign under float verbs', () => {
    expect(sprintf('%v %d %x', -0, -0, -0)).toBe('0 0 0');
    expect(sprintf('%f %g %e', -0, -0, -0)).toBe('-0.000000 -0 -0.000000e+00');
  });

  it('other numbers are float64', () => {
    expect(sprintf('%v %T', 1.5, 1.5)).toBe('1.5 float64');
    expect(sprintf('%v %v %v', NaN, Infinity, -Infinity)).toBe('NaN +Inf -Inf');
    expect(sprintf('%v %T', 2 ** 53, 2 ** 53)).toBe('9.007199254740992e+15 float64');
    expect(sprintf('%d', 1.5)).toBe('%!d(float64=1.5)');
    expect(sprintf('%d', NaN)).toBe('%!d(float64=NaN)');
  });

  it('float verbs accept integer-valued numbers (JS has no 2.0)', () => {
    expect(sprintf('%.1f %e %g %5.2f%%', 2, 3, 1e6, 50)).toBe('2.0 3.000000e+00 1e+06 50.00%');
  });

  it('%x %X %b of a non-integer are Go hex and binary floats', () => {
    expect(sprintf('%x %X %.2x %b', 1.5, 3.14, 3.14159, 0.5)).toBe('0x1.8p+00 0X1.91EB851EB851FP+01 0x1.92p+01 4503599627370496p-53');
  });
});

describe('bigint', () => {
  it('is Go int64 and prints exactly', () => {
    expect(sprintf('%d %x %b %o %T', 255n, -255n, 5n, 8n, 1n)).toBe('255 -ff 101 10 int64');
    expect(sprintf('%v', 12345678901234567890123n)).toBe('12345678901234567890123');
  });

  it('supports the rune verbs, negatives wrapping like uint64', () => {
    expect(sprintf('%c %q %U %U', 65n, 0x1f600n, 0x1f600n, -1n)).toBe("A '😀' U+1F600 U+FFFFFFFFFFFFFFFF");
  });

  it('is an error under %s', () => {
    expect(sprintf('%s', 3n)).toBe('%!s(int64=3)');
  });
});

describe('nil', () => {
  it('null and undefined are nil', () => {
    expect(sprintf('%v %v %s %d %T', null, undefined, null, undefined, null)).toBe('<nil> <nil> %!s(<nil>) %!d(<nil>) <nil>');
  });

  it('is <nil> inside containers whatever the verb', () => {
    expect(sprintf('%v %s %d', [null], [undefined], new Map([['a', null]]))).toBe('[<nil>] [<nil>] map[%!d(string=a):<nil>]');
    expect(sprintf('%v', new Array(2))).toBe('[<nil> <nil>]');
  });
});

describe('errors', () => {
  const err = new Error('connection refused');

  it('use the message for %v %s %q %x %X', () => {
    expect(sprintf('%v|%s|%q|%x|%X', err, err, err, new Error('hi'), new Error('hi'))).toBe(
      'connection refused|connection refused|"connection refused"|6869|6869',
    );
    expect(sprintf('%+v', err)).toBe('connection refused');
  });

  it('print as errors.New would under other verbs', () => {
    expect(sprintf('%d', err)).toBe('&{%!d(string=connection refused)}');
    expect(sprintf('%#v', err)).toBe('&errors.errorString{s:"connection refused"}');
    expect(sprintf('%T', err)).toBe('*errors.errorString');
    expect(sprintf('%w', err)).toBe('%!w(*errors.errorString=&{connection refused})');
    expect(sprintf('%d', [new Error('e1')])).toBe('[&{%!d(string=e1)}]');
  });

  it('include subclasses and error-like objects', () => {
    class NotFound extends Error {}
    expect(sprintf('%v', new NotFound('pods "web" not found'))).toBe('pods "web" not found');
    expect(sprintf('%v', { name: 'StatusError', message: 'forbidden' })).toBe('forbidden');
  });

  it('are named *errors.errorString in EXTRA', () => {
    expect(sprintf('x', err)).toBe('x%!(EXTRA *errors.errorString=connection refused)');
  });
});

describe('Stringers (own toString)', () => {
  class Quantity {
    constructor(readonly n: number) {}
    toString(): string {
      return `${this.n}Gi`;
    }
  }
  const q = new Quantity(5);

  it('use String(obj) for %v %s %q %x', () => {
    expect(sprintf('%v %s %q %x %6v|', q, q, q, q, q)).toBe('5Gi 5Gi "5Gi" 354769    5Gi|');
  });

  it('print their fields under other verbs and %#v, named after their class', () => {
    expect(sprintf('%d', q)).toBe('map[%!d(string=n):5]');
    expect(sprintf('%#v', q)).toBe('map[string]interface {}{"n":5}');
    expect(sprintf('%T', q)).toBe('Quantity');
    expect(sprintf('', q)).toBe('%!(EXTRA Quantity=5Gi)');
  });

  it('cover built-ins with their own toString', () => {
    expect(sprintf('%v %v %s', new Number(5), /a+b/g, new URL('https://example.com/x'))).toBe('5 /a+b/g https://example.com/x');
  });
});

describe('arrays, typed arrays and sets', () => {
  it('are slices with the verb applied per element', () => {
    expect(sprintf('%v %d %x %5s|', [1, 2, 30], [1, 2], [255, 16], ['a', 'b'])).toBe('[1 2 30] [1 2] [ff 10] [    a     b]|');
    expect(sprintf('%v', [1, 'a', 2.5, true, [3]])).toBe('[1 a 2.5 true [3]]');
    expect(sprintf('%d', ['x'])).toBe('[%!d(string=x)]');
  });

  it('have inferred Go slice types', () => {
    expect(sprintf('%T %T %T %T %T', [1], ['a'], [1.5, 2.5], [1, 'a'], [])).toBe('[]int []string []float64 []interface {} []interface {}');
    expect(sprintf('%#v', [1, 2, 30])).toBe('[]int{1, 2, 30}');
    expect(sprintf('%#v', [1, 'a', null])).toBe('[]interface {}{1, "a", interface {}(nil)}');
    expect(sprintf('%#v %T', [[1], [2]], [[1], [2]])).toBe('[][]int{[]int{1}, []int{2}} [][]int');
  });

  it('Uint8Array and Buffer are []byte', () => {
    const hi = new Uint8Array([104, 105]);
    expect(sprintf('%v %s %q %x % X %#v %T', hi, hi, hi, hi, hi, hi, hi)).toBe('[104 105] hi "hi" 6869 68 69 []byte{0x68, 0x69} []uint8');
    expect(sprintf('%s %x', Buffer.from('héllo'), Buffer.from('héllo'))).toBe('héllo 68c3a96c6c6f');
    expect(sprintf('%q %s', new Uint8Array([104, 0xff]), new Uint8Array([104, 0xff]))).toBe('"h\\xff" h\ufffd');
  });

  it('other typed arrays are slices of their element type', () => {
    expect(sprintf('%v %T', new Int32Array([1, -2]), new Int32Array(0))).toBe('[1 -2] []int32');
    expect(sprintf('%#v', new Float64Array([1.5, 2]))).toBe('[]float64{1.5, 2}');
    expect(sprintf('%v %T', new BigInt64Array([1n, -1n]), new BigUint64Array(0))).toBe('[1 -1] []uint64');
  });

  it('a Set is a slice of its values', () => {
    expect(sprintf('%v %q %T %#v', new Set(['x', 'y']), new Set(['x']), new Set([1]), new Set([1, 2]))).toBe('[x y] ["x"] []int []int{1, 2}');
  });
});

describe('maps', () => {
  it('print with Go-sorted keys', () => {
    expect(sprintf('%v', new Map([['b', 2], ['a', 1], ['c', 3]]))).toBe('map[a:1 b:2 c:3]');
    expect(sprintf('%v', new Map<number, string>([[10, 'a'], [2, 'b'], [-1, 'c'], [NaN, 'n']]))).toBe('map[NaN:n -1:c 2:b 10:a]');
    expect(sprintf('%v', new Map<unknown, number>([['s', 1], [2, 2], [true, 3], [null, 4]]))).toBe('map[<nil>:4 true:3 2:2 s:1]');
  });

  it('sort string keys by code point like Go compares UTF-8 bytes', () => {
    expect(sprintf('%v', new Map([['\u{1F600}', 1], ['\uFF21', 2], ['a', 3]]))).toBe('map[a:3 Ａ:2 😀:1]');
  });

  it('apply the verb to keys and values and have inferred types', () => {
    expect(sprintf('%d', new Map([['k', 7]]))).toBe('map[%!d(string=k):7]');
    expect(sprintf('%x', new Map([[255, 'hi']]))).toBe('map[ff:6869]');
    expect(sprintf('%#v', new Map([['b', 2], ['a', 1]]))).toBe('map[string]int{"a":1, "b":2}');
    expect(sprintf('%T %T', new Map([['a', 'x']]), new Map())).toBe('map[string]string map[interface {}]interface {}');
  });
});

describe('dates', () => {
  const d = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 120));

  it('are time.Time in UTC', () => {
    expect(sprintf('%v', d)).toBe('2024-01-02 03:04:05.12 +0000 UTC');
    expect(sprintf('%s|%q', new Date(Date.UTC(2024, 0, 2)), d)).toBe('2024-01-02 00:00:00 +0000 UTC|"2024-01-02 03:04:05.12 +0000 UTC"');
    expect(sprintf('%v', new Date(Date.UTC(-1, 11, 31, 23, 59, 59, 5)))).toBe('-0001-12-31 23:59:59.005 +0000 UTC');
    expect(sprintf('%T', d)).toBe('time.Time');
  });

  it('use GoString for %#v and the error notation for other verbs', () => {
    expect(sprintf('%#v', d)).toBe('time.Date(2024, time.January, 2, 3, 4, 5, 120000000, time.UTC)');
    expect(sprintf('%d', d)).toBe('%!d(time.Time=2024-01-02 03:04:05.12 +0000 UTC)');
  });

  it('an invalid Date prints Invalid Date', () => {
    expect(sprintf('%v %s %#v', new Date(NaN), new Date(NaN), new Date(NaN))).toBe('Invalid Date Invalid Date Invalid Date');
  });
});

describe('plain objects and class instances', () => {
  it('are map[string]interface {} with sorted keys', () => {
    expect(sprintf('%v|%+v', { b: 'x', a: 1 }, { b: 'x', a: 1 })).toBe('map[a:1 b:x]|map[a:1 b:x]');
    expect(sprintf('%#v', { b: 'x', a: 1, c: null, d: [1] })).toBe('map[string]interface {}{"a":1, "b":"x", "c":interface {}(nil), "d":[]int{1}}');
    expect(sprintf('%T %d', { a: 1 }, { k: 7 })).toBe('map[string]interface {} map[%!d(string=k):7]');
  });

  it('show own enumerable string keys only', () => {
    class Pod {
      readonly name = 'web-0';
      #secret = 1;
      get phase(): string {
        return 'Running';
      }
      peek(): number {
        return this.#secret;
      }
    }
    expect(sprintf('%v', new Pod())).toBe('map[name:web-0]');
    expect(sprintf('%v', Object.create(null) as object)).toBe('map[]');
    expect(sprintf('%v', { [Symbol('s')]: 1, a: 2 })).toBe('map[a:2]');
  });

  it('print circular references as <cycle>', () => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    const arr: unknown[] = [1];
    arr.push(arr);
    expect(sprintf('%v %v', o, arr)).toBe('map[a:1 self:<cycle>] [1 <cycle>]');
  });

  it('print a shared (non-circular) reference twice', () => {
    const shared = { x: 1 };
    expect(sprintf('%v', [shared, shared])).toBe('[map[x:1] map[x:1]]');
  });

  it('stop at 32 levels with <max depth>', () => {
    let v: unknown = 1;
    for (let i = 0; i < 40; i++) v = [v];
    expect(sprintf('%v', v)).toBe('['.repeat(32) + '<max depth>' + ']'.repeat(32));
  });
});

describe('symbols and functions', () => {
  it('a symbol is a Stringer printing Symbol(desc)', () => {
    expect(sprintf('%v %s %q %T', Symbol('x'), Symbol('x'), Symbol(), Symbol('x'))).toBe('Symbol(x) Symbol(x) "Symbol()" symbol');
    expect(sprintf('%d', Symbol('x'))).toBe('%!d(symbol=Symbol(x))');
  });

  it('a function cannot be formatted', () => {
    function reconcile(): void {}
    expect(sprintf('%v %s %T', reconcile, () => 1, reconcile)).toBe('%!v(func=reconcile) %!s(func=<anonymous>) func');
    expect(sprintf('%d', 1, reconcile)).toBe('1%!(EXTRA func=reconcile)');
  });
});

describe('EXTRA, %T and %p across kinds', () => {
  it('names every kind in EXTRA', () => {
    expect(sprintf('%d', 1, null, 'x', 2.5, 3n, true, [1, 'a'], new Map([['a', 1]]), Symbol('s'))).toBe(
      '1%!(EXTRA <nil>, string=x, float64=2.5, int64=3, bool=true, []interface {}=[1 a], map[string]int=map[a:1], symbol=Symbol(s))',
    );
  });

  it('%p is always a bad verb: JS values have no address', () => {
    expect(sprintf('%p %p', {}, [1])).toBe('%!p(map[string]interface {}=map[]) %!p([]int=[1])');
  });

  it('explicit indexes suppress EXTRA like Go', () => {
    expect(sprintf('%[1]s', 'a', 'unused')).toBe('a');
  });
});

describe('strings', () => {
  it('count width and precision in runes, not UTF-16 units', () => {
    expect(sprintf('%-4s|%.1s|%3.2s|', '😀', '😀x', 'é😀x')).toBe('😀   |😀| é😀|');
  });

  it('treat a lone surrogate as U+FFFD', () => {
    expect(sprintf('%x %q %+q %3s|', '\ud800', '\ud800', 'a\udc00', '\ud800')).toBe('efbfbd "\ufffd" "a\\ufffd"   \ud800|');
  });

  it('quote non-printable characters as Go does', () => {
    expect(sprintf('%q', 'a\u00a0b\u0001\u00ad\u{1F600}')).toBe('"a\\u00a0b\\x01\\u00ad😀"');
    expect(sprintf('%#q %#q', 'back`tick', 'tab\there')).toBe('"back`tick" `tab\there`');
  });
});
