// The default suite on Node 22 and 24 (.ci/run): @kubernetes/client-node resolves to the copy in
// .ci/node-matrix, installed WITHOUT the root's undici override, i.e. with the undici 8 that users of
// client-node 2.x get on Node ≥ 22.19. Everything else is vitest.config.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

const matrixClientNode = fileURLToPath(new URL('./.ci/node-matrix/node_modules/@kubernetes/client-node/dist/index.js', import.meta.url));

export default mergeConfig(
  base,
  defineConfig({
    resolve: { alias: [{ find: /^@kubernetes\/client-node$/, replacement: matrixClientNode }] },
    test: { env: { KUBE_RECORD_CLIENT_NODE_ENTRY: matrixClientNode, KUBE_RECORD_UNDICI_MAJOR: '8' } },
  }),
);
