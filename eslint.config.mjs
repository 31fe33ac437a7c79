// Lint rules, including the import directions of docs/ARCHITECTURE.md enforced per folder
// (the same idea as VS Code's code-layering rule): a wrong import fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'tls', 'http', 'https', 'stream', 'zlib', 'worker_threads', 'url', 'events', 'buffer', 'util'];
const noElectron = { name: 'electron', message: 'Domain code runs under plain Node: only src/main/app and src/preload may import electron (use `import type`).' };
const domains = ['pec', 'store', 'mail', 'send', 'contacts', 'search', 'accounts', 'trust', 'diagnostics', 'keeping'];
// Domains reach each other only through their index.ts: `../store/schema` is a deep import.
const noDeepDomainImports = domains.map((d) => `**/main/${d}/*`).concat(domains.map((d) => `../${d}/*`));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'fake-electron-dist/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The CLI launcher is plain CommonJS on purpose: it must run (and refuse old Node) before any bundle loads.
    files: ['bin/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./[^/]+$|zod$)', message: 'src/shared imports nothing but zod and its own files: it runs in the renderer, preload, main and CLI alike.' }] }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/app/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ ...noElectron, allowTypeImports: true }],
        patterns: [{ group: noDeepDomainImports, message: 'Reach another domain through its index.ts.' }],
      }],
    },
  },
  {
    files: ['src/main/pec/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ ...noElectron, allowTypeImports: true }],
        patterns: [{ group: ['../store*', '../mail*', '../send*', '../contacts*', '../search*', '../accounts*', '../cli*', '../app*', '../services*'], message: 'pec/ imports nothing of ours except shared/.' }],
      }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...nodeBuiltins.filter((n) => !n.includes('*')).map((name) => ({ name, message: 'The renderer has no Node: go through the API in src/renderer/api.ts.' }))],
        patterns: [{ group: ['node:*', '**/main/**', '**/preload/**'], message: 'The renderer talks to the main process only through the shared API contract.' }],
      }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload exposes the shared API and nothing else.' }] }],
    },
  },
);
