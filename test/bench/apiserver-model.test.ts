// The bench's kube-apiserver model (bench/apiserver-model.ts): its FIFO service line answers in arrival
// order, at most ratePerSec a second and on average latencyMs after arrival, from timers that fire on
// whole milliseconds, and leaves no timer behind.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServiceLine } from '../../bench/apiserver-model.js';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('ServiceLine', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces answers held together by 1/ratePerSec, in arrival order', () => {
    const line = new ServiceLine({ latencyMs: 2, ratePerSec: 1000 }, () => Date.now());
    const start = Date.now();
    const left: { i: number; at: number }[] = [];
    for (let i = 0; i < 1000; i++) line.hold(start, () => left.push({ i, at: Date.now() - start }));
    vi.advanceTimersByTime(2000);
    expect(left.map((l) => l.i)).toEqual([...Array(1000).keys()]);
    // Answer i is due at 2 + i ms; each leaves within a millisecond of that and on average right on it.
    for (const { i, at } of left) expect(Math.abs(at - (2 + i))).toBeLessThanOrEqual(1);
    expect(Math.abs(mean(left.map(({ i, at }) => at - (2 + i))))).toBeLessThan(0.05);
    expect(line.length).toBe(0);
  });

  it('holds a lone answer latencyMs on average, whatever the phase of arrivals against the ticks', () => {
    const line = new ServiceLine({ latencyMs: 1.64, ratePerSec: 1000 }, () => Date.now());
    const waits: number[] = [];
    const next = (): void => {
      const arrival = Date.now();
      line.hold(arrival, () => {
        waits.push(Date.now() - arrival);
        if (waits.length < 2000) next();
      });
    };
    next();
    vi.advanceTimersByTime(10_000);
    expect(waits).toHaveLength(2000);
    // With whole-millisecond timers alone every wait would be 2 ms (1.64 rounded up).
    expect(mean(waits.slice(100))).toBeCloseTo(1.64, 1);
  });

  it('stop() drops held answers and clears its timer', () => {
    const line = new ServiceLine({ latencyMs: 5, ratePerSec: 100 }, () => Date.now());
    const released = vi.fn();
    line.hold(Date.now(), released);
    line.hold(Date.now(), released);
    expect(line.length).toBe(2);
    line.stop();
    expect(line.length).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(released).not.toHaveBeenCalled();
  });
});
