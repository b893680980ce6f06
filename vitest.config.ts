// Test runner configuration: the default suite runs against the client-node version installed as the dev peer (2.x).
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
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
