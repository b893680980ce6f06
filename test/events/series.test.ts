// Series lifecycle, series key, series: false, the LRU bound and the shutdown flush, against a scripted sink with manual time.
import { describe, expect, it } from 'vitest';
import { statusError } from './support/events-sink.js';
import { MINUTE } from './support/manual-time.js';
import { node, pod, setup } from './support/setup.js';

const T0 = '2026-11-24T10:00:00Z';
const nameAt = (objectName: string, iso: string) => `${objectName}.${(BigInt(Date.parse(iso)) * 1_000_000n).toString(16)}`;

describe('series lifecycle (client-go tools/events recordToSink)', () => {
  it('creates the first occurrence without a series', async () => {
    const { sink, recorder, time } = setup();
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started %s', 'web');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create']);
    const call = sink.calls[0]!;
    expect(call.op === 'create' && call.json).toEqual({
      metadata: { name: nameAt('web-0', T0), namespace: 'prod' },
      eventTime: '2026-11-24T10:00:00.000000Z',
      reportingController: 'example.com/ctrl',
      reportingInstance: 'ctrl-0',
      action: 'Start',
      reason: 'Started',
      regarding: { kind: 'Pod', apiVersion: 'v1', name: 'web-0', namespace: 'prod', uid: 'uid-web-0', resourceVersion: '1' },
      note: 'started web',
      type: 'Normal',
    });
  });

  it('sends ONE merge PATCH carrying only series {count: 2, lastObservedTime} on the second isomorphic occurrence', async () => {
    const { sink, recorder, time, broadcaster } = setup();
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(1000);
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'patch']);
    expect(sink.calls[1]).toEqual({
      op: 'patch',
      name: nameAt('web-0', T0),
      namespace: 'prod',
      patch: { series: { count: 2, lastObservedTime: '2026-11-24T10:00:01.000000Z' } },
    });
    expect(broadcaster.stats()).toMatchObject({ created: 1, patched: 1, series: { started: 1, counted: 0, cached: 1 } });
  });

  it('only counts the third and later occurrences in the cache: no API call', async () => {
    const { sink, recorder, time, broadcaster } = setup();
    for (let i = 0; i < 5; i++) {
      recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
      await time.advance(1000);
    }
    expect(sink.ops()).toEqual(['create', 'patch']);
    expect(broadcaster.stats()).toMatchObject({ accepted: 5, created: 1, patched: 1, series: { started: 1, counted: 3 } });
  });

  it('re-patches every live series at the 30-minute heartbeat, then finishes it after 6 minutes of silence', async () => {
    const { sink, recorder, time, broadcaster } = setup();
    const emit = () => recorder.eventf(pod(), undefined, 'Warning', 'BackOff', 'Restart', 'back-off restarting');
    emit(); // 10:00:00 create
    await time.advance(1000);
    emit(); // 10:00:01 patch count 2
    // Occurrences every 5 minutes keep the series alive through the finish sweeps at 10:06, 10:12, … 10:24.
    await time.advance(5 * MINUTE - 1000);
    for (const step of [0, 5, 5, 5, 5, 4]) {
      await time.advance(step * MINUTE);
      emit(); // 10:05, 10:10, 10:15, 10:20, 10:25, 10:29 → counts 3..8
    }
    expect(sink.ops()).toEqual(['create', 'patch']);
    await time.advance(1 * MINUTE); // 10:30: heartbeat
    expect(sink.patches()).toEqual([
      { series: { count: 2, lastObservedTime: '2026-11-24T10:00:01.000000Z' } },
      { series: { count: 8, lastObservedTime: '2026-11-24T10:29:00.000000Z' } },
    ]);
    expect(broadcaster.stats().series).toMatchObject({ heartbeats: 1, finished: 0, cached: 1 });
    await time.advance(6 * MINUTE); // 10:36: silent since 10:29, more than 6 min → final patch, evicted
    expect(sink.patches()[2]).toEqual({ series: { count: 8, lastObservedTime: '2026-11-24T10:29:00.000000Z' } });
    expect(broadcaster.stats().series).toMatchObject({ started: 1, counted: 6, heartbeats: 1, finished: 1, cached: 0 });
    await time.advance(1 * MINUTE);
    emit(); // 10:37: a new Event, not a patch of the finished one
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'patch', 'patch', 'patch', 'create']);
    const last = sink.calls[4]!;
    expect(last.op === 'create' && last.event.metadata?.name).toBe(nameAt('web-0', '2026-11-24T10:37:00Z'));
  });

  it('finishes a series at the first sweep that finds it silent for MORE than 6 minutes', async () => {
    const { sink, recorder, time, broadcaster } = setup();
    for (let i = 0; i < 3; i++) {
      recorder.eventf(pod(), undefined, 'Normal', 'Pulled', 'Pull', 'pulled');
      await time.advance(1000);
    }
    await time.advance(6 * MINUTE - 3000); // 10:06 sweep: last seen 10:00:02, silent 5 min 58 s
    expect(sink.ops()).toEqual(['create', 'patch']);
    expect(broadcaster.stats().series.cached).toBe(1);
    await time.advance(6 * MINUTE); // 10:12 sweep
    expect(sink.patches()).toEqual([
      { series: { count: 2, lastObservedTime: '2026-11-24T10:00:01.000000Z' } },
      { series: { count: 3, lastObservedTime: '2026-11-24T10:00:02.000000Z' } },
    ]);
    expect(broadcaster.stats().series).toMatchObject({ finished: 1, cached: 0 });
  });

  it('evicts singletons older than 6 minutes without an API call', async () => {
    const { sink, recorder, time, broadcaster } = setup();
    recorder.eventf(pod(), undefined, 'Normal', 'Created', 'Create', 'created');
    await time.advance(12 * MINUTE);
    expect(sink.ops()).toEqual(['create']);
    expect(broadcaster.stats().series.cached).toBe(0);
    recorder.eventf(pod(), undefined, 'Normal', 'Created', 'Create', 'created');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'create']);
  });

  it('keeps a singleton until the sweep: a repeat after 7 minutes but before the 12-minute sweep starts a series', async () => {
    const { sink, recorder, time } = setup();
    recorder.eventf(pod(), undefined, 'Normal', 'Created', 'Create', 'created');
    await time.advance(7 * MINUTE);
    recorder.eventf(pod(), undefined, 'Normal', 'Created', 'Create', 'created');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'patch']);
  });

  it('creates the Event with its series when the series PATCH answers 404 (resourceVersion cleared)', async () => {
    const { sink, recorder, time, broadcaster } = setup();
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(1000);
    sink.stored.clear(); // the Event expired or was deleted
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'patch', 'create']);
    const recreated = sink.calls[2]!;
    expect(recreated.op === 'create' && recreated.json).toMatchObject({
      metadata: { name: nameAt('web-0', T0), namespace: 'prod' },
      eventTime: '2026-11-24T10:00:00.000000Z',
      series: { count: 2, lastObservedTime: '2026-11-24T10:00:01.000000Z' },
    });
    expect(recreated.op === 'create' && (recreated.json as { metadata: object }).metadata).not.toHaveProperty('resourceVersion');
    expect(broadcaster.stats()).toMatchObject({ created: 2, patched: 0, failed: 0 });
  });

  it("retries the create of a series that answers AlreadyExists, after one jittered sleep ('client-go')", async () => {
    const { sink, recorder, time, broadcaster, delays } = setup({ retryPolicy: 'client-go' });
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(1000);
    sink.failures.push(statusError(404, 'NotFound'), statusError(409, 'AlreadyExists'));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'patch', 'create', 'patch']);
    expect(delays).toEqual([11_250]); // 10 s + 0.5 × 0.25 × 10 s
    expect(broadcaster.stats()).toMatchObject({ created: 1, patched: 1, retried: 1, failed: 0 });
  });

  it("retries the create of a series that answers AlreadyExists under 'server-aware' too, after its backoff", async () => {
    const { sink, recorder, time, broadcaster, delays } = setup();
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(1000);
    sink.failures.push(statusError(404, 'NotFound'), statusError(409, 'AlreadyExists'));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'patch', 'create', 'patch']);
    expect(delays).toEqual([500]); // 0.5 × the first 1 s ceiling
    expect(broadcaster.stats()).toMatchObject({ created: 1, patched: 1, retried: 1, failed: 0 });
  });

  it('does not retry AlreadyExists on a plain create (logged quietly)', async () => {
    const { sink, recorder, time, broadcaster, delays, logger } = setup();
    sink.failures.push(statusError(409, 'AlreadyExists'));
    recorder.eventf(pod(), undefined, 'Normal', 'Started', 'Start', 'started');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create']);
    expect(delays).toEqual([]);
    expect(broadcaster.stats()).toMatchObject({ failed: 1, dropped: { rejected: 1 }, rejectedByStatus: { '409': 1 } });
    expect(logger.lines.filter((l) => l.message === 'Server rejected event (will not retry!)').map((l) => l.level)).toEqual(['debug']);
  });
});

