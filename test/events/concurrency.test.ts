// sinkConcurrency, writeQps and writeBurst on events.k8s.io/v1: writes of different Events in parallel,
// the writes of one Event (create, series start, heartbeats, finish, final count) strictly in order,
// checked as a property over seeded random workloads and latencies in virtual time; the client-side rate
// limit's exact spacing; flush and shutdown with N > 1; option validation.
import { describe, expect, it } from 'vitest';
import { EventsV1Broadcaster, type EventsV1BroadcasterOptions } from '../../src/events/event-broadcaster.js';
import { FINISH_TIME_MS, REFRESH_TIME_MS } from '../../src/events/series-cache.js';
import type { Ticker } from '../../src/events/ticker.js';
import type { EventsV1Event, EventsV1SeriesPatch } from '../../src/events/types.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { WriteOutcome } from '../../src/engine/outcomes.js';
import type { SinkCallOptions } from '../../src/engine/call-options.js';
import { seededRandom } from '../support/random.js';
import { FakeApiException } from '../support/sink.js';
import { virtualTime, type VirtualTime } from '../support/virtual-time.js';
import { ScriptedEventsSink } from './support/events-sink.js';
import { pod } from './support/setup.js';

const never = new AbortController().signal;

/** One step of a sink call, as the server would see it: when it arrived and when it was answered. */
interface CallStep {
  readonly phase: 'start' | 'end';
  readonly op: 'create' | 'patch';
  /** namespace/name of the Event. */
  readonly key: string;
  /** The series count sent (a create without series: 1). */
  readonly count: number;
  readonly at: number;
}

/** A ScriptedEventsSink whose answers take `latency(event)` ms of virtual time; logs every start and end. */
class TimedEventsSink extends ScriptedEventsSink {
  readonly steps: CallStep[] = [];
  /** Virtual ms at which each call started, in order. */
  readonly startedAt: number[] = [];
  /** The `signal` each call was given, in order. */
  readonly callSignals: Array<AbortSignal | undefined> = [];
  inFlight = 0;
  maxInFlight = 0;
  readonly #vt: VirtualTime;
  readonly #latency: (event: EventsV1Event) => number;

  constructor(vt: VirtualTime, latency: (event: EventsV1Event) => number) {
    super();
    this.#vt = vt;
    this.#latency = latency;
  }

  override async create(event: EventsV1Event, options?: SinkCallOptions): Promise<EventsV1Event> {
    this.callSignals.push(options?.signal);
    return this.#timed('create', event, event.series?.count ?? 1, () => super.create(event, options));
  }

  override async patch(event: EventsV1Event, patch: EventsV1SeriesPatch, options?: SinkCallOptions): Promise<EventsV1Event> {
    this.callSignals.push(options?.signal);
    return this.#timed('patch', event, patch.series.count, () => super.patch(event, patch, options));
  }

  async #timed(op: 'create' | 'patch', event: EventsV1Event, count: number, answer: () => Promise<EventsV1Event>): Promise<EventsV1Event> {
    const key = `${event.metadata?.namespace}/${event.metadata?.name}`;
    const at = this.#vt.elapsed();
    this.startedAt.push(at);
    this.steps.push({ phase: 'start', op, key, count, at });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.#vt.sleep(this.#latency(event), never);
      return await answer();
    } finally {
      this.inFlight--;
      this.steps.push({ phase: 'end', op, key, count, at: this.#vt.elapsed() });
    }
  }
}

/** A ticker the test fires by hand: `fire(REFRESH_TIME_MS)` runs the heartbeat, `fire(FINISH_TIME_MS)` the finish sweep. */
function handTicker(): { ticker: Ticker; fire(periodMs: number): void } {
  const ticks = new Map<number, () => void>();
  return {
    ticker: (periodMs, onTick) => {
      ticks.set(periodMs, onTick);
      return () => ticks.delete(periodMs);
    },
    fire: (periodMs) => ticks.get(periodMs)?.(),
  };
}

