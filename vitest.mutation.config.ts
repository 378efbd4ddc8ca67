import { defineConfig } from 'vitest/config';

// The unit tests that can kill mutants of the code `npm run mutation` mutates (db/): node only, no renderer,
// and without the suites that run the service in a child process, which a mutant in this process never reaches.
export default defineConfig({
  test: {
    name: 'mutation',
    environment: 'node',
    // Instrumented code runs slower, and the machine is shared: a slow test is not a failed one here.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: ['db/**/*.test.ts'],
    exclude: ['db/test/bridge.test.ts', 'db/test/bridgeMalformed.test.ts'],
  },
});
