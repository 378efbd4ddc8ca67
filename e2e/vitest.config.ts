import { defineConfig } from 'vitest/config';

// End-to-end: the built UI in Debian's Chromium (playwright-core), against the real service over the bridge.
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
