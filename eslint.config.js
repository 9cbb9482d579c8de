// Lint rules that carry the architecture: workflow code stays deterministic and no promise floats.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'generated/**', 'coverage/**', '.data/**', 'web/dist/**', 'web/src/generated/**', 'test-results/**', '*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // web/src/**/*.tsx: the console, typed by web/tsconfig.json (the project service finds it).
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['domain/**/*.ts', 'workflows/**/*.ts', 'activities/**/*.ts', 'api/**/*.ts', 'infra/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O, no config, activities by type only.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code may not use Node built-ins.' })),
          patterns: [
            { group: ['@prisma/*', '**/generated/**', 'pg', '@electric-sql/*'], message: 'Workflow code may not touch the database.' },
            { group: ['**/infra', '**/infra/**', '**/api/*', '**/api/**'], message: 'Workflow code gets configuration and infrastructure only through its arguments and activities.' },
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'], message: 'Workflows import only @temporalio/workflow.' },
            { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Import activities by `import type` only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'No process in workflows.' }],
    },
  },
  {
    // The domain is pure rules and types: no I/O, no framework, no other layer.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The domain is pure: no Node built-ins.' })),
          patterns: [
            { group: ['**/activities', '**/activities/**', '**/infra', '**/infra/**', '**/api', '**/api/**', '**/workflows', '**/workflows/**'], message: 'The domain depends on no other layer.' },
            { group: ['@prisma/*', '**/generated/**', 'pg', '@electric-sql/*', '@temporalio/*', 'fastify', '@fastify/*'], message: 'The domain is pure: no database, Temporal or HTTP.' },
          ],
        },
      ],
    },
  },
  {
    // Infrastructure (database, Temporal connection, configuration) serves the layers above it.
    files: ['infra/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/api', '**/api/**', '**/activities', '**/activities/**'], message: 'Infrastructure does not depend on the API or the activities.' },
            { group: ['**/workflows/*/**', '**/workflows/sla', '**/workflows/case'], allowTypeImports: true, message: 'Infrastructure reads workflow ids and search attributes only (types otherwise).' },
          ],
        },
      ],
    },
  },
  {
    // The API talks to cases through Temporal and the read model, never by running activities.
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/activities', '**/activities/**'], message: 'The API does not call activities; shared rules live in domain/, data access in infra/.' },
            { group: ['@temporalio/worker', '@temporalio/testing'], message: 'The API is a Temporal client, not a worker.' },
          ],
        },
      ],
    },
  },
  {
    // Activities are side effects the worker runs: they never reach into the HTTP layer.
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/api', '**/api/**'], message: 'Activities do not depend on the API.' }] },
      ],
    },
  },
  {
    // Nothing outside the config module reads the environment.
    files: ['domain/**/*.ts', 'workflows/**/*.ts', 'activities/**/*.ts', 'api/**/*.ts', 'infra/**/*.ts', 'worker.ts'],
    ignores: ['infra/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through infra/config.ts.' }],
    },
  },
);
