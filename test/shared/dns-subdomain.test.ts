import { describe, expect, it } from 'vitest';
import { isDnsSubdomain } from '../../src/shared/event-name.js';

/** The definition isDnsSubdomain implements without a regular expression. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const reference = (s: string): boolean => s.length <= 253 && DNS1123_SUBDOMAIN.test(s);

describe('isDnsSubdomain', () => {
  it('agrees with the DNS-1123 regular expression on every string of up to 5 characters over a-z0-9-._A', () => {
    const alphabet = ['a', '9', '-', '.', '_', 'A'];
    let strings = [''];
    for (let length = 1; length <= 5; length++) {
      strings = strings.flatMap((s) => alphabet.map((c) => s + c));
      for (const s of strings) expect(isDnsSubdomain(s), JSON.stringify(s)).toBe(reference(s));
    }
  });

  it('agrees on lengths around the 253-character limit', () => {
    for (const s of ['a'.repeat(253), 'a'.repeat(254), `${'a.'.repeat(126)}a`, `${'a.'.repeat(126)}ab`]) {
      expect(isDnsSubdomain(s)).toBe(reference(s));
    }
  });
});
