import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', '**/.tsbuild/', 'packages/db/src/generated/', '.gatehouse/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through apps/server/src/config/ (its schema lists every variable).',
        },
      ],
    },
  },
  {
    // The configuration module and build tooling are the only readers of the environment.
    files: [
      'apps/server/src/config/**',
      'scripts/**',
      '**/test/**',
      'packages/*/src/testing/**',
      '**/*.test.ts',
      'prisma.config.ts',
      'e2e/**',
      'vitest.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}', 'apps/web/test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'fastify*',
            '@fastify/*',
            '@prisma/*',
            'pg',
            '@aws-sdk/*',
            '@gatehouse/db',
            '@gatehouse/aws',
            'typebox*',
          ],
          paths: [
            {
              name: '@gatehouse/contracts',
              message:
                'Core takes only the dependency-free lists of contracts, e.g. @gatehouse/contracts/credential-formats.',
            },
          ],
        },
      ],
    },
  },
  {
    // Routes see services only: no repository, pool or database below them.
    files: ['apps/server/src/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@gatehouse/db', '@gatehouse/db/*'],
              message: 'Routes see services only (context.ts).',
            },
            {
              group: ['@gatehouse/aws', '@gatehouse/aws/*'],
              message: 'Routes see services only (context.ts).',
            },
            { group: ['pg', '@prisma/*'], message: 'Routes see services only (context.ts).' },
            {
              group: ['../context', '../../context'],
              importNames: ['createAppContext'],
              message: 'Routes are given their services.',
            },
          ],
        },
      ],
    },
  },
);
