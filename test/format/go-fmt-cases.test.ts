// Conformance: every case of Go's fmt.Sprintf recorded in test/fixtures/reference/go-fmt-cases.json (Go's own output).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sprintf } from '../../src/format/index.js';

interface GoArg {
  readonly t: 'int' | 'float' | 'string' | 'bool' | 'nil' | 'error' | 'ints' | 'strings' | 'map';
  readonly v?: unknown;
}

interface GoCase {
  readonly format: string;
  readonly args: readonly GoArg[];
  readonly expected: string;
}

const file = new URL('../fixtures/reference/go-fmt-cases.json', import.meta.url);
const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: GoCase[] };

/** Converts a typed Go argument to the JS value the `about` field of the JSON prescribes. */
function toJs(arg: GoArg): unknown {
  switch (arg.t) {
    case 'nil':
      return null;
    case 'error':
      return new Error(String(arg.v));
    case 'map':
      return new Map(Object.entries(arg.v as Record<string, number>));
    default:
      // int, float, string, bool, ints and strings are already the right JS values.
      return arg.v;
  }
}

function label(c: GoCase): string {
  return JSON.stringify(c.format) + ' ' + JSON.stringify(c.args.map((a) => (a.t === 'nil' ? 'nil' : `${a.t}:${JSON.stringify(a.v)}`)));
}

describe('sprintf matches Go fmt.Sprintf (go-fmt-cases.json)', () => {
  it('loads the reference cases (at least the 120 of the brief)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
  });

  for (const c of cases) {
    it(label(c), () => {
      expect(sprintf(c.format, ...c.args.map(toJs))).toBe(c.expected);
    });
  }

  it('treats undefined like null for nil cases', () => {
    for (const c of cases.filter((k) => k.args.length === 1 && k.args[0]?.t === 'nil')) {
      expect(sprintf(c.format, undefined)).toBe(c.expected);
    }
  });
});
