// ESLint: typescript-eslint's recommended rules with type information (docs/architecture.md, "Tools").
// Every TypeScript file is checked against the tsconfig that includes it (tsconfig.json for src/,
// test/, bench/ and prisma/; web/tsconfig.json for the plan board's page).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'src/generated/', 'coverage/', 'test-results/', 'bench/out/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a binding kept on purpose (a positional parameter, a field dropped by a rest
      // pattern).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Off: it fires on String(x) where x is `unknown` after the caller has already turned objects
      // into JSON (history values, form answers, spreadsheet cells); ~40 places, none printed
      // "[object Object]".
      '@typescript-eslint/no-base-to-string': 'off',
      // Off: an `async` function without `await` keeps the contract of the interface it implements
      // (a repository, a form hook, a CLI command returns a promise); harmless.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // The fake Bot API's simulated users (user.send, user.command, user.press) return the update
      // they queued, synchronously; tests and benchmarks await every step the same way so that a step
      // can become async without touching them.
      '@typescript-eslint/await-thenable': 'off',
      // Tests swap a repository's function for a failing one and put it back; repositories are
      // closures (createXRepo), they never use `this`.
      '@typescript-eslint/unbound-method': 'off',
      // vitest's asymmetric matchers (expect.any, expect.stringContaining) and mock results are typed
      // `any`; assertions are where they belong.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `string | 'skip'`: the literal documents the answer a step treats specially.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
    },
  },
  {
    // Plain JavaScript (this file, bench's bare bot) is outside every tsconfig: no type information.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
);
