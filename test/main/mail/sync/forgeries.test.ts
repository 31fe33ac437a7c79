// Only proof counts, through the sync against a real Dovecot: the forged and misplaced receipts
// of test/main/trust/forgeries.ts are APPENDed into the INBOX of the account they target (and one
// into another account's), synced, and must change no counter; each is filed and listed to verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSyncEngine } from '../../../../src/main/mail';
import { openStore } from '../../../../src/main/store';
import { forgeries, refusal, sentMessages } from '../../trust/forgeries';
import { testIndex } from '../../trust/helpers';
import { accountOn, appendAll, useDovecot } from './helpers';

const PASSWORD = 'pw';
const dovecot = useDovecot('verifica', 2, PASSWORD);

test('synced forged and misplaced receipts change no counter and are listed to verify', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-sync-forgeries-'));
  const store = openStore(dir, { trustIndex: () => testIndex() });
  const [addressA, addressB] = [dovecot.nextAddress(), dovecot.nextAddress()];
  const accountA = accountOn(store, dovecot.server, addressA);
  const accountB = accountOn(store, dovecot.server, addressB);
  const engines = [accountA, accountB].map((account) => createSyncEngine({ store, account, password: PASSWORD }));
  t.after(async () => {
    for (const engine of engines) await engine.dispose();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const sent = [];
  for (const { raw } of sentMessages()) {
    const recorded = await store.importSentMessage(raw, Number(accountA.id));
    assert.ok(recorded.ok);
    sent.push(recorded.sentMessageId);
  }
  const all = forgeries();
  await appendAll(dovecot.server.imapPort, addressA, PASSWORD, 'INBOX', [refusal(), ...all.filter((f) => f.account === 'A').map((f) => f.raw)]);
  await appendAll(dovecot.server.imapPort, addressB, PASSWORD, 'INBOX', all.filter((f) => f.account === 'B').map((f) => f.raw));
  for (const engine of engines) {
    const result = await engine.syncAll();
    assert.ok(result.ok, result.ok ? '' : `${result.code}: ${result.detail}`);
  }

  // Only the attendibile refusal counted: E = 1 on the refused message, nothing delivered anywhere.
  assert.deepEqual(sent.map((id) => store.dac(id)), [
    { D: 1, A: 0, C: 0, E: 0 },
    { D: 1, A: 0, C: 0, E: 0 },
    { D: 1, A: 0, C: 0, E: 1 },
  ]);
  const toVerify = store.receiptsToVerify(0, 100);
  assert.equal(toVerify.total, all.length);
  const seen = toVerify.rows.map((r) => [r.trust?.level, r.problems.join(',')].join(' ')).sort();
  assert.deepEqual(seen, all.map((f) => [f.level, f.problems.join(',')].join(' ')).sort());
  // The one in B's mailbox belongs to B and links to nothing of A.
  const misplaced = toVerify.rows.find((r) => r.problems.includes('other-account'))!;
  assert.equal(misplaced.accountId, Number(accountB.id));
  assert.equal(misplaced.sentMessageId, null);
});
