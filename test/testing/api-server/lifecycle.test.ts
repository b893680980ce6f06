// Server lifecycle: keep-alive connections, stop() closing sockets and watches and clearing timers
// (no handles left behind), idempotent stop, and the write throughput the benchmark relies on.
import { createHook } from 'node:async_hooks';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestApiServer } from '../../../src/testing/api-server/index.js';
import { until } from '../../support/api-servers.js';
import { call, coreEvent, WatchReader } from './helpers.js';

/** Where the test API server's modules are. */
const SERVER_CODE = new URL('../../../src/testing/api-server/', import.meta.url).pathname;

/** What node:timers keeps on a Timeout (not public API; read by this test only). */
interface TimerState {
  readonly _idleTimeout: number;
  readonly _destroyed: boolean;
}

/**
 * The timers the test API server's own code made (called setTimeout / setInterval) while `run` ran, with
 * their delays, as they stand afterwards: not the test's, the runner's or node's. No process-wide counts.
 */
async function serverTimers(run: () => Promise<void>): Promise<Array<{ delay: number; cleared: boolean }>> {
  const made: Array<{ delay: number; timer: TimerState }> = [];
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type !== 'Timeout') return;
      const timer = resource as TimerState;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 50;
      const stack = new Error().stack ?? '';
      Error.stackTraceLimit = limit;
      // The frame that called setTimeout / setInterval (node's own timers, e.g. its Date header cache, are not the server's).
      const frames = stack.split('\n');
      const at = frames.findIndex((f) => /at set(?:Timeout|Interval) \(node:timers/.test(f));
      if (at >= 0 && frames[at + 1]?.includes(SERVER_CODE)) made.push({ delay: timer._idleTimeout, timer });
    },
  });
  hook.enable();
  try {
    await run();
  } finally {
    hook.disable();
  }
  return made.map(({ delay, timer }) => ({ delay, cleared: timer._destroyed }));
}

/** Whether something still accepts connections at `url`. */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
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
    let url = '';
    const timers = await serverTimers(async () => {
      const api = await startTestApiServer({ bookmarkIntervalMs: 20 });
      url = api.url;
      const w1 = await WatchReader.open(api, '/api/v1/events?watch=true&allowWatchBookmarks=true&timeoutSeconds=600');
      const w2 = await WatchReader.open(api, '/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true');
      await w1.waitFor(1);
      // A request held 60 s: the rule is consumed once the server has it (and its timer runs).
      api.faults.add({ path: '/slow', responses: ['pass'], latencyMs: 60_000 });
      const slow = fetch(`${api.url}/slow`).catch(() => 'failed');
      await call(api, 'POST', '/api/v1/namespaces/default/events', coreEvent('e'));
      await until(() => api.faults.remaining === 0, 'the held request to reach the server');
      await api.stop();
      await api.stop();
      // The watch streams end and the held request fails only when the server closed their connections.
      await w1.closed();
      await w2.closed();
      expect(await slow).toBe('failed');
    });
    // Two bookmark intervals, the watch's timeoutSeconds timer and the held request's delay: all cleared.
    expect(timers.sort((a, b) => a.delay - b.delay)).toEqual([
      { delay: 20, cleared: true },
      { delay: 20, cleared: true },
      { delay: 60_000, cleared: true },
      { delay: 600_000, cleared: true },
    ]);
    expect(await accepts(url)).toBe(false);
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
