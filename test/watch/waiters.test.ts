import { describe, expect, it } from 'vitest';
import { Waiters } from '../../src/watch/waiters.js';

describe('Waiters', () => {
  it('lets go every caller waiting at a release, and only those', async () => {
    const waiters = new Waiters();
    const log: string[] = [];
    void waiters.wait().then(() => log.push('a'));
    void waiters.wait().then(() => log.push('b'));
    waiters.release();
    void waiters.wait().then(() => log.push('c'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['a', 'b']);
    waiters.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['a', 'b', 'c']);
  });
});
