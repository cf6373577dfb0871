/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/tests'],
  transform: { '^.+\\.tsx?$': 'ts-jest' },
  setupFiles: ['<rootDir>/tests/setup-text-encoding.ts'],
  // Browser tests need Chromium and a built task pane: `npm run test:e2e`. Fixtures are
  // modules tests import (tests/fixtures), never tests themselves, whatever their names.
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/', '/tests/fixtures/'],
};
