// Lint rules that keep the house in order. The important one: workflow code must stay
// deterministic, so it may not import I/O libraries, Node built-ins or non-workflow layers.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const forbiddenInWorkflows = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  'axios', 'knex', 'soap', 'mssql', 'openai', 'pg', 'mysql2', 'better-sqlite3', 'express',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.tools/**', '.data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests edit the config as the untyped YAML document a person writes.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: forbiddenInWorkflows.map((name) => ({ name, message: 'Workflow code must be deterministic: do I/O in an activity.', allowTypeImports: true })),
        patterns: [{
          group: ['**/connectors/**', '**/api/**', '**/activities/**', '**/workers/**'],
          message: 'Workflows may only import types from other layers.',
          allowTypeImports: true,
        }],
      }],
    },
  },
);
