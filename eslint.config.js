// @ts-check
// ESLint: rules that catch real bugs here (promises nobody awaits, code nobody uses, switches that miss
// a case), type-aware through the TypeScript project. Layout and quotes are Prettier's job
// (eslint-config-prettier turns off every rule that would argue with it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'data/', '.test-artifacts/', 'bench/results/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A switch over a union names every member, or says with `default` what the rest do.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Off: an `async` function without `await` is how Fastify plugins, store methods and test helpers
      // satisfy a Promise-returning contract here; the rule would flag ~120 correct functions.
      '@typescript-eslint/require-await': 'off',
      // Off: Lit binds `@click=${this._handler}` to the element, so passing methods unbound is the
      // pattern of every page (~60 false reports).
      '@typescript-eslint/unbound-method': 'off',
      // FormData text fields are strings; the `File` half of FormDataEntryValue comes only from
      // <input type=file>, which no form that is stringified here has.
      '@typescript-eslint/no-base-to-string': ['error', { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'File'] }],
    },
  },
  {
    // Tests and benchmarks read JSON answers (`await res.json()`, Socket.IO payloads) as `any` on
    // purpose and assert on them; typing every answer would add casts, not checks. Production code
    // keeps these rules.
    files: ['tests/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Plain JavaScript (boot files of worker threads, build and test scripts, this file): no types to check.
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
