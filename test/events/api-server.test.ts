// flush, shutdown and retries of events.k8s.io/v1 over real HTTP against the in-memory API server, with its
// fault injection and latency; createEventRecorder forwarding the retry options and the write tuning
// (sinkConcurrency, writeQps, writeBurst) to either broadcaster.
// Deadlines and retry sleeps run on manual time (or end at once); only the HTTP round trips are real.
import { describe, expect, it } from 'vitest';
import { createEventRecorder } from '../../src/unified/create-event-recorder.js';
import { EventsV1Broadcaster, type EventsV1BroadcasterOptions } from '../../src/events/event-broadcaster.js';
import { EventsV1EventSink } from '../../src/events/events-v1-sink.js';
import type { EventsV1Sink } from '../../src/events/sink.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Sleep } from '../../src/engine/sleep.js';
import type { TestApiServer } from '../../src/testing/api-server/index.js';
import { ManualClock } from '../support/clock.js';
import { neverSleep, recordedSleep } from '../support/sleep.js';
import { ManualTime } from './support/manual-time.js';
import { pod } from './support/setup.js';
import { apiServers, until } from '../support/api-servers.js';

const server = apiServers();

/** Retry sleeps end at once (recorded); a sleep of 10 min or more (a flush deadline, not recorded) only ends when aborted. */
function instantRetries(): { sleep: Sleep; delays: number[] } {
  const recorded = recordedSleep();
  return { sleep: (ms, signal) => (ms >= 600_000 ? neverSleep(ms, signal) : recorded.sleep(ms, signal)), delays: recorded.delays };
}

function rig(api: TestApiServer, options: Partial<EventsV1BroadcasterOptions> = {}) {
  const time = new ManualTime();
  const broadcaster = new EventsV1Broadcaster({
    sink: new EventsV1EventSink(api.kubeConfig),
    clock: time.clock,
    ticker: time.ticker,
    sleep: time.sleep,
    random: () => 0.5,
    logger: silentLogger,
    ...options,
  });
  broadcaster.startRecording();
  const recorder = broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' });
  return { time, broadcaster, recorder };
}

const eventWrites = (api: TestApiServer) => api.requests().filter((r) => r.api === 'events');

