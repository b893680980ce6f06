// Test runner configuration: the default suite runs against the client-node version installed as the dev peer (2.x).
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// The examples import the package by name, as users do; tests run them on the sources (tsconfig.json's
// `paths` say the same to tsc and tsx).
const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^kube-record$/, replacement: source('./src/index.ts') },
      { find: /^kube-record\/testing$/, replacement: source('./src/testing/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The package tests pack and install the tarball: npm run test:package (vitest.package.config.ts).
    exclude: [...configDefaults.exclude, 'test/package/**'],
    env: { KUBE_RECORD_CLIENT_NODE_LINE: '2' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
