// Recorder → broadcaster → CoreV1EventSink → client-node → the in-memory API server, over real HTTP.
// Also run against client-node 1.4.0 by `npm run test:compat`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pod } from '../support/objects.js';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const eventWrites = () => h.api.requests().filter((r) => r.resource === 'events');

describe('core/v1 recording over HTTP', () => {
  it('creates the first event with client-go\'s body', async () => {
    const recorder = h.broadcaster.newRecorder({ component: 'demo-controller', host: 'node-1' });
    recorder.eventf(pod('web-0', 'default', 'u1'), 'Normal', 'Started', 'Started container %s', 'web');
    await h.settled(1);
    const [req] = eventWrites();
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/api/v1/namespaces/default/events');
    const body = req?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      metadata: { name: `web-0.${(BigInt(Date.parse('2026-11-24T10:00:00Z')) * 1_000_000n).toString(16)}`, namespace: 'default' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'u1', apiVersion: 'v1', resourceVersion: '1' },
      reason: 'Started',
      message: 'Started container web',
      source: { component: 'demo-controller', host: 'node-1' },
      count: 1,
      type: 'Normal',
      reportingComponent: 'demo-controller',
      reportingInstance: 'node-1',
    });
    const stored = h.api.events({ namespace: 'default' });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ count: 1, firstTimestamp: '2026-11-24T10:00:00Z', lastTimestamp: '2026-11-24T10:00:00Z' });
    expect(h.broadcaster.stats()).toMatchObject({ accepted: 1, created: 1, patched: 0, failed: 0 });
  });

  it('turns the second identical event into a strategic-merge PATCH with count 2', async () => {
    const recorder = h.broadcaster.newRecorder({ component: 'c' });
    recorder.event(pod(), 'Warning', 'BackOff', 'Back-off restarting failed container');
    await h.settled(1);
    h.clock.advanceSeconds(30);
    recorder.event(pod(), 'Warning', 'BackOff', 'Back-off restarting failed container');
    await h.settled(2);
    const patch = eventWrites()[1];
    expect(patch?.method).toBe('PATCH');
    expect(patch?.contentType).toBe('application/strategic-merge-patch+json');
    expect(patch?.path).toBe(`/api/v1/namespaces/default/events/${(eventWrites()[0]?.body as { metadata: { name: string } }).metadata.name}`);
    expect(patch?.body).toEqual({ count: 2, lastTimestamp: '2026-11-24T10:00:30Z', message: 'Back-off restarting failed container' });
    const [stored] = h.api.events();
    expect(stored).toMatchObject({ count: 2, firstTimestamp: '2026-11-24T10:00:00Z', lastTimestamp: '2026-11-24T10:00:30Z' });
  });

  it('aggregates the 10th distinct message on one object and reason', async () => {
    const recorder = h.broadcaster.newRecorder({ component: 'c' });
    for (let i = 1; i <= 11; i++) recorder.eventf(pod(), 'Warning', 'FailedMount', 'volume %d not ready', i);
    await h.settled(11);
    const messages = h.api.events().map((e) => [e['message'], e['count']]);
    expect(messages).toHaveLength(10);
    expect(messages).toContainEqual(['(combined from similar events): volume 11 not ready', 2]);
    expect(messages.filter(([m]) => typeof m === 'string' && m.startsWith('volume '))).toHaveLength(9);
    expect(h.broadcaster.stats().aggregated).toBe(2);
  });

  it('spam-filters the 26th event on one object and counts it', async () => {
    const recorder = h.broadcaster.newRecorder({ component: 'c' });
    for (let i = 0; i < 26; i++) recorder.eventf(pod(), 'Normal', `Reason${i}`, 'step %d', i);
    await h.settled(26);
    expect(h.api.events()).toHaveLength(25);
    const stats = h.broadcaster.stats();
    expect(stats.spamFiltered).toBe(1);
    expect(stats.dropped.spamFiltered).toBe(1);
    expect(stats.created).toBe(25);
  });

  it('re-creates an event whose patch is answered 404, with the cached name and accumulated count', async () => {
    const recorder = h.broadcaster.newRecorder({ component: 'c' });
    recorder.event(pod(), 'Normal', 'Synced', 'synced');
    await h.settled(1);
    recorder.event(pod(), 'Normal', 'Synced', 'synced');
    await h.settled(2);
    const name = String((h.api.events()[0]?.['metadata'] as { name: string }).name);
    await h.core.deleteNamespacedEvent({ name, namespace: 'default' });
    recorder.event(pod(), 'Normal', 'Synced', 'synced');
    await h.settled(3);
    expect(eventWrites().map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'PATCH 200', 'DELETE 200', 'PATCH 404', 'POST 201']);
    const [stored] = h.api.events();
    expect(stored).toMatchObject({ metadata: { name }, count: 3 });
  });

  it.each([
    [409, 'AlreadyExists'],
    [403, 'Forbidden'],
    [422, 'Invalid'],
  ])('treats %i as final: one request, counted as rejected', async (status) => {
    h.api.faults.add({ method: 'POST', path: /\/events$/, responses: [status] });
    h.broadcaster.newRecorder({ component: 'c' }).event(pod(), 'Normal', 'X', 'y');
    await h.settled(1);
    expect(eventWrites().map((r) => r.status)).toEqual([status]);
    expect(h.delays).toEqual([]);
    const stats = h.broadcaster.stats();
    expect(stats.dropped.rejected).toBe(1);
    expect(stats.sinks[0]?.rejectedByStatus).toEqual({ [String(status)]: 1 });
  });

  it('retries a 503 and a reset connection (server-aware default) and the event lands', async () => {
    h.api.faults.add({ method: 'POST', path: /\/events$/, responses: [{ status: 503 }, 'drop'] });
    h.broadcaster.newRecorder({ component: 'c' }).event(pod(), 'Normal', 'X', 'y');
    await h.settled(1);
    expect(eventWrites().map((r) => r.status)).toEqual([503, 0, 201]);
    expect(h.delays).toEqual([500, 1_000]);
    expect(h.api.events()).toHaveLength(1);
    expect(h.broadcaster.stats()).toMatchObject({ created: 1, retried: 2, failed: 0 });
  });

  it('honours Retry-After of a 429 from the server', async () => {
    h.api.faults.add({ method: 'POST', path: /\/events$/, responses: [{ status: 429, retryAfterSeconds: 3 }] });
    h.broadcaster.newRecorder({ component: 'c' }).event(pod(), 'Normal', 'X', 'y');
    await h.settled(1);
    expect(eventWrites().map((r) => r.status)).toEqual([429, 201]);
    expect(h.delays).toEqual([3_000]);
  });

  it("with retryPolicy 'client-go' a 503 is final and a dropped connection is retried after random × 10 s", async () => {
    await h.close();
    h = await startHarness({ retryPolicy: 'client-go' });
    h.api.faults.add({ method: 'POST', path: /\/events$/, responses: [503] });
    h.api.faults.add({ method: 'POST', path: /\/events$/, responses: ['drop'] });
    const recorder = h.broadcaster.newRecorder({ component: 'c' });
    recorder.event(pod('a'), 'Normal', 'X', 'y');
    recorder.event(pod('b'), 'Normal', 'X', 'y');
    await h.settled(2);
    expect(eventWrites().map((r) => r.status)).toEqual([503, 0, 201]);
    expect(h.delays).toEqual([5_000]);
    expect(h.broadcaster.stats().sinks[0]?.rejectedByStatus).toEqual({ '503': 1 });
  });

  it('drops events for a terminating namespace quietly (debug log) and counts them', async () => {
    await h.core.createNamespace({ body: { metadata: { name: 'leaving' } } });
    await h.core.deleteNamespace({ name: 'leaving' });
    h.broadcaster.newRecorder({ component: 'c' }).event(pod('web-0', 'leaving'), 'Normal', 'X', 'y');
    await h.settled(1);
    expect(eventWrites().filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([403]);
    expect(h.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(h.logger.lines.find((l) => l.message === 'Server rejected event (will not retry!)')?.level).toBe('debug');
    expect(h.broadcaster.stats().sinks[0]?.rejectedByStatus).toEqual({ '403': 1 });
  });
});
