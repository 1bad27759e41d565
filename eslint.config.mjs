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
    // The ground floor does not reach up: common/ imports no other folder, and a connector knows
    // only its wire format and common/ (never a workflow, an activity, the API or the intake core).
    files: ['common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/workflows', '**/workflows/**', '**/connectors/**', '**/activities/**', '**/api/**', '**/workers/**', '**/intake/**', '**/sandbox/**'], message: 'common/ is the ground floor: it imports no other folder (move the shared piece down into common/).' }],
      }],
    },
  },
  {
    files: ['connectors/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/workflows', '**/workflows/**', '**/activities/**', '**/api/**', '**/workers/**', '**/intake/**', '**/sandbox/**'], message: 'A connector imports only common/ and its own folder (shared types belong in common/).' }],
      }],
    },
  },
  {
    // A simulator stands for the partner: written from its spec, never sharing the connector's code.
    files: ['sandbox/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/connectors/**', '**/intake/**', '**/activities/**', '**/workflows', '**/workflows/**', '**/api/**', '**/workers/**'], message: 'A simulator is written from the partner spec alone and never imports the hub code that talks to it.' }],
      }],
    },
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
