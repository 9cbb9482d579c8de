// Lint rules that carry the architecture: workflow code stays deterministic and no promise floats.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'generated/**', 'coverage/**', '.data/**', '*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['domain/**/*.ts', 'workflows/**/*.ts', 'activities/**/*.ts', 'api/**/*.ts'],
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
            { group: ['**/activities/infra/*', '**/api/*', '**/api/**'], message: 'Workflow code gets configuration only through its arguments.' },
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'], message: 'Workflows import only @temporalio/workflow.' },
            { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Import activities by `import type` only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'No process in workflows.' }],
    },
  },
  {
    // Nothing outside the config module reads the environment.
    files: ['domain/**/*.ts', 'workflows/**/*.ts', 'activities/**/*.ts', 'api/**/*.ts', 'worker.ts'],
    ignores: ['activities/infra/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through activities/infra/config.ts.' }],
    },
  },
);
