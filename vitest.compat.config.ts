// Compatibility run: the integration suites again (core/v1, and events.k8s.io/v1 against the in-memory API
// server), with @kubernetes/client-node resolved to the 1.x line (1.4.0), so the peer range we declare
// (^1.4.0 || ^2.0.0) is the range we test.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const clientNode1 = fileURLToPath(new URL('./node_modules/@kubernetes/client-node-1/dist/index.js', import.meta.url));

export default defineConfig({
  resolve: { alias: [{ find: /^@kubernetes\/client-node$/, replacement: clientNode1 }] },
  test: {
    include: ['test/integration/**/*.test.ts', 'test/events/api-server.test.ts', 'test/events/list-events-for.test.ts'],
    env: { KUBE_RECORD_CLIENT_NODE_LINE: '1' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    server: { deps: { inline: [/kube-record/] } },
  },
});
