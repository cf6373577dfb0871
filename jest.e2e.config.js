/** @type {import('jest').Config} End-to-end tests in headless Chromium (see tests/e2e). */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  transform: { '^.+\\.tsx?$': 'ts-jest' },
  testTimeout: 60_000,
};
