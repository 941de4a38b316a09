// `npm run lint` (part of `npm test`). Few rules, each for a mistake that has cost this project or would:
// - a promise nobody awaits or catches (a rejection that is lost, work that outlives its request);
// - a promise where a plain value is expected (an async callback to forEach, an async condition);
// - React hooks called conditionally, and effects missing what they read;
// - one server module reaching into another's files instead of through its public face (index.ts, or
//   plain.ts for what needs no database and is loaded by worker threads too);
// - a second database handle inside a transaction: transactions are opened with inTransaction only,
//   whose callback takes the transaction's context or handle under the caller's name (ctx or db), so
//   that the caller's own cannot be reached inside it;
// - a route that queries the database itself instead of through its module's service, and a service that
//   does instead of through its module's repository;
// - a web component fetching or caching data itself instead of through its feature's data layer
//   (api.ts for the calls, queries.ts for the cached reads, the mutations and what each refreshes).
// Formatting is Prettier's (`npm run format`), not ESLint's.
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const moduleFaces = ['index.ts', 'plain.ts'];

const oneTransactionHandle = [
  {
    selector: "CallExpression[callee.property.name='transaction'][arguments.length=0]",
    message: 'Open a transaction with inTransaction(ctx, async (ctx) => …) or inTransaction(db, async (db) => …).',
  },
  {
    selector: "CallExpression[callee.name='inTransaction'] > :function > Identifier.params:not([name=/^(ctx|db)$/])",
    message: "Name the transaction's context ctx (or its handle db), so that the caller's cannot be reached inside.",
  },
];

const queryBuilders =
  'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]';

const routesLeaveTheDatabaseAlone = [
  {
    selector: `${queryBuilders}, CallExpression[callee.name='inTransaction']`,
    message: 'Routes do not touch the database: call the module service, which owns the queries and transactions.',
  },
];

const queriesLiveInRepositories = [
  {
    selector: queryBuilders,
    message:
      "Queries live in the module's repository (*.repository.ts); the service calls it with the handle it holds.",
  },
];

const apiClientOnlyInApiFiles = {
  regex: '(^|/)(app/api|portal-api)$',
  importNames: ['api', 'portalApi'],
  message: "Call the API from the feature's api.ts, and read or change data through its queries.ts hooks.",
};

const queryHooksOnlyInQueryFiles = {
  name: '@tanstack/react-query',
  importNames: ['useQuery', 'useQueries', 'useInfiniteQuery', 'useMutation', 'useQueryClient'],
  message: "Use the hooks of the feature's queries.ts: they hold the query keys and what each change refreshes.",
};

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
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/*.test.ts', 'server/src/platform/context.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...oneTransactionHandle],
    },
  },
  {
    files: ['server/src/modules/*/*.ts'],
    ignores: [
      'server/src/modules/*/*.test.ts',
      'server/src/modules/*/*.repository.ts',
      'server/src/modules/*/*.seed.ts',
      'server/src/modules/*/*.routes.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', ...oneTransactionHandle, ...queriesLiveInRepositories] },
  },
  {
    files: ['server/src/modules/*/*.routes.ts'],
    rules: { 'no-restricted-syntax': ['error', ...oneTransactionHandle, ...routesLeaveTheDatabaseAlone] },
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
  {
    files: ['web/src/**/*.tsx'],
    ignores: ['web/src/app/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [queryHooksOnlyInQueryFiles], patterns: [apiClientOnlyInApiFiles] }],
    },
  },
  {
    files: ['web/src/**/*.ts'],
    ignores: ['web/src/app/**', 'web/src/**/api.ts', 'web/src/features/portal/portal-api.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [apiClientOnlyInApiFiles] }] },
  },
);