describe('series key (type, action, reason, reporter, regarding, related; not note)', () => {
  type Emit = (recorder: ReturnType<typeof setup>['recorder']) => void;
  const twice = async (first: Emit, second: Emit, options: Parameters<typeof setup>[0] = {}) => {
    const rig = setup(options);
    first(rig.recorder);
    await rig.time.advance(1000);
    second(rig.recorder);
    await rig.time.advance(0);
    return rig;
  };

  it('leaves regarding.resourceVersion out by default: an object that changed joins the same series', async () => {
    const { sink } = await twice(
      (r) => r.eventf(pod('web-0', 'prod', '1'), undefined, 'Normal', 'Synced', 'Sync', 'synced'),
      (r) => r.eventf(pod('web-0', 'prod', '2'), undefined, 'Normal', 'Synced', 'Sync', 'synced'),
    );
    expect(sink.ops()).toEqual(['create', 'patch']);
  });

  it('keeps regarding.resourceVersion in the key with seriesKeyIncludesResourceVersion: true (client-go behaviour)', async () => {
    const { sink } = await twice(
      (r) => r.eventf(pod('web-0', 'prod', '1'), undefined, 'Normal', 'Synced', 'Sync', 'synced'),
      (r) => r.eventf(pod('web-0', 'prod', '2'), undefined, 'Normal', 'Synced', 'Sync', 'synced'),
      { seriesKeyIncludesResourceVersion: true },
    );
    expect(sink.ops()).toEqual(['create', 'create']);
  });

  it('joins occurrences whose notes differ; the Event keeps the first note', async () => {
    const { sink } = await twice(
      (r) => r.eventf(pod(), undefined, 'Warning', 'Failed', 'Sync', 'attempt %d failed', 1),
      (r) => r.eventf(pod(), undefined, 'Warning', 'Failed', 'Sync', 'attempt %d failed', 2),
    );
    expect(sink.ops()).toEqual(['create', 'patch']);
    expect(sink.calls[0]?.op === 'create' && sink.calls[0].event.note).toBe('attempt 1 failed');
  });

  it.each([
    ['action', (r: Parameters<Emit>[0]) => r.eventf(pod(), undefined, 'Normal', 'Synced', 'Resync', 'synced')],
    ['reason', (r: Parameters<Emit>[0]) => r.eventf(pod(), undefined, 'Normal', 'Updated', 'Sync', 'synced')],
    ['type', (r: Parameters<Emit>[0]) => r.eventf(pod(), undefined, 'Warning', 'Synced', 'Sync', 'synced')],
    ['regarding', (r: Parameters<Emit>[0]) => r.eventf(pod('web-1'), undefined, 'Normal', 'Synced', 'Sync', 'synced')],
    ['related', (r: Parameters<Emit>[0]) => r.eventf(pod(), node(), 'Normal', 'Synced', 'Sync', 'synced')],
  ])('starts a new Event when %s differs', async (_field, second) => {
    const { sink } = await twice((r) => r.eventf(pod(), undefined, 'Normal', 'Synced', 'Sync', 'synced'), second);
    expect(sink.ops()).toEqual(['create', 'create']);
  });

  it('starts a new Event when the reporter differs (another reportingInstance)', async () => {
    const { sink, recorder, broadcaster, time } = setup();
    recorder.eventf(pod(), undefined, 'Normal', 'Synced', 'Sync', 'synced');
    broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-1' }).eventf(pod(), undefined, 'Normal', 'Synced', 'Sync', 'synced');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'create']);
  });

  it('treats related undefined and null alike', async () => {
    const { sink } = await twice(
      (r) => r.eventf(pod(), undefined, 'Normal', 'Synced', 'Sync', 'synced'),
      (r) => r.eventf(pod(), null, 'Normal', 'Synced', 'Sync', 'synced'),
    );
    expect(sink.ops()).toEqual(['create', 'patch']);
  });
});

