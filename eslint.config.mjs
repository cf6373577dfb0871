// Lint: typescript-eslint's recommended rules, plus the architecture's one hard
// rule: the engine imports nothing from Office.js, React, Node or ExcelJS.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'dist-web/', 'out/', 'node_modules/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.js', '*.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fs', 'path', 'os', 'node:*', 'child_process'], message: 'The engine is pure: no Node imports.' },
            {
              group: ['exceljs', 'react', 'react-dom', '@fluentui/*', 'office-*', '@microsoft/*'],
              message: 'The engine is host-free.',
            },
            {
              group: ['../hosts/*', '../cli/*', '../taskpane/*', '../commands/*'],
              message: 'The engine depends on nothing above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'process', 'require'],
    },
  },
  {
    // The package reader and writer also run in the task pane: only files.ts touches Node.
    files: ['src/hosts/xlsx/**/*.ts'],
    ignores: ['src/hosts/xlsx/files.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['fs', 'path', 'os', 'node:*', 'child_process', 'util', 'zlib', 'buffer'],
              message: 'Node-only: keep it in files.ts.',
            },
            { group: ['exceljs'], message: "ExcelJS never writes a user's file." },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer'],
    },
  },
);
