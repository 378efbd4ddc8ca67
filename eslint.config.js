import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'e2e/artifacts/**', 'coverage/**', 'bench/scratch/**', 'bench/.data/**', '.stryker-tmp/**', 'reports/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS configuration files (electron-builder's).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The layers import only downward: the UI sees the contract's types and nothing else outside itself.
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/db/**', '!**/db/contract'], message: 'renderer/ may import only the contract (types).' },
            { group: ['**/db/contract'], allowTypeImports: true, message: 'renderer/ may import only types from the contract.' },
            { group: ['**/electron/**', 'electron', 'better-sqlite3', 'node:*'], message: 'renderer/ runs in the page: no Node or Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts', 'bin/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'db/ and the CLI run in plain Node.' }] }] },
  },
  {
    // exceljs's streaming reader corrupts Chinese text unless its decoder is replaced first (db/exceljs.ts).
    files: ['db/**/*.ts', 'bin/**/*.ts', 'electron/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'],
    ignores: ['db/exceljs.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'exceljs', allowTypeImports: true, message: 'Take exceljs from db/exceljs (it fixes the streaming reader).' }] }],
    },
  },
);
