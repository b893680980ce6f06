import { describe, expect, it } from 'vitest';
import { EventNameGenerator, isDnsSubdomain } from '../../src/shared/event-name.js';

describe('event names', () => {
  it('renders unix nanoseconds in lower-case hex without padding', () => {
    const names = new EventNameGenerator();
    // client-go's example: 105999103295324396 ns → 178959f726d80ec (our clock is in ms, so the ns end in 000000).
    expect(names.nextSuffix(105999103295)).toBe((105999103295000000n).toString(16));
    expect(names.nextSuffix(105999103295)).toBe((105999103295000001n).toString(16));
    expect(names.nextSuffix(1)).toBe((105999103295000002n).toString(16)); // clock went back: still increasing
  });

  it('stays exact across a carry out of the low 20 bits', () => {
    const names = new EventNameGenerator();
    const ms = 1764000000000;
    const expected: string[] = [];
    const got: string[] = [];
    for (let i = 0; i < 1_100_000; i += 1) {
      const s = names.nextSuffix(ms);
      if (i % 100_000 === 0 || i > 1_099_990) {
        got.push(s);
        // past a million names in one ms the generator borrows the next millisecond
        expected.push((BigInt(ms) * 1_000_000n + BigInt(i)).toString(16));
      }
    }
    expect(got).toEqual(expected);
  });

  it('checks DNS-1123 subdomains', () => {
    expect(isDnsSubdomain('web-0.178959f726d80ec')).toBe(true);
    expect(isDnsSubdomain('Bad_Name.1')).toBe(false);
    expect(isDnsSubdomain('-a.1')).toBe(false);
    expect(isDnsSubdomain('a'.repeat(253))).toBe(true);
    expect(isDnsSubdomain('a'.repeat(254))).toBe(false);
    expect(isDnsSubdomain('.1')).toBe(false);
  });
});
