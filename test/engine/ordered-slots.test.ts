import { describe, expect, it } from 'vitest';
import { OrderedSlots } from '../../src/engine/ordered-slots.js';

/** A job whose run resolves when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const flushMicrotasks = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('OrderedSlots', () => {
  it('runs jobs of different keys side by side, and asks the caller to wait once every slot is taken', async () => {
    const slots = new OrderedSlots<string>(2);
    const log: string[] = [];
    const a = gate();
    const b = gate();
    expect(slots.take('a', 'ns/a', () => (log.push('a'), a.opened))).toBeUndefined();
    const full = slots.take('b', 'ns/b', () => (log.push('b'), b.opened));
    expect(full).toBeInstanceOf(Promise);
    expect(log).toEqual(['a', 'b']);
    expect(slots.size).toBe(2);
    let freed = false;
    void full?.then(() => (freed = true));
    b.open();
    await flushMicrotasks();
    expect(freed).toBe(true);
    expect(slots.taken()).toEqual(['a']);
  });

  it('chains the jobs of one key in order; only the newest one is latest', async () => {
    const slots = new OrderedSlots<number>(8);
    const log: string[] = [];
    const first = gate();
    let firstLatest: (() => boolean) | undefined;
    void slots.take(1, 'ns/e', (isLatest) => {
      firstLatest = isLatest;
      log.push('start 1');
      return first.opened.then(() => log.push('end 1'));
    });
    void slots.take(2, 'ns/e', (isLatest) => {
      log.push(`start 2 latest=${String(isLatest())}`);
      return Promise.resolve();
    });
    expect(log).toEqual(['start 1']);
    expect(firstLatest?.()).toBe(false);
    first.open();
    await slots.whenIdle();
    expect(log).toEqual(['start 1', 'end 1', 'start 2 latest=true']);
    expect(slots.size).toBe(0);
  });

  it('release() frees a slot early, once; the job chained behind it still waits for its run', async () => {
    const slots = new OrderedSlots<number>(1);
    const log: string[] = [];
    const first = gate();
    const wait = slots.take(1, 'ns/e', () => first.opened.then(() => log.push('end 1')));
    expect(wait).toBeInstanceOf(Promise);
    expect(slots.release(1)).toBe(true);
    expect(slots.release(1)).toBe(false);
    await wait;
    void slots.take(2, 'ns/e', () => (log.push('start 2'), Promise.resolve()));
    await flushMicrotasks();
    expect(log).toEqual([]);
    first.open();
    await slots.whenIdle();
    expect(log).toEqual(['end 1', 'start 2']);
  });

  it('a failed run releases its slot and lets the next job of its key start', async () => {
    const slots = new OrderedSlots<number>(2);
    const log: string[] = [];
    void slots.take(1, 'ns/e', () => Promise.reject(new Error('boom')));
    void slots.take(2, 'ns/e', () => (log.push('start 2'), Promise.resolve()));
    await slots.whenIdle();
    expect(log).toEqual(['start 2']);
    expect(slots.size).toBe(0);
  });
});
