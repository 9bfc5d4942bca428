// One config, three kinds of test selected by TEST_KIND: unit, integration (TEST_DB=sqlite|mysql), e2e.
const kind = process.env.TEST_KIND ?? 'unit';
const db = process.env.TEST_DB ?? 'sqlite';

const patterns = {
  unit: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
  integration: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  e2e: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  deploy: ['<rootDir>/test/deploy/**/*.deploy-spec.ts'],
};

/** @type {import('jest').Config} */
export default {
  displayName:
    kind === 'integration' ? `integration (${db === 'mysql' ? 'mariadb' : 'sqlite'})` : kind,
  testEnvironment: 'node',
  testMatch: patterns[kind],
  // Suites that start MariaDB servers of their own (a primary and its replica) are MariaDB's alone.
  testPathIgnorePatterns:
    kind === 'integration' && db !== 'mysql'
      ? ['/node_modules/', '<rootDir>/test/integration/replication/']
      : ['/node_modules/'],
  extensionsToTreatAsEsm: ['.ts'],
  // #src/… and #test/… are the package's subpath imports (package.json "imports"); tests run the sources.
  moduleNameMapper: {
    '^#src/(.*)\\.js$': '<rootDir>/src/$1',
    '^#test/(.*)\\.js$': '<rootDir>/test/$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/stuck-file-guard.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: kind === 'unit' ? 10_000 : 60_000,
  maxWorkers: kind === 'unit' ? '50%' : 2,
};
