// Lint: typescript-eslint's recommended rules, plus the architecture's rules
// (ARCHITECTURE.md): the engine imports nothing from Office.js, React, Node or
// ExcelJS; the pane's components receive data and actions as props and touch
// no Office.js or host; src/ ships no test code; tests/ and scripts/ do not import
// each other. Promises are awaited or explicitly let go (type-aware).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const restrict = (...patterns) => ['error', { patterns }];
/** no-restricted-imports sees static imports only: the same folders, for import() and require(). */
const noDynamic = (folder, message) => [
  'error',
  { selector: `ImportExpression[source.value=/(^|\\/)${folder}\\//]`, message },
  { selector: `CallExpression[callee.name='require'][arguments.0.value=/(^|\\/)${folder}\\//]`, message },
];
const NODE = ['fs', 'path', 'os', 'node:*', 'child_process'];
/** What ships (src/, its tests aside) is built from src/ alone. */
const NOT_SHIPPED = { group: ['**/tests/**', '**/scripts/**'], message: 'src/ ships no test or script code.' };
const ENGINE = [
  { group: NODE, message: 'The engine is pure: no Node imports.' },
  {
    group: ['exceljs', 'react', 'react-dom', '@fluentui/*', 'office-*', '@microsoft/*'],
    message: 'The engine is host-free.',
  },
  {
    group: ['**/hosts/**', '**/cli/**', '**/taskpane/**', '**/commands/**', '**/addin/**'],
    message: 'The engine depends on nothing above it.',
  },
];
const XLSX = [
  { group: [...NODE, 'util', 'zlib', 'buffer'], message: 'Node-only: keep it in files.ts.' },
  { group: ['exceljs'], message: "ExcelJS never writes a user's file." },
];
const COMPONENTS = {
  group: ['**/hosts/**', '**/commands/**', 'office-*', '@microsoft/*'],
  message: 'A component gets data and actions as props; the host is wired in src/taskpane/index.tsx.',
};

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
    // Type-aware: a promise nobody awaits loses its errors. Await it, or `void` it with a comment saying why.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  // Import rules: later entries replace earlier ones for the files they match, so each repeats what still applies.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': restrict(NOT_SHIPPED),
      'no-restricted-syntax': noDynamic('(tests|scripts)', NOT_SHIPPED.message),
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(...ENGINE, NOT_SHIPPED),
      'no-restricted-globals': ['error', 'Office', 'Excel', 'process', 'require'],
    },
  },
  {
    // The engine's tests build their workbooks with tests/fixtures.
    files: ['src/engine/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(...ENGINE) },
  },
  {
    // The package reader and writer also run in the task pane: only files.ts touches Node.
    files: ['src/hosts/xlsx/**/*.ts'],
    ignores: ['src/hosts/xlsx/files.ts'],
    rules: {
      'no-restricted-imports': restrict(...XLSX, NOT_SHIPPED),
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer'],
    },
  },
  {
    // Components receive data and actions as props: no Office.js, no host, no ribbon commands.
    files: ['src/taskpane/components/**/*.ts', 'src/taskpane/components/**/*.tsx'],
    ignores: ['src/taskpane/components/AccordionPanel.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [COMPONENTS, NOT_SHIPPED],
          paths: [
            {
              name: '@fluentui/react-components',
              importNames: ['AccordionPanel'],
              message: "Use ./AccordionPanel: Fluent's own sets a boolean inert that React 18 drops with an error.",
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'OfficeExtension', 'OfficeRuntime'],
    },
  },
  {
    // Test data lives in tests/fixtures; scripts/ are tools over src/ (ARCHITECTURE.md, "Test data").
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['**/scripts/**'],
        message: 'Tests take their data from tests/fixtures, not scripts/.',
      }),
      'no-restricted-syntax': noDynamic('scripts', 'Tests take their data from tests/fixtures, not scripts/.'),
    },
  },
  {
    files: ['scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['**/tests/**'],
        message: 'scripts/ import src/ only; test data lives in tests/fixtures.',
      }),
      'no-restricted-syntax': noDynamic('tests', 'scripts/ import src/ only; test data lives in tests/fixtures.'),
    },
  },
);
