// The engine as the app ships it: dist/app/engine.js (npm run build) runs a sync, whose messages
// are classified on the analyzer threads it starts from dist/app/analyzer-worker.js beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../../../src/shared/api';
import type { Host } from '../../../src/main/api';
import { startEngine, workerEngine } from '../../../src/main/engine';
import { analyzeWithText, createAnalyzerPool } from '../../../src/main/pec';
import { openStore } from '../../../src/main/store';
import { deliveries, REAL, storedIn, waitUntil } from '../mail/sync/helpers';
import { dataDirWithMailbox } from './helpers';

const BUILT = path.resolve(__dirname, '../../../dist/app');
const MESSAGES = 120;

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

test('the built analyzer thread answers exactly what analyzeWithText answers from source', async (t) => {
  const entry = path.join(BUILT, 'analyzer-worker.js');
  assert.ok(fs.existsSync(entry), `${entry} is missing: run npm run build first`);
  const pool = createAnalyzerPool({ size: 1, entry });
  t.after(() => pool.close());
  const raws = deliveries([REAL.envelope2023, REAL.consegna, REAL.accettazione2014], 6, 'a@pec.alfa.test');
  const expected = [];
  for (const raw of raws) expected.push(await analyzeWithText(raw));
  assert.deepEqual(await pool.analyze(raws), expected);
});

test('the built engine syncs a mailbox, every message classified and stored once', async (t) => {
  const entry = path.join(BUILT, 'engine.js');
  assert.ok(fs.existsSync(entry), `${entry} is missing: run npm run build first`);
  const address = 'bundle@pec.alfa.test';
  const { dir, dataDir, accountId } = await dataDirWithMailbox(t, 'pecdesk-engine-bundle-', address, MESSAGES);

  const host: Host = { kind: 'electron', version: 'test', defaultSaveDir: dir, chooseFolder: async () => null };
  const engine = await startEngine({ spawn: workerEngine(entry), config: { dataDir, secrets: 'key-file', startBackground: false }, host });
  t.after(() => engine.close());
  value(await engine.dispatch('syncNow', {}));
  const inbox = async () => value<{ path: string; total: number }[]>(await engine.dispatch('listFolders', {})).find((f) => f.path === 'INBOX')?.total ?? 0;
  await waitUntil(async () => (await inbox()) === MESSAGES, `all ${MESSAGES} messages in INBOX`, 120_000);
  await engine.close();

  const store = openStore(dataDir);
  try {
    const stored = storedIn(store, accountId, 'INBOX');
    assert.equal(stored.length, MESSAGES);
    for (const m of stored) {
      const detail = store.getMessage(m.id);
      assert.equal(detail?.unreadableCode, null, `UID ${m.uid}: ${detail?.unreadableDetail}`);
      assert.equal(detail?.kind, 'envelope');
      assert.equal(detail?.signatureValid, true);
    }
  } finally {
    store.close();
  }
});
