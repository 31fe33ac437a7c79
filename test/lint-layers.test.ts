// Lint enforces the import directions docs/ARCHITECTURE.md claims: a file with a forbidden import,
// linted as if it lived at each place, fails with no-restricted-imports; the allowed directions pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

/** The no-restricted-imports messages lint gives `code` as the file `file` (relative to the repo). */
async function restrictions(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

const FORBIDDEN: [file: string, code: string, why: RegExp][] = [
  ['src/main/store/fake.ts', "import { createSendEngine } from '../send';\nexport const x = createSendEngine;\n", /must not import/],
  ['src/main/store/queries/fake.ts', "import { createMailSync } from '../../mail';\nexport const x = createMailSync;\n", /must not import/],
  ['src/main/store/fake.ts', "import { Contacts } from '../contacts';\nexport const x = Contacts;\n", /must not import/],
  ['src/main/store/fake.ts', "import { recheckVerdicts } from '../trust';\nexport const x = recheckVerdicts;\n", /must not import/],
  ['src/main/proof/fake.ts', "import { openStore } from '../store';\nexport const x = openStore;\n", /must not import/],
  ['src/main/proof/fake.ts', "import type { ProviderIndexService } from '../trust';\nexport type X = ProviderIndexService;\n", /must not import/],
  ['src/main/mail/sync/fake.ts', "import { createSendEngine } from '../../send';\nexport const x = createSendEngine;\n", /must not import/],
  ['src/main/pec/fake.ts', "import { openStore } from '../store';\nexport const x = openStore;\n", /pec\/ imports nothing/],
  ['src/main/send/fake.ts', "import { createDispatcher } from '../api';\nexport const x = createDispatcher;\n", /must not import/],
  ['src/main/contacts/fake.ts', "import { createServices } from '../services';\nexport const x = createServices;\n", /must not import/],
  ['src/main/mail/fake.ts', "import { openStore } from '../store/store';\nexport const x = openStore;\n", /index\.ts/],
  ['src/main/send/fake.ts', "import { app } from 'electron';\nexport const x = app;\n", /plain Node/],
  ['src/main/mail/sync/fake.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n", /SQL belongs in src\/main\/store/],
  ['src/main/contacts/fake.ts', "import type Database from 'better-sqlite3';\nexport type X = Database.Database;\n", /SQL belongs in src\/main\/store/],
  // The files that once held their own statements have no exception left.
  ['src/main/send/queue.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n", /SQL belongs in src\/main\/store/],
  ['src/main/contacts/repository.ts', "import type Database from 'better-sqlite3';\nexport type X = Database.Database;\n", /SQL belongs in src\/main\/store/],
  ['src/main/api/fake.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n", /SQL belongs in src\/main\/store/],
  ['src/main/webbridge/fake.ts', "import { startSandbox } from '../../../sandbox';\nexport const x = startSandbox;\n", /never loads the sandbox/],
  ['src/main/webbridge/fake.ts', "import { installMenu } from '../app/menu';\nexport const x = installMenu;\n", /renderer-files/],
  ['src/main/store/fake.ts', "import { bench } from '../../../bench/line';\nexport const x = bench;\n", /never loads/],
  ['src/renderer/fake.ts', "import { openStore } from '../main/store';\nexport const x = openStore;\n", /shared API contract/],
  ['src/shared/fake.ts', "import { openStore } from '../main/store';\nexport const x = openStore;\n", /src\/shared imports nothing/],
  ['sandbox/fake.ts', "import { openStore } from '../src/main/store';\nexport const x = openStore;\n", /never the client/],
  ['bench/fake.ts', "import { App } from '../src/renderer/App';\nexport const x = App;\n", /plain Node/],
  ['test/main/store/fake.test.ts', "import { installMenu } from '../../../src/main/app/menu';\nexport const x = installMenu;\n", /plain Node/],
];

for (const [file, code, why] of FORBIDDEN) {
  test(`lint refuses in ${file}: ${code.split('\n')[0]}`, async () => {
    const messages = await restrictions(file, code);
    assert.ok(messages.some((m) => why.test(m)), `expected a restriction matching ${why}, got ${JSON.stringify(messages)}`);
  });
}

const ALLOWED: [file: string, code: string][] = [
  ['src/main/mail/sync/fake.ts', "import { openStore } from '../../store';\nexport const x = openStore;\n"],
  ['src/main/send/fake.ts', "import { createMailSync } from '../mail';\nexport const x = createMailSync;\n"],
  ['src/main/store/queries/fake.ts', "import type Database from 'better-sqlite3';\nexport type X = Database.Database;\n"],
  ['src/main/store/fake.ts', "import { classify } from '../pec';\nexport const x = classify;\n"],
  ['src/main/store/fake.ts', "import { judge } from '../proof';\nexport const x = judge;\n"],
  ['src/main/trust/fake.ts', "import { judge } from '../proof';\nexport const x = judge;\n"],
  ['src/main/trust/fake.ts', "import { openStore } from '../store';\nexport const x = openStore;\n"],
  ['src/main/webbridge/fake.ts', "import type { Sandbox } from '../../../sandbox';\nexport type X = Sandbox;\n"],
  ['src/main/api/fake.ts', "import type { App } from 'electron';\nexport type X = App;\n"],
  ['bench/fake.ts', "import { openStore } from '../src/main/store';\nexport const x = openStore;\n"],
];

for (const [file, code] of ALLOWED) {
  test(`lint allows in ${file}: ${code.split('\n')[0]}`, async () => {
    assert.deepEqual(await restrictions(file, code), []);
  });
}
