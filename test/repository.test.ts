// The repository stands alone: a clone builds, tests and documents itself without any folder beside
// the checkout. Every tracked file is read; a path that leaves the checkout towards a sibling folder
// fails here, so CI (which runs in a clone with no siblings, .ci/run) and this test agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

// package-lock.json names registry packages (some called "shared"), not folders.
const SKIPPED = new Set(['package-lock.json']);

/** What a line may not say, with the reason printed when it does. */
const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  { pattern: /(?<!\w)(?:src\/)?shared\/(?:fixtures|docs|hooks)\b/g, why: 'names a folder beside the checkout' },
  { pattern: /\bSTYLE\.md\b/g, why: 'names a style guide outside the repository (the house rules are CONTRIBUTING.md)' },
];

// A relative path to a "shared" folder is fine only when it lands on the repository's own src/shared.
const RELATIVE_SHARED = /(?:\.\.\/)+shared(?=[/'"`\s)]|$)/g;

/** The problems of one file's text, as "line: why" strings; `file` is relative to the root. */
function siblingReferences(file: string, text: string): string[] {
  const problems: string[] = [];
  const ownShared = path.join(root, 'src', 'shared');
  text.split('\n').forEach((line, i) => {
    for (const { pattern, why } of FORBIDDEN) {
      for (const m of line.matchAll(pattern)) {
        // A docs or hooks folder under src/shared would be the repository's own.
        if (!m[0].startsWith('src/')) problems.push(`${file}:${i + 1}: "${m[0]}" ${why}`);
      }
    }
    for (const m of line.matchAll(RELATIVE_SHARED)) {
      const target = path.resolve(root, path.dirname(file), m[0]);
      if (target !== ownShared) problems.push(`${file}:${i + 1}: "${m[0]}" leads to ${path.relative(root, target)}, outside src/shared`);
    }
  });
  return problems;
}

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
}

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

test('the checker tells the repository\'s own src/shared from folders beside the checkout', () => {
  // Paths are joined at run time so that this file does not contain what it looks for.
  assert.deepEqual(siblingReferences('src/main/api/index.ts', `import type { PecEvent } from '${['..', '..', 'shared', 'api'].join('/')}';`), []);
  assert.deepEqual(siblingReferences('src/renderer/App.tsx', `import { x } from '${['..', 'shared', 'api'].join('/')}';`), []);
  assert.deepEqual(siblingReferences('README.md', 'see `src/shared/api.ts`'), []);
  const sibling = ['..', 'shared', 'docs', 'pec-format.md'].join('/');
  assert.equal(siblingReferences('README.md', `read ${sibling}`).length, 2, 'a relative path out of the checkout and the docs folder');
  assert.equal(siblingReferences('test/x.test.ts', `const dir = '${['..', '..', 'shared'].join('/')}';`).length, 1);
  assert.equal(siblingReferences('.ci/run', `cp ${['shared', 'hooks', 'pre-commit'].join('/')} .git/hooks`).length, 1);
  assert.equal(siblingReferences('docs/x.md', `as ${['STYLE', 'md'].join('.')} says`).length, 1);
});

test('no tracked file refers to a folder beside the checkout', () => {
  const problems: string[] = [];
  for (const file of trackedFiles()) {
    if (SKIPPED.has(file)) continue;
    const full = path.join(root, file);
    // A file deleted in the working tree but still tracked is the next commit's business.
    if (!fs.existsSync(full) || !fs.statSync(full).isFile()) continue;
    const bytes = fs.readFileSync(full);
    if (isBinary(bytes)) continue;
    problems.push(...siblingReferences(file, bytes.toString('utf8')));
  }
  assert.deepEqual(problems, [], `the repository must stand alone:\n${problems.join('\n')}`);
});
