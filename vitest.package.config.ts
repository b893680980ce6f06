// Package tests (npm run test:package): the packed tarball installed into fresh consumer projects on the
// running Node (test/package/global-setup.ts), then imported, typechecked and run as a user would.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    globalSetup: ['test/package/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
