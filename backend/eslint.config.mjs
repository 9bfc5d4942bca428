import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const focusedOrSkipped = ['it', 'test', 'describe'].flatMap((object) =>
  ['only', 'skip', 'todo'].map((property) => ({
    object,
    property,
    message: 'Focused, skipped and todo tests are defects here.',
  })),
);

/**
 * Each module's tables are named in its own folder only (and in migrations): other modules read
 * and change them through the owner's services (activity: ActivityReadModel, ActivityErasure,
 * ActivityRetention). A string or template naming such a table anywhere else fails the lint.
 */
const OWNED_TABLES = [{ owner: 'src/modules/activity', table: 'activity_[a-z_]+' }];

export const tableOwnership = OWNED_TABLES.map(({ owner, table }) => {
  const message = `Only ${owner} names its tables (${table}): use its services instead.`;
  return {
    name: `table-ownership/${owner}`,
    files: ['src/**/*.ts'],
    ignores: [`${owner}/**`, 'src/database/migrations/**'],
    // The rule needs no types: its own parser lets src/tools/table-ownership.spec.ts run it alone.
    languageOptions: { parser: tseslint.parser },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=/\\b${table}/]`, message },
        { selector: `TemplateElement[value.raw=/\\b${table}/]`, message },
      ],
    },
  };
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'bench/**',
      '*.config.mjs',
      'test/*.mjs',
      '.dependency-cruiser.cjs',
    ],
  },
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
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-restricted-properties': ['error', ...focusedOrSkipped],
      // Deep relative chains hide where a file lives: reach across folders with #src/… or #test/…
      // (the package's subpath imports, package.json "imports").
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./){2,}',
              message: 'Import across folders with #src/… or #test/… instead of ../../ chains.',
            },
          ],
        },
      ],
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
    files: ['src/database/migrations/**'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
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
  ...tableOwnership,
);
