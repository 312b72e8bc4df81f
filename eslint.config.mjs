// Lint rules: typescript-eslint's recommended set with type information, on every source folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders of the domain: plain typed data in and out (see the house style's dependency direction). */
const domainFolders = ['accounts', 'analytics', 'knowledge', 'handoff', 'offers', 'customers', 'privacy', 'flows', 'publishing', 'locale', 'samples', 'messages'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'web/assets/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The domain takes and returns plain data (house style): no botbuilder, and nothing from the layers
    // above it, which would bring botbuilder in with them. That keeps it testable without a TurnContext
    // and portable to the Microsoft 365 Agents SDK.
    files: [`{${domainFolders.join(',')}}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder', 'botbuilder/**', 'botbuilder-*', 'botbuilder-*/**', 'botframework-*', 'botframework-*/**'],
              message: 'Domain folders do not import botbuilder: take and return plain data, and let dialogs/, bots/ or adapters/ speak Bot Framework.',
            },
            {
              regex: '^(?:\\.\\.?/)+(?:adapters|bots|dialogs|app)(?:/|$)|^(?:\\.\\.?/)+index$',
              message: 'Domain folders do not import the layers above them (adapters/, bots/, dialogs/, app/, index.ts): arrows point down.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', 'no-console': 'off' },
  },
  {
    files: ['web/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', fetch: 'readonly', localStorage: 'readonly', URLSearchParams: 'readonly', setTimeout: 'readonly', console: 'readonly' } },
  },
);
