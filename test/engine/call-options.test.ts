// CallOptions: a per-call signal tied to the shutdown deadline, made lazily and unhooked after the call.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CallOptions, cancelSignalOf } from '../../src/engine/call-options.js';

describe('CallOptions', () => {
  it('aborts with the deadline while the call runs, and leaves no listener after release', () => {
    const deadline = new AbortController();
    const listeners = () => getEventListeners(deadline.signal, 'abort').length;
    const calls = Array.from({ length: 3 }, () => new CallOptions(deadline.signal));
    const signals = calls.map((c) => c.signal);
    expect(listeners()).toBe(3);
    calls[0]!.release();
    calls[1]!.release();
    expect(listeners()).toBe(1);
    deadline.abort();
    expect(signals.map((s) => s.aborted)).toEqual([false, false, true]);
  });

  it('is aborted at once when made after the deadline, and fresh after a release', () => {
    const deadline = new AbortController();
    const call = new CallOptions(deadline.signal);
    const first = call.signal;
    call.release();
    const second = call.signal;
    expect(second).not.toBe(first);
    deadline.abort();
    expect([first.aborted, second.aborted]).toEqual([false, true]);
    expect(new CallOptions(deadline.signal).signal.aborted).toBe(true);
  });

  it('gives the lean transport the deadline itself (no per-call signal, no listener), and a caller\'s own signal as it is', () => {
    const deadline = new AbortController();
    const listeners = () => getEventListeners(deadline.signal, 'abort').length;
    const calls = Array.from({ length: 3 }, () => new CallOptions(deadline.signal));
    expect(calls.map((c) => cancelSignalOf(c))).toEqual([deadline.signal, deadline.signal, deadline.signal]);
    expect(listeners()).toBe(0);
    const own = new AbortController().signal;
    expect(cancelSignalOf({ signal: own })).toBe(own);
    expect(cancelSignalOf({})).toBeUndefined();
    expect(cancelSignalOf(undefined)).toBeUndefined();
  });
});
