// Native-ESM Jest (stack.md G30): the unified/micromark packages are ESM-only.
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2023' }, module: { type: 'es6' } },
];
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' }, // NodeNext './x.js' -> './x.ts'
  testEnvironmentOptions: { customExportConditions: ['@lockstep/source', 'node', 'node-addons'] },
};
// The database tests open copies of one migrated PGlite directory (globalSetup.ts, testDb.ts).
const withDb = {
  globalSetup: '<rootDir>/src/support/globalSetup.ts',
  globalTeardown: '<rootDir>/src/support/globalTeardown.ts',
  // LOCKSTEP_TEST_CPU=<file>: each test file's CPU and wall time appended as a JSON line.
  setupFilesAfterEnv: ['<rootDir>/src/support/cpuPerFile.ts'],
};
// Lanes (README "Test lanes"): `unit` is `npm test`, every correctness test; `slow` is
// `npm run test:slow`: SIGKILL/fault and load tests (*.slow.test.ts) and wall-clock
// performance tests (*.perf.test.ts); `e2e` is the browser tests.
const SLOW = ['\\.slow\\.test\\.ts$', '\\.perf\\.test\\.ts$'];
export default {
  // Per-project testTimeout is ignored by Jest 30; browser tests set their own.
  testTimeout: 60_000,
  // Jest's default is one worker less than the cores: on a 2-core machine one, file after file.
  // Three on two cores: a file waiting on a child process, a timer or a parse thread leaves its
  // core to another. Session 9, same loaded machine, back to back: 806 s with two workers, 698 s
  // with three (README "Test lanes"). The slow lane runs in band (tests/package.json) so that
  // its timings are its own.
  maxWorkers: 3,
  projects: [
    {
      ...common,
      ...withDb,
      displayName: 'unit',
      cacheDirectory: '<rootDir>/../node_modules/.cache/jest-unit',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['\\.e2e\\.test\\.ts$', ...SLOW],
    },
    {
      ...common,
      ...withDb,
      displayName: 'slow',
      cacheDirectory: '<rootDir>/../node_modules/.cache/jest-slow',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.slow.test.ts', '**/*.perf.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      cacheDirectory: '<rootDir>/../node_modules/.cache/jest-e2e',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.e2e.test.ts'],
    },
  ],
};
