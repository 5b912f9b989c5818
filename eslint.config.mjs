// ESLint flat config. The rule set is small on purpose, every rule is an error, and the import
// rules below are the architecture written down (docs/architecture.md):
//   entry points (app/, cli/, components/ for the UI) stand above lib/, never the other way round;
//   the pure cores compute and do no IO, so the browser and the server run the same code;
//   no import cycle anywhere.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Every rule a preset turns on as a warning is an error here: a warning nobody must fix is noise. */
const asErrors = (rules) =>
  Object.fromEntries(
    Object.entries(rules).map(([name, level]) => [
      name,
      level === 'warn' || level === 1 ? 'error' : level,
    ]),
  );

/** The pure cores: data in, data out; the browser imports them too. */
const PURE_CORES = [
  'lib/answers',
  'lib/values',
  'lib/status',
  'lib/pem',
  'lib/images',
  'lib/upgrade',
  'lib/gitops',
];

/** Node modules that reach outside the process (files, network, processes, the host). */
const NODE_IO = [
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'tls',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'dns/promises',
  'os',
  'process',
  'worker_threads',
  'cluster',
  'readline',
  'inspector',
  'v8',
  'vm',
];
const nodeIo = NODE_IO.flatMap((m) => [m, `node:${m}`]);

const UI_FILES = ['app/**/*.ts', 'app/**/*.tsx', 'components/**/*.ts', 'components/**/*.tsx'];

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/__fixtures__/**', 'e2e/**', 'test/**'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.cluster/**',
      'test-results/**',
      'reports/**',
      '.stryker-tmp*/**',
      'chart/**',
      'chart-3.50/**',
      'deploy/helm/**',
      'next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { 'import-x': importX, '@next/next': nextPlugin },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      ...asErrors(nextPlugin.configs['core-web-vitals'].rules),
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/\\.\\.\\/shared\\//]',
          message: 'Cite docs/, never ../shared: it is not part of the project.',
        },
      ],
    },
  },
  // React lives in the UI (components/) and its pages (app/) only. Elsewhere the hooks rules read
  // other things as hooks: Playwright's fixture callback `use` in e2e/ is no React hook.
  {
    files: UI_FILES,
    plugins: { 'react-hooks': reactHooks },
    rules: asErrors(reactHooks.configs['recommended-latest'].rules),
  },
  // lib/ is the library: it never imports an entry point or the UI above it.
  {
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './lib',
              from: ['./app', './components', './cli'],
              message:
                'lib/ stands below app/, components/ and cli/: move the shared piece into lib/.',
            },
          ],
        },
      ],
    },
  },
  // The pure cores import no Node IO, nothing server-only, no IO library and no IO room of lib/.
  {
    files: PURE_CORES.map((d) => `${d}/**/*.ts`),
    // lib/pem/inspect.ts is that room's adapter: node:crypto's X509Certificate, on the server only.
    ignores: [...TEST_FILES, 'lib/pem/inspect.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'server-only', message: 'A pure core runs in the browser too.' },
            ...['@kubernetes/client-node', 'mysql2', 'mysql2/promise', 'amqplib'].map((name) => ({
              name,
              message: 'A pure core does no IO: take the data as an argument.',
            })),
            ...nodeIo.map((name) => ({
              name,
              message: 'A pure core does no IO: take the data (or a function) as an argument.',
            })),
          ],
        },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: PURE_CORES.map((d) => `./${d}`),
              from: [
                './app',
                './components',
                './cli',
                './lib/cluster',
                './lib/helm',
                './lib/install',
                './lib/preflight',
                './lib/support',
                './lib/http',
              ],
              message: 'A pure core imports only other pure code.',
            },
          ],
        },
      ],
    },
  },
  // Long functions hide more than one idea: split them (issue 24; STYLE: under ~40 lines).
  {
    files: ['lib/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
