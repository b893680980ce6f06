// In-memory API servers for a test file: started on demand, all stopped after each test.
import { afterEach } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../src/testing/api-server/index.js';

/** Returns `server(options)`, which starts a server that is stopped after the current test. */
export function apiServers(): (options?: Parameters<typeof startTestApiServer>[0]) => Promise<TestApiServer> {
  let servers: TestApiServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    servers = [];
  });
  return async (options = {}) => {
    const api = await startTestApiServer(options);
    servers.push(api);
    return api;
  };
}

/** Polls until `predicate` holds: the writes go over real HTTP to the in-memory server (milliseconds, never seconds). */
export async function until(predicate: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
