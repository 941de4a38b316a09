// `npm run lint` (part of `npm test`). Few rules, each for a mistake that has cost this project or would:
// - a promise nobody awaits or catches (a rejection that is lost, work that outlives its request);
// - a promise where a plain value is expected (an async callback to forEach, an async condition);
// - React hooks called conditionally, and effects missing what they read;
// - one server module reaching into another's files instead of through its public face (index.ts, or
//   plain.ts for what needs no database and is loaded by worker threads too).
// Formatting is Prettier's (`npm run format`), not ESLint's.
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const moduleFaces = ['index.ts', 'plain.ts'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'bench/out/**', 'e2e/artifacts/**', 'scripts/**/*.d.mts'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // JSX handlers (onClick={async () => …}) are left to the components' own error handling: React
      // ignores what a handler returns, and each of them reports its failure to the user itself.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['web/src/**/*.tsx', 'web/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // A module's files import another module only through its faces.
    files: ['server/src/modules/*/*.ts'],
    ignores: ['server/src/modules/*/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // "../other-module/anything.ts" except its faces; "../../platform/…" and the like are not modules.
              regex: `^\\.\\./[^./][^/]*/(?!(${moduleFaces.map((face) => face.replace('.', '\\.')).join('|')})$)`,
              message: `Import another module through its public face (${moduleFaces.join(' or ')}), not its files.`,
            },
          ],
        },
      ],
    },
  },
);