function rig(options: Partial<EventsV1BroadcasterOptions> = {}, latency: (event: EventsV1Event) => number = () => 0) {
  const vt = virtualTime();
  const sink = new TimedEventsSink(vt, latency);
  const hand = handTicker();
  const broadcaster = new EventsV1Broadcaster({
    sink,
    clock: vt.clock,
    sleep: vt.sleep,
    ticker: hand.ticker,
    logger: silentLogger,
    random: () => 0.5,
    ...options,
  });
  broadcaster.startRecording();
  const outcomes: Array<WriteOutcome<EventsV1Event>> = [];
  broadcaster.writes$.subscribe((o) => outcomes.push(o));
  const recorder = broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' });
  const emit = (name: string, reason = 'Started') => recorder.eventf(pod(name, 'default'), undefined, 'Normal', reason, 'Sync', 'x');
  return { vt, sink, broadcaster, outcomes, emit, hand };
}

describe('sinkConcurrency on events.k8s.io/v1: order within an Event (randomised property)', () => {
  /** 300 occurrences over 16 objects × 2 reasons, random latencies, heartbeats and a finish sweep in between. */
  async function randomRun(seed: number, concurrency: number) {
    const random = seededRandom(seed);
    const { vt, sink, broadcaster, emit, hand } = rig({ sinkConcurrency: concurrency }, () => 1 + Math.floor(random() * 50));
    let recorded = 0;
    for (let i = 0; i < 300; i++) {
      emit(`web-${Math.floor(random() * 16)}`, random() < 0.5 ? 'Started' : 'Pulled');
      recorded++;
      const roll = random();
      if (roll < 0.1) await vt.sleep(Math.floor(random() * 40), never);
      else if (roll < 0.13) hand.fire(REFRESH_TIME_MS);
      if (i === 200) {
        // Everything goes silent for 7 min: the finish sweep writes and evicts every series.
        await vt.sleep(FINISH_TIME_MS + 60_000, never);
        hand.fire(FINISH_TIME_MS);
      }
    }
    const result = await broadcaster.shutdown({ timeoutMs: 600_000 });
    return { sink, result, recorded };
  }

  it.each([1, 2, 3, 4, 5])('create before every PATCH of its Event, never overlapping, counts never going down (seed %i)', async (seed) => {
    const { sink, result, recorded } = await randomRun(seed, 8);
    expect(result).toMatchObject({ completed: true, abandoned: 0, stats: { failed: 0, pending: 0 } });
    const perEvent = new Map<string, CallStep[]>();
    for (const step of sink.steps) perEvent.set(step.key, [...(perEvent.get(step.key) ?? []), step]);
    for (const steps of perEvent.values()) {
      // start, end, start, end, …: the next write of an Event starts only once the previous one was answered.
      expect(steps.map((s) => s.phase)).toEqual(steps.map((_, i) => (i % 2 === 0 ? 'start' : 'end')));
      const calls = steps.filter((s) => s.phase === 'start');
      expect(calls[0]).toMatchObject({ op: 'create', count: 1 });
      expect(calls.slice(1).every((c) => c.op === 'patch')).toBe(true);
      const counts = calls.slice(1).map((c) => c.count);
      if (counts.length > 0) expect(counts[0]).toBe(2);
      for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThanOrEqual(counts[i - 1]!);
    }
    // Nothing lost: the counts the server holds add up to every occurrence recorded.
    let stored = 0;
    for (const json of sink.stored.values()) stored += (json['series'] as { count: number } | undefined)?.count ?? 1;
    expect(stored).toBe(recorded);
    expect(result.stats.series.finished).toBeGreaterThan(0);
    expect(result.stats.series.heartbeats).toBeGreaterThan(0);
    expect(sink.maxInFlight).toBe(8);
  });

  it.each([1, 2, 3])('reaches exactly sinkConcurrency requests in flight, never more (N = 3, seed %i)', async (seed) => {
    const { sink, result } = await randomRun(seed, 3);
    expect(result.completed).toBe(true);
    expect(sink.maxInFlight).toBe(3);
  });

  it('writes one request at a time by default (client-go order)', async () => {
    const { sink, result } = await randomRun(7, 1);
    expect(result.completed).toBe(true);
    expect(sink.maxInFlight).toBe(1);
  });
});

