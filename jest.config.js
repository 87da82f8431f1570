/** Unit specs sit beside the code (src/ and web/src/, *.spec.ts); end-to-end specs in test/e2e; browser specs (Playwright) in test/browser. */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/web/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  // Two cores: one worker per core; every e2e file has its own database, so files run in parallel.
  maxWorkers: 2,
  testTimeout: 30000,
};
