// Two projects: component tests in jsdom, and node-side checks (API drift, end-to-end in Chromium).
const { createCjsPreset } = require('jest-preset-angular/presets');

const preset = createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' });
const moduleNameMapper = { '^@app/(.*)$': '<rootDir>/src/app/$1' };

module.exports = {
  projects: [
    {
      ...preset,
      displayName: 'components',
      testTimeout: 20_000,
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/src/testing/setup-jest.ts'],
      moduleNameMapper,
    },
    {
      ...preset,
      displayName: 'node',
      testTimeout: 180_000,
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tools/**/*.spec.ts', '<rootDir>/e2e/**/*.e2e-spec.ts'],
      moduleNameMapper,
    },
  ],
};
