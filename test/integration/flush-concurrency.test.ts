// Over real HTTP against the in-memory API server (client-node): sinkConcurrency keeps each event's
// create before its patches, flush waits for exactly what was accepted, and the shutdown deadline cancels
// a request still running (no socket left behind).
import { afterEach, describe, expect, it } from 'vitest';
import { CoreV1EventSink } from '../../src/record/core-v1-sink.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { EventSink } from '../../src/record/sink.js';
import { realSleep } from '../../src/engine/sleep.js';
import { pod } from '../support/objects.js';
import { startHarness, waitFor, type Harness } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('core/v1 over HTTP: concurrency, flush and the shutdown deadline', () => {
  it('writes 10 events × 4 occurrences with sinkConcurrency 8: one POST and three PATCHes each, in order', async () => {
    h = await startHarness({ sinkConcurrency: 8, sleep: realSleep, correlatorOptions: { burstSize: 1000 } });
    h.api.faults.latency(5, { method: 'POST' });
    const recorder = h.broadcaster.newRecorder({ component: 'ctrl' });
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 10; i++) recorder.event(pod(`web-${i}`, 'default', `uid-${i}`), 'Normal', 'Started', 'started');
    }
    expect(await h.broadcaster.flush({ timeoutMs: 10_000 })).toEqual({ completed: true, written: 40, failed: 0, dropped: 0, pending: 0 });
    const events = h.api.events({ namespace: 'default' });
    expect(events.map((e) => e['count']).sort()).toEqual(Array.from({ length: 10 }, () => 4));
    const writes = h.api.requests().filter((r) => r.path.includes('/events'));
    expect(writes.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 201));
    expect(writes.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual(Array.from({ length: 30 }, () => 200));
    // Per event, the server saw counts 2, 3, 4 in that order.
    const patchCounts = new Map<string, number[]>();
    for (const r of writes.filter((w) => w.method === 'PATCH')) {
      const name = r.path.split('/').pop()!.split('?')[0]!;
      patchCounts.set(name, [...(patchCounts.get(name) ?? []), (r.body as { count: number }).count]);
    }
    expect([...patchCounts.values()]).toEqual(Array.from({ length: 10 }, () => [2, 3, 4]));
  });

  it('flush retries 503s and a dropped connection until every accepted event landed', async () => {
    h = await startHarness({ sleep: realSleep, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    h.api.faults.add({ method: 'POST', path: /\/events$/, responses: [{ status: 503 }, 'drop', { status: 503 }] });
    const recorder = h.broadcaster.newRecorder({ component: 'ctrl' });
    for (let i = 0; i < 5; i++) recorder.event(pod(`p${i}`, 'default', `u${i}`), 'Warning', 'Failed', 'boom');
    expect(await h.broadcaster.flush({ timeoutMs: 10_000 })).toEqual({ completed: true, written: 5, failed: 0, dropped: 0, pending: 0 });
    expect(h.api.events({ namespace: 'default' })).toHaveLength(5);
    expect(h.broadcaster.stats()).toMatchObject({ created: 5, retried: 3, failed: 0 });
  });

  it('at the shutdown deadline abandons a slow request and cancels it', async () => {
    h = await startHarness();
    h.api.faults.latency(400, { method: 'POST' });
    const outcomes: string[] = [];
    const api = new CoreV1EventSink(h.api.kubeConfig);
    const sink: EventSink = {
      create: (event, options) =>
        api.create(event, options).then(
          (written) => (outcomes.push('created'), written),
          (error: unknown) => {
            outcomes.push(error instanceof Error ? error.name : String(error));
            throw error;
          },
        ),
      update: (event, options) => api.update(event, options),
      patch: (event, patch, options) => api.patch(event, patch, options),
    };
    const broadcaster = new EventBroadcaster({ logger: silentLogger, sleep: realSleep });
    broadcaster.startRecordingToSink(sink);
    const recorder = broadcaster.newRecorder({ component: 'ctrl' });
    for (let i = 0; i < 3; i++) recorder.event(pod(`p${i}`, 'default', `u${i}`), 'Normal', 'Started', 'x');
    const result = await broadcaster.shutdown({ timeoutMs: 50 });
    expect(result).toMatchObject({ completed: false, abandoned: 3 });
    expect(result.stats.dropped.shutdown).toBe(3);
    expect(result.stats.created).toBe(0);
    await waitFor(() => outcomes.length > 0);
    // fetch rejected the running POST with an AbortError: the request and its socket are gone.
    expect(outcomes).toEqual(['AbortError']);
  });
});
