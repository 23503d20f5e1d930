// The repository's lint (`npm run lint`, part of `npm test`): typescript-eslint's recommended rules on every
// workspace's TypeScript, React's rules of hooks on the islands and the admin panel, and the Astro plugin's
// recommended rules on the site's templates. Formatting is left to the editor.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import astro from 'eslint-plugin-astro';

export default tseslint.config(
  // A disable comment that no longer silences anything is an error.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    // What builds, tests and `npm start` write inside the tree (some while the lint runs: site/dist.next/).
    ignores: ['**/node_modules/', '**/dist/', '**/dist.*/', '**/.types-check-*/', '**/.data/', '**/.tmp/', 'test/screenshots/', '**/.astro/', '**/.cache/', '**/.strapi/', '**/build/', 'cms/types/generated/', 'bench/results/', 'test/scratch/', '**/*.d.ts', 'cms/database/', 'cms/public/', 'site/public/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    files: ['**/*.tsx', 'site/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    rules: {
      // `_name` marks a parameter a signature requires and the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Matching control characters is how the form validation, the XML and JSON-LD writers and the
      // log reader strip them: deliberate wherever it occurs.
      'no-control-regex': 'off',
    },
  },
  {
    // Node scripts and configs in plain JavaScript.
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
