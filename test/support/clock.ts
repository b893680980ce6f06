// A manual clock for tests: time moves only when the test says so.
import type { Clock } from '../../src/shared/types.js';

export class ManualClock implements Clock {
  #ms: number;
  constructor(start: string | number = '2026-11-24T10:00:00Z') {
    this.#ms = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
  advanceSeconds(s: number): void {
    this.#ms += s * 1000;
  }
}
