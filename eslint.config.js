// One lint config for the monorepo: typescript-eslint's recommended rules with type information
// for TypeScript sources, plain recommended rules for the JavaScript scripts and benches.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'packages/cli/bundle/**',
      'packages/cli/bundle-readable/**',
      'packages/server/dashboard/**',
      '.runtimes/**',
      'coverage/**',
      'test-output/**',
      'python/**',
      '**/.venv/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/sdk/src/**/*.ts'],
    rules: {
      // The SDK core must bundle for a browser with no polyfills.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'The SDK core uses web-standard APIs only.' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'Use Uint8Array: the SDK core runs in browsers.' },
        { name: 'process', message: 'The SDK core must not depend on Node globals.' },
      ],
    },
  },
  {
    // The SDK's public entry points (package.json "exports") name every export, so what the package
    // offers is reviewed, and changed, in one list per entry.
    files: [
      'packages/sdk/src/index.ts',
      'packages/sdk/src/hazmat.ts',
      'packages/sdk/src/worker.ts',
      'packages/sdk/src/storage/node/index.ts',
      'packages/sdk/src/workers/node/index.ts',
      'packages/sdk/src/middleware/fastify.ts',
      'packages/sdk/src/middleware/express.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'Name each public export: no `export *` in an entry point.',
        },
      ],
    },
  },
  {
    // Fastify route plugins are async by contract (app.register awaits them), with or without an
    // await inside.
    files: ['packages/server/src/http/routes/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // Node adapters (the key-file store, the worker_threads worker, node:crypto Ed25519 and
    // Content-Digest hashing) are where the SDK may use node:*.
    files: [
      'packages/sdk/src/storage/node/**/*.ts',
      'packages/sdk/src/workers/node/**/*.ts',
      'packages/sdk/src/signatures/node/**/*.ts',
      'packages/sdk/src/http-signatures/node/**/*.ts',
    ],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        crypto: 'readonly',
        TextEncoder: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        fetch: 'readonly',
        Request: 'readonly',
      },
    },
  },
  {
    // The API document's snippets, kept verbatim so the tests run them as written.
    files: ['**/test/**/document/**/*.js', '**/test/**/document/**/*.mjs'],
    languageOptions: { globals: { window: 'readonly', localStorage: 'readonly' } },
    rules: { 'no-unused-vars': 'off' },
  },
  {
    // The CLI launcher is CommonJS (packages/cli/bin/package.json): it starts faster.
    files: ['packages/cli/bin/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly' },
    },
  },
);
