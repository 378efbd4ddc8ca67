import { defineConfig } from 'vitest/config';

// The unit tests `npm run mutation` runs against each mutant: only the suites written for the code it mutates
// (the criteria engine, the import, snapshots, restore and the lock), node only. The service-wide suites also
// reach that code, but each of them opens data files for every test and would cost seconds per mutant; a mutant
// only they would catch counts as missed here, which keeps the score honest about the focused tests.
export default defineConfig({
  test: {
    name: 'mutation',
    environment: 'node',
    // One module graph per run, shared by its test files: each mutant's run still starts from fresh modules (the
    // mutant is the same for the whole run), without paying a new graph for every file it runs.
    isolate: false,
    // Instrumented code runs slower, and the machine is shared: a slow test is not a failed one here.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: [
      'db/criteria/test/**/*.test.ts',
      'db/import/test/**/*.test.ts',
      'db/test/snapshots.test.ts',
      'db/test/snapshotEdges.test.ts',
      'db/test/restore*.test.ts',
      'db/test/lock*.test.ts',
    ],
  },
});
