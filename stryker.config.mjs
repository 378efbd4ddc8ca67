// npm run mutation (not part of npm test): how many deliberate bugs in the criteria engine, the import and the
// snapshot, restore and lock code the unit tests catch. Practical on 2 cores: only the suites written for that code
// run (vitest.mutation.config.ts), each mutant runs only the tests that reach it (per-test coverage), mutants that
// do not type-check are dropped before any test runs, and a rerun tests only the mutants whose code or tests
// changed (the incremental file).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Not `related`: per-test coverage already names the tests of each mutant, and working out related files walks
  // every test file's imports again on each run.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  coverageAnalysis: 'perTest',
  // Mutants in module-level code would rerun every test file each; the functions they set up are mutated anyway.
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  mutate: ['db/criteria/*.ts', 'db/import/*.ts', 'db/snapshots.ts', 'db/restore.ts', 'db/lock.ts'],
  ignorePatterns: ['bench/.data', 'bench/scratch', 'out', 'e2e/artifacts', 'docs', '*.sqlite'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  thresholds: { high: 80, low: 60, break: null },
};