describe('flush against the API server', () => {
  it('under latency, waits until every event accepted before it is on the server; shutdown writes the final count', async () => {
    const api = await server();
    api.faults.latency(20, { method: 'POST' });
    const { broadcaster, recorder } = rig(api);
    for (const name of ['web-0', 'web-1', 'web-2']) recorder.eventf(pod(name, 'default'), undefined, 'Normal', 'Started', 'Start', 'started');
    recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Started', 'Start', 'started'); // series start
    recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Started', 'Start', 'started'); // counted
    // The deadline is on manual time and never passes: the flush ends when the writes do.
    expect(await broadcaster.flush({ timeoutMs: 5_000 })).toEqual({ completed: true, written: 4, failed: 0, dropped: 0, pending: 0 });
    expect(api.eventsV1({ namespace: 'default' })).toHaveLength(3);
    expect(eventWrites(api).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'POST 201', 'POST 201', 'PATCH 200']);
    const result = await broadcaster.shutdown({ timeoutMs: 5_000 });
    expect(result).toMatchObject({ completed: true, abandoned: 0, stats: { created: 3, patched: 2, series: { flushed: 1 } } });
    const web0 = api.eventsV1({ namespace: 'default' }).find((e) => (e['regarding'] as { name: string }).name === 'web-0');
    expect(web0).toMatchObject({ series: { count: 3 } });
  });

  it('loses nothing when the deadline allows: 503, a dropped connection and a 429 with Retry-After are retried', async () => {
    const api = await server();
    api.faults.add({ method: 'POST', path: /\/events$/, responses: [{ status: 503 }, 'drop', { status: 429, retryAfterSeconds: 2 }] });
    const slept = instantRetries();
    const { broadcaster, recorder } = rig(api, { sleep: slept.sleep });
    for (const name of ['a', 'b', 'c']) recorder.eventf(pod(name, 'default'), undefined, 'Warning', 'Failed', 'Sync', 'boom');
    expect(await broadcaster.flush({ timeoutMs: 600_000 })).toEqual({ completed: true, written: 3, failed: 0, dropped: 0, pending: 0 });
    expect(eventWrites(api).map((r) => r.status)).toEqual([503, 0, 429, 201, 201, 201]);
    expect(slept.delays).toEqual([500, 1_000, 2_000]); // backoff, backoff, Retry-After
    expect(api.eventsV1({ namespace: 'default' })).toHaveLength(3);
    expect(broadcaster.stats()).toMatchObject({ created: 3, retried: 3, failed: 0 });
    await broadcaster.shutdown();
  });

  it('at its deadline under a hung server says exactly what is pending; shutdown abandons it and cancels the request', async () => {
    const api = await server();
    api.faults.latency(60_000, { method: 'POST' });
    const http = new EventsV1EventSink(api.kubeConfig);
    const answers: string[] = [];
    const sink: EventsV1Sink = {
      create: (event, options) =>
        http.create(event, options).then(
          (written) => (answers.push('created'), written),
          (error: unknown) => {
            answers.push(error instanceof Error ? error.name : String(error));
            throw error;
          },
        ),
      update: (event, options) => http.update(event, options),
      patch: (event, patch, options) => http.patch(event, patch, options),
    };
    const { broadcaster, recorder, time } = rig(api, { sink });
    for (const name of ['a', 'b', 'c']) recorder.eventf(pod(name, 'default'), undefined, 'Normal', 'Started', 'Start', 'x');
    const flushed = broadcaster.flush({ timeoutMs: 5_000 });
    await time.advance(5_000);
    expect(await flushed).toEqual({ completed: false, written: 0, failed: 0, dropped: 0, pending: 3 });
    const shutdown = broadcaster.shutdown({ timeoutMs: 1_000 });
    await time.advance(1_000);
    const result = await shutdown;
    expect(result).toMatchObject({ completed: false, abandoned: 3 });
    expect(result.stats).toMatchObject({ created: 0, pending: 0, failed: 3, dropped: { shutdown: 3 } });
    expect(time.pendingSleeps).toBe(0);
    // The one request running (writes are serial) was cancelled: fetch rejected it with an AbortError.
    await until(() => answers.length > 0, 'the cancelled request');
    expect(answers).toEqual(['AbortError']);
    expect(api.eventsV1()).toEqual([]);
    expect(broadcaster.stats()).toMatchObject({ created: 0, failed: 3 });
  });
});

describe('shutdown against the API server', () => {
  it('continues a 503 retry within the deadline until the event lands', async () => {
    const api = await server();
    api.faults.add({ method: 'POST', path: /\/events$/, responses: [{ status: 503 }, { status: 503 }] });
    const { broadcaster, recorder, time } = rig(api);
    recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Started', 'Start', 'x');
    await until(() => time.pendingSleeps === 1, 'the first retry sleep');
    const shutdown = broadcaster.shutdown({ timeoutMs: 30_000 });
    await until(() => time.delays.length === 3, 'the deadline and the cut sleep');
    await time.advance(500);
    await until(() => time.delays.length === 4, 'the second retry sleep');
    await time.advance(1_000);
    const result = await shutdown;
    // The last 1 000 ms is shutdown's cap on the sink's close() (its kept connections), over at once.
    expect(time.delays).toEqual([500, 30_000, 500, 1_000, 1_000]);
    expect(eventWrites(api).map((r) => r.status)).toEqual([503, 503, 201]);
    expect(result).toMatchObject({ completed: true, abandoned: 0, stats: { created: 1, retried: 2, failed: 0 } });
    expect(api.eventsV1({ namespace: 'default' })).toHaveLength(1);
  });
});