describe('series: false', () => {
  it('creates every occurrence as an Event of its own and starts no timer', async () => {
    const { sink, recorder, time, broadcaster } = setup({ series: false });
    for (let i = 0; i < 3; i++) recorder.eventf(pod(), undefined, 'Normal', 'Synced', 'Sync', 'synced');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'create', 'create']);
    const names = sink.calls.map((c) => (c.op === 'create' ? c.event.metadata?.name : ''));
    expect(new Set(names).size).toBe(3);
    expect(time.activeTimers).toBe(0);
    expect(broadcaster.stats().series).toEqual({ started: 0, counted: 0, heartbeats: 0, finished: 0, flushed: 0, failedWrites: 0, evicted: 0, cached: 0 });
  });
});

describe('bounded cache (cacheSize, lru-cache)', () => {
  it('holds at most cacheSize entries: the least recently seen is pushed out and its next occurrence is created anew', async () => {
    const { sink, recorder, time, broadcaster } = setup({ cacheSize: 2 });
    for (const reason of ['A', 'B', 'C']) recorder.eventf(pod(), undefined, 'Normal', reason, 'Sync', 'x');
    await time.advance(0);
    expect(broadcaster.stats().series).toMatchObject({ evicted: 1, cached: 2 });
    recorder.eventf(pod(), undefined, 'Normal', 'A', 'Sync', 'x');
    recorder.eventf(pod(), undefined, 'Normal', 'C', 'Sync', 'x');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'create', 'create', 'create', 'patch']);
  });

  it('writes the unwritten count of a series the bound pushes out', async () => {
    const { sink, recorder, time, broadcaster } = setup({ cacheSize: 1 });
    for (let i = 0; i < 3; i++) {
      recorder.eventf(pod(), undefined, 'Normal', 'A', 'Sync', 'x');
      await time.advance(1000);
    }
    recorder.eventf(pod(), undefined, 'Normal', 'B', 'Sync', 'x');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'patch', 'patch', 'create']);
    expect(sink.patches()).toEqual([
      { series: { count: 2, lastObservedTime: '2026-11-24T10:00:01.000000Z' } },
      { series: { count: 3, lastObservedTime: '2026-11-24T10:00:02.000000Z' } },
    ]);
    expect(broadcaster.stats().series).toMatchObject({ evicted: 1, flushed: 1, cached: 1 });
  });
});