describe('sinkConcurrency on events.k8s.io/v1: scheduling', () => {
  it('writes 8 different Events at once: 16 slow creates take two latencies, not sixteen', async () => {
    const { vt, sink, broadcaster, emit } = rig({ sinkConcurrency: 8 }, () => 100);
    for (let i = 0; i < 16; i++) emit(`p${i}`);
    expect(await broadcaster.flush()).toEqual({ completed: true, written: 16, failed: 0, dropped: 0, pending: 0 });
    expect(sink.startedAt).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 100, 100, 100, 100, 100, 100, 100, 100]);
    expect(sink.maxInFlight).toBe(8);
    expect(vt.elapsed()).toBe(200);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it("holds a series start behind its Event's create while other Events go ahead", async () => {
    const { sink, broadcaster, emit } = rig({ sinkConcurrency: 4 }, (e) => (e.regarding?.name === 'a' ? 300 : 100));
    emit('a'); // create a: 0 → 300
    emit('a'); // series start of a: waits for the create, 300 → 600
    emit('b'); // 0 → 100
    emit('c'); // 0 → 100
    emit('d'); // the 4th slot is the series start's: d waits for a free slot, 100 → 200
    expect(await broadcaster.flush()).toEqual({ completed: true, written: 5, failed: 0, dropped: 0, pending: 0 });
    const a = sink.steps.filter((s) => s.key.startsWith('default/a.'));
    expect(a.map((s) => [s.phase, s.op, s.at])).toEqual([
      ['start', 'create', 0],
      ['end', 'create', 300],
      ['start', 'patch', 300],
      ['end', 'patch', 600],
    ]);
    expect(sink.startedAt).toEqual([0, 0, 0, 100, 300]);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('counts third and later occurrences at once, while the create is still in flight', async () => {
    const { sink, broadcaster, emit } = rig({ sinkConcurrency: 4 }, () => 1_000);
    for (let i = 0; i < 5; i++) emit('a');
    // Synchronously after the calls (virtual time would run the 1 s create to its end at the first idle moment).
    expect(sink.inFlight).toBe(1); // the create; the series start waits for it
    expect(broadcaster.stats()).toMatchObject({ accepted: 5, pending: 2, series: { started: 1, counted: 3 } });
    const result = await broadcaster.shutdown({ timeoutMs: 60_000 });
    expect(result).toMatchObject({ completed: true, stats: { created: 1, patched: 2, series: { flushed: 1 } } });
    expect(sink.patches().map((p) => p.series.count)).toEqual([2, 5]);
  });
});

describe('writeQps and writeBurst on events.k8s.io/v1', () => {
  it('spaces API calls at writeQps after the burst, retries included', async () => {
    const { sink, broadcaster, emit } = rig({ writeQps: 10, writeBurst: 2 });
    sink.failures.push(undefined, undefined, new FakeApiException(503));
    for (let i = 0; i < 5; i++) emit(`p${i}`);
    expect(await broadcaster.flush()).toEqual({ completed: true, written: 5, failed: 0, dropped: 0, pending: 0 });
    // 2 at once (burst), then one per 100 ms; the retry after the 503 (500 ms backoff) pays its token.
    expect(sink.startedAt).toEqual([0, 0, 100, 600, 600, 700]);
    expect(sink.ops()).toEqual(['create', 'create', 'create', 'create', 'create', 'create']);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('charges every API call: a series PATCH answered 404 and the create that follows take a token each', async () => {
    const { sink, broadcaster, emit } = rig({ writeQps: 10, writeBurst: 1 });
    // The Event disappears right after its create (deleted, expired): the series start finds nothing.
    broadcaster.writes$.subscribe((o) => o.kind === 'created' && sink.stored.clear());
    emit('a');
    emit('a');
    expect(await broadcaster.flush()).toEqual({ completed: true, written: 2, failed: 0, dropped: 0, pending: 0 });
    expect(sink.ops()).toEqual(['create', 'patch', 'create']);
    expect(sink.startedAt).toEqual([0, 100, 200]);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('holds concurrent writes to the same spacing: with sinkConcurrency 4, one call per 100 ms after the burst', async () => {
    const { sink, broadcaster, emit } = rig({ sinkConcurrency: 4, writeQps: 10, writeBurst: 2 }, () => 1_000);
    for (let i = 0; i < 8; i++) emit(`p${i}`);
    expect(await broadcaster.flush()).toEqual({ completed: true, written: 8, failed: 0, dropped: 0, pending: 0 });
    // Slots free at 1 000, 1 000, 1 100, 1 200: the next four reserve their tokens then.
    expect(sink.startedAt).toEqual([0, 0, 100, 200, 1_000, 1_000, 1_100, 1_200]);
    expect(sink.maxInFlight).toBe(4);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('defaults writeBurst to ceil(writeQps)', async () => {
    const { sink, broadcaster, emit } = rig({ writeQps: 2.5 });
    for (let i = 0; i < 5; i++) emit(`p${i}`);
    await broadcaster.flush();
    expect(sink.startedAt).toEqual([0, 0, 0, 400, 800]);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('abandons a write waiting for its token at the shutdown deadline: it is never sent', async () => {
    const { vt, sink, broadcaster, emit, outcomes } = rig({ sinkConcurrency: 2, writeQps: 1, writeBurst: 1 });
    emit('a');
    emit('b');
    const result = await broadcaster.shutdown({ timeoutMs: 500 });
    expect(result).toMatchObject({ completed: false, abandoned: 1, stats: { created: 1, pending: 0, dropped: { shutdown: 1 } } });
    await vt.sleep(5_000, never);
    expect(sink.ops()).toEqual(['create']);
    expect(outcomes.map((o) => [o.kind, o.event.regarding?.name, o.cause ?? null])).toEqual([
      ['created', 'a', null],
      ['dropped', 'b', 'shutdown'],
    ]);
  });
});

describe('flush and shutdown with sinkConcurrency > 1', () => {
  const latencyOf = (ms: Record<string, number>) => (e: EventsV1Event) => ms[e.regarding?.name ?? ''] ?? 100;

  it('flush counts writes that settle out of order, and stops at its deadline with the exact rest pending', async () => {
    const { vt, broadcaster, emit } = rig({ sinkConcurrency: 4 }, latencyOf({ a: 400, b: 100, c: 300, d: 200, e: 100 }));
    for (const name of ['a', 'b', 'c', 'd', 'e']) emit(name);
    const first = broadcaster.flush({ timeoutMs: 250 });
    emit('f'); // after the call: neither waited for nor counted
    // b at 100, e (b's slot) at 200, d at 200; c and a still running
    expect(await first).toEqual({ completed: false, written: 3, failed: 0, dropped: 0, pending: 2 });
    expect(vt.elapsed()).toBe(250);
    expect(await broadcaster.flush({ timeoutMs: 10_000 })).toEqual({ completed: true, written: 3, failed: 0, dropped: 0, pending: 0 });
    expect(vt.elapsed()).toBe(400);
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('a flush in progress counts the parallel writes a shutdown deadline abandons as dropped', async () => {
    const { broadcaster, emit } = rig({ sinkConcurrency: 3 }, latencyOf({ a: 100, b: 10_000, c: 10_000, d: 10_000 }));
    for (const name of ['a', 'b', 'c', 'd']) emit(name);
    const flushed = broadcaster.flush({ timeoutMs: 60_000 });
    const result = await broadcaster.shutdown({ timeoutMs: 1_000 });
    // a written at 100 ms (d then takes its slot); b, c and d in flight at the deadline
    expect(result).toMatchObject({ completed: false, abandoned: 3, stats: { created: 1, dropped: { shutdown: 3 } } });
    expect(await flushed).toEqual({ completed: true, written: 1, failed: 0, dropped: 3, pending: 0 });
  });

  it('flush counts a rejection among parallel writes', async () => {
    const { broadcaster, emit, sink } = rig({ sinkConcurrency: 3 });
    sink.failures.push(new FakeApiException(422));
    emit('a');
    emit('b');
    emit('c');
    expect(await broadcaster.flush()).toEqual({ completed: true, written: 2, failed: 1, dropped: 0, pending: 0 });
    expect(broadcaster.stats()).toMatchObject({ created: 2, dropped: { rejected: 1 }, rejectedByStatus: { '422': 1 } });
    await broadcaster.shutdown({ timeoutMs: 0 });
  });

  it('shutdown writes everything queued, then the final counts after their creates, within the deadline', async () => {
    const { vt, sink, broadcaster, emit } = rig({ sinkConcurrency: 4 }, () => 100);
    for (let round = 0; round < 3; round++) for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) emit(name);
    const result = await broadcaster.shutdown({ timeoutMs: 10_000 });
    // 6 creates, 6 series starts (count 2), 6 final counts (count 3)
    expect(result).toMatchObject({ completed: true, abandoned: 0, stats: { created: 6, patched: 12, pending: 0, series: { started: 6, counted: 6, flushed: 6 } } });
    for (const json of sink.stored.values()) expect(json['series']).toMatchObject({ count: 3 });
    expect(sink.maxInFlight).toBe(4);
    expect(vt.elapsed()).toBe(500); // 18 writes of 100 ms, 4 at a time: 5 waves
  });

  it('at the deadline abandons every write in flight, the one chained behind its create, the queue and the final count, exactly', async () => {
    const { vt, sink, broadcaster, emit, outcomes } = rig({ sinkConcurrency: 3 }, () => 10_000);
    emit('a'); // create a: in flight
    emit('a'); // series start of a: chained behind the create (holds a slot)
    emit('b'); // create b: in flight
    emit('c'); // queued
    emit('d'); // queued
    const result = await broadcaster.shutdown({ timeoutMs: 1_000 });
    // 2 in flight + 1 chained + 2 queued + a's final count (queued at shutdown)
    expect(result).toMatchObject({
      completed: false,
      abandoned: 6,
      stats: { created: 0, patched: 0, failed: 5, pending: 0, dropped: { shutdown: 5 }, series: { failedWrites: 1 } },
    });
    expect(vt.elapsed()).toBe(1_000);
    expect(sink.ops()).toEqual([]); // the two calls in flight never answered
    expect(sink.maxInFlight).toBe(2);
    expect(sink.callSignals.map((signal) => signal?.aborted)).toEqual([true, true]); // told to cancel both requests
    expect(outcomes.filter((o) => o.kind === 'dropped').map((o) => [o.event.regarding?.name, o.event.series?.count ?? 1])).toEqual([
      ['a', 1],
      ['a', 2],
      ['b', 1],
      ['c', 1],
      ['d', 1],
      ['a', 2],
    ]);
    await vt.sleep(20_000, never); // the abandoned calls answer now: ignored
    expect(broadcaster.stats()).toMatchObject({ created: 0, patched: 0, failed: 5, pending: 0 });
    expect(sink.ops()).toEqual(['create', 'create']);
  });
});

describe('write options validation (shared with core/v1)', () => {
  it.each([
    [{ sinkConcurrency: 0 }, 'sinkConcurrency must be a whole number ≥ 1, got 0'],
    [{ sinkConcurrency: 2.5 }, 'sinkConcurrency must be a whole number ≥ 1, got 2.5'],
    [{ sinkConcurrency: Number.POSITIVE_INFINITY }, 'sinkConcurrency must be a whole number ≥ 1, got Infinity'],
    [{ writeQps: 0 }, 'writeQps must be a finite number > 0, got 0'],
    [{ writeQps: -1 }, 'writeQps must be a finite number > 0, got -1'],
    [{ writeQps: Number.NaN }, 'writeQps must be a finite number > 0, got NaN'],
    [{ writeQps: Number.POSITIVE_INFINITY }, 'writeQps must be a finite number > 0, got Infinity'],
    [{ writeQps: 5, writeBurst: 0 }, 'writeBurst must be a whole number ≥ 1, got 0'],
    [{ writeQps: 5, writeBurst: 1.5 }, 'writeBurst must be a whole number ≥ 1, got 1.5'],
    [{ writeBurst: 3 }, 'writeBurst needs writeQps'],
  ])('rejects %o with a RangeError', (options, message) => {
    expect(() => new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), logger: silentLogger, ...options })).toThrow(new RangeError(message));
  });

  it('accepts the smallest usable values', () => {
    expect(() => new EventsV1Broadcaster({ sink: new ScriptedEventsSink(), logger: silentLogger, sinkConcurrency: 1, writeQps: 0.001, writeBurst: 1 })).not.toThrow();
  });
});
