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
export default {
  // Per-project testTimeout is ignored by Jest 30; browser tests set their own.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      cacheDirectory: '<rootDir>/../node_modules/.cache/jest-unit',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['\\.e2e\\.test\\.ts$'],
      globalSetup: '<rootDir>/src/support/globalSetup.ts',
      globalTeardown: '<rootDir>/src/support/globalTeardown.ts',
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
