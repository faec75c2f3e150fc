import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'var/**',
      'apps/web/dist/**',
      'test-artifacts/**',
      'coverage/**',
      // Written by `npm run openapi`; a unit spec fails when it is stale.
      'apps/web/src/api/schema.d.ts',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Prettier does all the formatting; this plugin is here only for the hard line-length limit that Prettier
    // cannot enforce (it never breaks strings, template literals or comments).
    plugins: { '@stylistic': stylistic },
    rules: { '@stylistic/max-len': ['error', { code: 160, tabWidth: 2 }] },
  },
  {
    // The web app knows the API only through its OpenAPI document (src/api/schema.d.ts); of the server's libraries it
    // may import only the pure domain code.
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@app/*', '!@app/domain', '!@app/domain/*', '**/libs/*', '!**/libs/domain', '!**/libs/domain/*'],
              message:
                'The web app may import only @app/domain of the server libraries; take API shapes from src/api/types.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', 'config/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
