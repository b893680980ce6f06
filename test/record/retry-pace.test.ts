// sleepDurationMs sets the pace under every retry policy: the server-aware backoff is full jitter over
// min(1 s × 2^(n−1), sleepDurationMs), 0 retries at once, Retry-After is still honoured (capped). Both APIs.
import { describe, expect, it } from 'vitest';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import { EventBroadcaster, type EventBroadcasterOptions } from '../../src/record/event-broadcaster.js';
import { RetryPolicy } from '../../src/engine/retry-policy.js';
import { InvalidDurationError } from '../../src/engine/timer-delay.js';
import { ScriptedEventsSink } from '../events/support/events-sink.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';
import { pod } from '../support/objects.js';
import { FakeApiException, ScriptedSink } from '../support/sink.js';
import { recordedSleep, settle } from '../support/sleep.js';

const transportError = () => Object.assign(new TypeError('fetch failed'), { code: 'ECONNREFUSED' });
const tooMany = (retryAfter: string) => new FakeApiException(429, '{}', { 'retry-after': retryAfter });

/** Delays slept before a core/v1 write lands after `failures`, with random() = `r`. */
async function coreDelays(failures: Error[], options: EventBroadcasterOptions, r = 0.5): Promise<{ delays: number[]; creates: number }> {
  const slept = recordedSleep();
  const b = new EventBroadcaster({ clock: new ManualClock('2026-11-24T10:00:00Z'), logger: capturingLogger(), sleep: slept.sleep, random: () => r, ...options });
  const sink = new ScriptedSink();
  sink.failures.push(...failures);
  b.startRecordingToSink(sink);
  b.newRecorder({ component: 'ctrl' }).event(pod(), 'Normal', 'Started', 'x');
  await settle(40);
  return { delays: slept.delays, creates: sink.ops().length };
}

async function eventsV1Delays(failures: Error[], sleepDurationMs: number | undefined, r = 0.5): Promise<number[]> {
  const slept = recordedSleep();
  const sink = new ScriptedEventsSink();
  sink.failures.push(...failures);
  const b = new EventsV1Broadcaster({ sink, logger: capturingLogger(), sleep: slept.sleep, random: () => r, ...(sleepDurationMs === undefined ? {} : { sleepDurationMs }) });
  b.startRecording();
  b.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' }).eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'x');
  await settle(40);
  return slept.delays;
}

const sevenFailures = () => [
  new FakeApiException(503),
  new FakeApiException(500),
  transportError(),
  new FakeApiException(502),
  new FakeApiException(504),
  transportError(),
  transportError(),
];

describe("sleepDurationMs under the 'server-aware' policy (default)", () => {
  it('default (10 s): ceilings 1, 2, 4, 8, 10, 10, 10 s; random 0.5 sleeps half of each', async () => {
    const { delays, creates } = await coreDelays(sevenFailures(), {});
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(creates).toBe(8);
  });

  it('sleepDurationMs 500 caps every ceiling at 500 ms', async () => {
    const { delays } = await coreDelays(sevenFailures(), { sleepDurationMs: 500 });
    expect(delays).toEqual([250, 250, 250, 250, 250, 250, 250]);
  });

  it('sleepDurationMs 0 retries at once: 12 tries, 11 sleeps of 0 ms', async () => {
    const failures = Array.from({ length: 12 }, transportError);
    const { delays, creates } = await coreDelays(failures, { sleepDurationMs: 0 });
    expect(delays).toEqual(Array<number>(11).fill(0));
    expect(creates).toBe(12);
  });

  it('sleepDurationMs 0 still honours Retry-After (7 s, 3600 s cut to 60 s)', async () => {
    const { delays } = await coreDelays([tooMany('7'), transportError(), tooMany('3600')], { sleepDurationMs: 0 });
    expect(delays).toEqual([7_000, 0, 60_000]);
  });

  it('retry.maxDelayMs, when given, replaces sleepDurationMs as the cap', async () => {
    const { delays } = await coreDelays(sevenFailures(), { retry: { maxDelayMs: 30_000 } }, 0.5);
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
  });

  it('events.k8s.io/v1: the same delays for the default, 500 and 0', async () => {
    expect(await eventsV1Delays(sevenFailures(), undefined)).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(await eventsV1Delays(sevenFailures(), 500)).toEqual([250, 250, 250, 250, 250, 250, 250]);
    expect(await eventsV1Delays(sevenFailures(), 0)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('the worst case (random → 1) never waits longer than sleepDurationMs', () => {
    const policy = new RetryPolicy('server-aware', 10_000, () => 0.999_999);
    const ceilings = Array.from({ length: 11 }, (_, i) => Math.round(policy.backoff(i + 1)));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
  });
});

describe("sleepDurationMs under 'client-go' is unchanged", () => {
  it('core/v1: first sleep random × sleepDurationMs, then sleepDurationMs', async () => {
    const failures = Array.from({ length: 3 }, transportError);
    const { delays } = await coreDelays(failures, { retryPolicy: 'client-go', sleepDurationMs: 500 }, 0.5);
    expect(delays).toEqual([250, 500, 500]);
  });
});

describe('duration options are checked at construction', () => {
  const bad: Array<[unknown, string]> = [
    [Number.NaN, 'sleepDurationMs must be a finite number of ms ≥ 0, got NaN'],
    [-1, 'sleepDurationMs must be a finite number of ms ≥ 0, got -1'],
    ['10', 'sleepDurationMs must be a finite number of ms ≥ 0, got "10"'],
    [Number.POSITIVE_INFINITY, 'sleepDurationMs must be a finite number of ms ≥ 0, got Infinity'],
  ];
  it.each(bad)('sleepDurationMs %s: InvalidDurationError on both broadcasters', (value, message) => {
    const core = () => new EventBroadcaster({ sleepDurationMs: value as number, logger: capturingLogger() });
    const v1 = () => new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), sleepDurationMs: value as number, logger: capturingLogger() });
    for (const make of [core, v1]) {
      let caught: unknown;
      try {
        make();
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(InvalidDurationError);
      expect(caught).toBeInstanceOf(RangeError);
      expect(caught).toMatchObject({ code: 'InvalidDuration', option: 'sleepDurationMs', message });
    }
  });

  it('retry durations: NaN baseDelayMs, negative maxDelayMs, Infinity maxRetryAfterMs', () => {
    const options = [{ baseDelayMs: Number.NaN }, { maxDelayMs: -5 }, { maxRetryAfterMs: Number.POSITIVE_INFINITY }];
    const names = options.map((retry) => {
      try {
        new EventBroadcaster({ retry, logger: capturingLogger() });
        return 'accepted';
      } catch (err) {
        return (err as InvalidDurationError).option;
      }
    });
    expect(names).toEqual(['retry.baseDelayMs', 'retry.maxDelayMs', 'retry.maxRetryAfterMs']);
  });

  it('a delay above the timer limit is a valid option (the sleep arms it in steps)', () => {
    expect(new RetryPolicy('client-go', 2 ** 31, () => 0.5).backoff(2)).toBe(2 ** 31);
    expect(new RetryPolicy('server-aware', 2 ** 31, () => 0.5, { baseDelayMs: 2 ** 32 }).backoff(1)).toBe(2 ** 30);
  });
});
