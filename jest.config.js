/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // ignoreDynamic: `import()` stays an import (not a require), so ESM-only packages (file-type)
    // load as they do in the built code (node --experimental-vm-modules, the `jest` script).
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs', ignoreDynamic: true } }],
  },
  // The generated Prisma client imports its siblings as './x.js' (ESM style) from .ts sources.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Temporal servers and databases start per file; give them room on a 2-core machine.
  testTimeout: 60_000,
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
};