describe('createEventRecorder forwards retryPolicy and retry', () => {
  it.each(['events.k8s.io/v1', 'v1'] as const)("to the %s broadcaster: 'client-go' makes a 503 final", async (group) => {
    const api = await server();
    api.faults.add({ method: 'POST', path: /\/events$/, responses: [503] });
    const slept = recordedSleep();
    const { recorder, broadcaster } = await createEventRecorder(api.kubeConfig, {
      component: 'example.com/ctrl',
      api: group,
      retryPolicy: 'client-go',
      sleep: slept.sleep,
      logger: silentLogger,
    });
    recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Started', 'Start', 'x');
    await until(() => broadcaster.stats().failed === 1, 'the rejection');
    expect(slept.delays).toEqual([]);
    expect(broadcaster.stats().dropped.rejected).toBe(1);
    await broadcaster.shutdown();
  });

  it.each(['events.k8s.io/v1', 'v1'] as const)("to the %s broadcaster: 'server-aware' retries a 503 with the `retry` tuning", async (group) => {
    const api = await server();
    api.faults.add({ method: 'POST', path: /\/events$/, responses: [503] });
    const slept = recordedSleep();
    const { recorder, broadcaster } = await createEventRecorder(api.kubeConfig, {
      component: 'example.com/ctrl',
      api: group,
      retry: { baseDelayMs: 40 },
      random: () => 0.5,
      sleep: slept.sleep,
      logger: silentLogger,
    });
    recorder.eventf(pod('web-0', 'default'), undefined, 'Normal', 'Started', 'Start', 'x');
    await until(() => broadcaster.stats().created === 1, 'the create');
    expect(slept.delays).toEqual([20]);
    expect(broadcaster.stats()).toMatchObject({ retried: 1, failed: 0 });
    await broadcaster.shutdown();
  });
});

describe('createEventRecorder forwards sinkConcurrency, writeQps and writeBurst', () => {
  it.each([
    ['events.k8s.io/v1', 'sinkConcurrency 8', 8, 8],
    ['v1', 'sinkConcurrency 8', 8, 8],
    ['events.k8s.io/v1', 'the default', 1, undefined],
    ['v1', 'the default', 1, undefined],
  ] as const)('to the %s broadcaster: with %s and a server that hangs, %i request(s) reach it at once', async (group, _label, inFlight, sinkConcurrency) => {
    const api = await server();
    // Every create is held for a minute; the rule counts the requests that arrived.
    api.faults.add({ method: 'POST', path: /\/events$/, responses: Array.from({ length: 16 }, () => 'pass' as const), latencyMs: 60_000 });
    const { recorder, broadcaster } = await createEventRecorder(api.kubeConfig, {
      component: 'example.com/ctrl',
      api: group,
      logger: silentLogger,
      ...(sinkConcurrency === undefined ? {} : { sinkConcurrency }),
    });
    for (let i = 0; i < 16; i++) recorder.eventf(pod(`web-${i}`, 'default'), undefined, 'Normal', 'Started', 'Start', 'x');
    await until(() => api.faults.remaining === 16 - inFlight, `${inFlight} requests`);
    await new Promise((r) => setTimeout(r, 100)); // and no more come
    expect(16 - api.faults.remaining).toBe(inFlight);
    const result = await broadcaster.shutdown({ timeoutMs: 0 });
    expect(result).toMatchObject({ completed: false, abandoned: 16 });
    expect(broadcaster.stats()).toMatchObject({ failed: 16 });
  });

  it.each(['events.k8s.io/v1', 'v1'] as const)('to the %s broadcaster: writeQps 10 and writeBurst 2 give 2 calls at once, then one per 100 ms', async (group) => {
    const api = await server();
    const slept = recordedSleep(); // the rate limit's waits end at once but are recorded; the clock stands still
    const { recorder, broadcaster } = await createEventRecorder(api.kubeConfig, {
      component: 'example.com/ctrl',
      api: group,
      writeQps: 10,
      writeBurst: 2,
      sinkConcurrency: 4,
      clock: new ManualClock(),
      sleep: slept.sleep,
      logger: silentLogger,
    });
    for (let i = 0; i < 5; i++) recorder.eventf(pod(`web-${i}`, 'default'), undefined, 'Normal', 'Started', 'Start', 'x');
    await until(() => broadcaster.stats().created === 5, 'the creates');
    // Tokens reserved at one instant: the 3rd call waits 100 ms, the 4th 200 ms, the 5th 300 ms.
    expect(slept.delays).toEqual([100, 200, 300]);
    const creates = api.requests().filter((r) => r.resource === 'events' && r.method === 'POST');
    expect(creates.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    await broadcaster.shutdown();
  });

  it('rejects unusable write options before asking discovery', async () => {
    const api = await server();
    await expect(createEventRecorder(api.kubeConfig, { component: 'example.com/ctrl', writeBurst: 3 })).rejects.toThrow(new RangeError('writeBurst needs writeQps'));
    await expect(createEventRecorder(api.kubeConfig, { component: 'example.com/ctrl', sinkConcurrency: 0 })).rejects.toThrow(
      new RangeError('sinkConcurrency must be a whole number ≥ 1, got 0'),
    );
    expect(api.requests()).toEqual([]);
  });
});