describe('shutdown writes final series counts (client-go abandons them)', () => {
  it('sends one PATCH per live series whose latest count was not written, and leaves no timer', async () => {
    const { sink, recorder, time, broadcaster } = setup();
    const emit = (reason: string) => recorder.eventf(pod(), undefined, 'Normal', reason, 'Sync', 'x');
    for (let i = 0; i < 5; i++) {
      emit('Hot');
      if (i < 2) emit('Twice');
      await time.advance(1000);
    }
    emit('Once');
    await time.advance(0);
    expect(sink.ops()).toEqual(['create', 'create', 'patch', 'patch', 'create']);
    expect(time.activeTimers).toBe(2);
    const result = await broadcaster.shutdown();
    expect(sink.ops()).toEqual(['create', 'create', 'patch', 'patch', 'create', 'patch']);
    expect(sink.calls[5]).toEqual({
      op: 'patch',
      name: nameAt('web-0', T0),
      namespace: 'prod',
      patch: { series: { count: 5, lastObservedTime: '2026-11-24T10:00:04.000000Z' } },
    });
    expect(result.completed).toBe(true);
    expect(result.abandoned).toBe(0);
    expect(result.stats.series).toMatchObject({ started: 2, counted: 3, flushed: 1 });
    expect(time.activeTimers).toBe(0);
  });

  it('sends nothing more when every count was already written', async () => {
    const { sink, recorder, time, broadcaster } = setup();
    recorder.eventf(pod(), undefined, 'Normal', 'Synced', 'Sync', 'x');
    await time.advance(1000);
    recorder.eventf(pod(), undefined, 'Normal', 'Synced', 'Sync', 'x');
    await broadcaster.shutdown();
    expect(sink.ops()).toEqual(['create', 'patch']);
    expect(broadcaster.stats().series.flushed).toBe(0);
  });
});
