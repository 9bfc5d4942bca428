import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const focusedOrSkipped = ['it', 'test', 'describe'].flatMap((object) =>
  ['only', 'skip', 'todo'].map((property) => ({
    object,
    property,
    message: 'Focused, skipped and todo tests are defects here.',
  })),
);

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': ['error', ...focusedOrSkipped],
      'no-restricted-globals': [
        'error',
        ...['fit', 'fdescribe', 'xit', 'xdescribe', 'xtest'].map((name) => ({
          name,
          message: 'Focused and skipped tests are defects here.',
        })),
      ],
    },
  },
  {
    // The core runs and is tested without Electron; only main/ and preload/ adapt it.
    files: ['src/core/**', 'src/cli/**', 'src/shared/**', 'src/renderer/**', 'test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The core and its tests never import Electron.' }],
          patterns: [
            {
              group: ['**/main/*', '**/preload/*'],
              message: 'The core does not depend on the Electron shell.',
            },
          ],
        },
      ],
    },
  },
  {
    // The shell's own test imports main/ (Electron is mapped to a stub by jest.config.mjs).
    files: ['test/shell.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Test assertions read untyped JSON bodies; that is what they check.
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
