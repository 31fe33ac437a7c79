// Lint rules, including the import directions of docs/ARCHITECTURE.md enforced per folder
// (the same idea as VS Code's code-layering rule): a wrong import fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'tls', 'http', 'https', 'stream', 'zlib', 'worker_threads', 'url', 'events', 'buffer', 'util'];
const noElectron = { name: 'electron', message: 'Domain code runs under plain Node: only src/main/app and src/preload may import electron (use `import type`).' };
const domains = ['pec', 'store', 'mail', 'send', 'contacts', 'search', 'accounts', 'trust', 'proof', 'diagnostics', 'keeping'];
// Domains reach each other only through their index.ts: `../store/schema` is a deep import.
const noDeepDomainImports = domains.map((d) => `**/main/${d}/*`).concat(domains.map((d) => `../${d}/*`));
// The edges of the core: what runs it (app, cli, web bridge, the API, the services wiring).
const shells = ['app', 'cli', 'api', 'webbridge', 'services', 'service-log'];

/** An import of any of `modules` (siblings under src/main) from any depth below src/main/<domain>/. */
const sibling = (modules) => `^(\\.\\./)+(${modules.join('|')})(/|$)`;

/**
 * Which modules under src/main each domain may NOT import (docs/ARCHITECTURE.md, "Modules"):
 * data flows server → mail → store → change stream → UI, so the store knows nothing of sync,
 * sending or contacts, and no domain knows who runs it.
 */
const forbiddenByDomain = {
  // The store applies proof/'s verdict rule as it files; trust/ (keeping the index current) uses the store.
  store: ['mail', 'send', 'contacts', 'search', 'accounts', 'trust', 'attachments', 'diagnostics', ...shells],
  // What counts as proof is pure: rules over plain data, imported by the store and trust/ alike.
  proof: ['pec', 'store', 'mail', 'send', 'contacts', 'search', 'accounts', 'trust', 'attachments', 'diagnostics', 'keeping', ...shells],
  trust: ['mail', 'send', 'contacts', 'search', 'accounts', 'attachments', 'diagnostics', ...shells],
  accounts: ['mail', 'send', 'contacts', 'search', 'trust', 'attachments', 'diagnostics', ...shells],
  search: ['mail', 'send', 'contacts', 'accounts', 'trust', 'attachments', 'diagnostics', ...shells],
  contacts: ['mail', 'send', 'search', 'accounts', 'trust', 'attachments', 'diagnostics', ...shells],
  attachments: ['store', 'mail', 'send', 'contacts', 'search', 'accounts', 'trust', 'diagnostics', ...shells],
  diagnostics: ['store', 'mail', 'send', 'contacts', 'search', 'accounts', 'trust', 'attachments', ...shells],
  // The reader (mail/reader) parses what it shows with attachments/, which knows nothing of mail.
  mail: ['send', 'contacts', 'search', 'diagnostics', ...shells],
  send: ['search', 'diagnostics', ...shells],
  api: ['app', 'cli', 'webbridge'],
  cli: ['app', 'api', 'webbridge'],
};

// SQL lives in src/main/store behind its role interfaces (store/roles.ts): no other file of
// src/main imports better-sqlite3, not even for a type.
const noSql = { name: 'better-sqlite3', message: 'SQL belongs in src/main/store: add a method to the store instead.' };

/** The rule for files of one domain: no Electron, no SQL, no deep imports, none of its forbidden modules. */
const domainImports = (forbidden, { sql = false } = {}) => ({
  '@typescript-eslint/no-restricted-imports': ['error', {
    paths: [{ ...noElectron, allowTypeImports: true }, ...(sql ? [] : [noSql])],
    patterns: [
      { group: noDeepDomainImports, message: 'Reach another domain through its index.ts.' },
      ...(forbidden.length ? [{ regex: sibling(forbidden), message: `This direction is not allowed (docs/ARCHITECTURE.md, "Modules"): a domain must not import ${forbidden.join(', ')}.` }] : []),
      { regex: '^(\\.\\./)+(sandbox|bench|test)(/|$)', allowTypeImports: true, message: 'The product never loads the sandbox, the benchmarks or the tests.' },
    ],
  }],
});

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
    rules: domainImports([]),
  },
  ...Object.entries(forbiddenByDomain).map(([domain, forbidden]) => ({ files: [`src/main/${domain}/**/*.ts`], rules: domainImports(forbidden, { sql: domain === 'store' }) })),
  {
    // The web bridge is a development tool beside the app: it may name the sandbox's types, never load it
    // (scripts/web.ts starts the sandbox and hands it over), and takes from app/ only the renderer's files.
    files: ['src/main/webbridge/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ ...noElectron, allowTypeImports: true }],
        patterns: [
          { group: noDeepDomainImports, message: 'Reach another domain through its index.ts.' },
          { regex: '^(\\.\\./)+(sandbox|bench|test)(/|$)', allowTypeImports: true, message: 'The web bridge never loads the sandbox: scripts/web.ts starts it and hands it over.' },
          { regex: '^\\.\\./app(?!/renderer-files$)', message: 'The web bridge takes from app/ only renderer-files (the rest is Electron glue).' },
        ],
      }],
    },
  },
  {
    // The PEC sandbox stands for the providers' servers: it shares the PEC vocabulary and nothing of the client.
    files: ['sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+src/(?!shared/)', message: 'The sandbox plays the providers: it may use src/shared, never the client it is testing.' }] }],
    },
  },
  {
    // Benchmarks and tests drive the core under plain Node: never the renderer or the Electron glue.
    files: ['bench/**/*.ts', 'test/**/*.ts'],
    ignores: ['test/main/app/**', 'test/e2e/**', 'test/renderer/**', 'test/packaging.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+src/(renderer|main/app)(/|$)', message: 'Benchmarks and core tests run under plain Node: the renderer is tested in Chromium (test/e2e), the Electron glue in test/main/app.' }] }],
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
