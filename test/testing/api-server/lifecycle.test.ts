// Server lifecycle: keep-alive connections, stop() closing sockets and watches and clearing timers
// (no handles left behind), idempotent stop, and the write throughput the benchmark relies on.
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTestApiServer } from '../../../src/testing/api-server/index.js';
import { call, coreEvent, WatchReader } from './helpers.js';

function handleCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

function post(agent: Agent, url: string, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('server lifecycle', () => {
  it('leaves no sockets, servers or timers behind after stop()', async () => {
    const before = handleCounts();
    const api = await startTestApiServer({ bookmarkIntervalMs: 20 });
    const w1 = await WatchReader.open(api, '/api/v1/events?watch=true&allowWatchBookmarks=true&timeoutSeconds=600');
    const w2 = await WatchReader.open(api, '/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true');
    await w1.waitFor(1);
    api.faults.latency(60_000, { path: '/slow' });
    const slow = fetch(`${api.url}/slow`).catch(() => 'failed');
    await call(api, 'POST', '/api/v1/namespaces/default/events', coreEvent('e'));
    await new Promise((r) => setTimeout(r, 50));
    await api.stop();
    await api.stop();
    await w1.closed();
    await w2.closed();
    expect(await slow).toBe('failed');
    await new Promise((r) => setTimeout(r, 100));
    const after = handleCounts();
    for (const kind of ['TCPServerWrap', 'TCPSocketWrap', 'Timeout']) expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(before[kind] ?? 0);
  });

  it('serves many writes over keep-alive connections', async () => {
    const api = await startTestApiServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    try {
      const n = 2000;
      const statuses = await Promise.all(
        Array.from({ length: n }, (_, i) => post(agent, api.url, '/api/v1/namespaces/default/events', JSON.stringify(coreEvent(`e-${i}`)))),
      );
      // Correctness only: throughput is measured by the bench, never asserted by a timed test.
      expect(statuses.every((s) => s === 201)).toBe(true);
      expect(api.events()).toHaveLength(n);
    } finally {
      agent.destroy();
      await api.stop();
    }
  });
});
