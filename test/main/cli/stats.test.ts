import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REAL_DIR, STORE_FIXTURES, ownSigned, runCli, tempDir } from '../store/helpers';

const arubaMessageId = '1542123565.921546936035156.464602125997431-openerp-8-fatturapa.attachment.out@elbati-Vostro-3550';

test('stats show 1/1/1/0 for the Aruba message once its receipts and then the sent message are imported', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = path.join(dir, 'store');
    const receipts = ['aruba-2018-avvenuta-consegna-completa.eml', 'aruba-2018-accettazione.eml'].map((f) => path.join(REAL_DIR, f));
    assert.equal((await runCli(['import', '--store', store, ...receipts])).code, 0);
    const before = await runCli(['stats', '--store', store, '--json']);
    // Aruba's real signatures verify; no providers' index is imported yet: integra.
    const levels = { attendibile: 0, integra: 2, alterata: 0, 'non-firmata': 0, unjudged: 0 };
    assert.deepEqual(JSON.parse(before.stdout), { messages: [], unlinkedReceipts: 2, receiptLevels: levels, receiptsToVerify: 0 });
    const sent = await runCli(['import', '--store', store, '--as-sent', path.join(STORE_FIXTURES, 'aruba-2018-sent.eml')]);
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stdout, /^sent messages recorded: 1, already recorded: 0$/m);
    const after = await runCli(['stats', '--store', store, '--json']);
    assert.equal(after.code, 0, after.stderr);
    assert.deepEqual(JSON.parse(after.stdout), {
      messages: [{ messageId: arubaMessageId, subject: 'IT03339130126_00009.xml', D: 1, A: 1, C: 1, E: 0 }],
      unlinkedReceipts: 0,
      receiptLevels: levels,
      receiptsToVerify: 0,
    });
  } finally {
    cleanup();
  }
});

test('stats without --json print a table a person can read', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = path.join(dir, 'store');
    const files = ['offerta-sent.eml', 'richiesta-sent.eml'].map((f) => path.join(STORE_FIXTURES, f));
    assert.equal((await runCli(['import', '--store', store, '--as-sent', ...files])).code, 0);
    // Signed, as a provider sends it: an unsigned one would count nowhere.
    const refusal = path.join(dir, 'offerta-non-accettazione.eml');
    fs.writeFileSync(refusal, ownSigned('offerta-non-accettazione.eml'));
    assert.equal((await runCli(['import', '--store', store, refusal])).code, 0);
    const result = await runCli(['stats', '--store', store]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.match(lines[0], /^D {2}A {2}C {2}E {2}Subject +Message-ID$/);
    assert.ok(lines.some((l) => /^2 {2}0 {2}0 {2}2 {2}Offerta tecnica +20240516\.def456@client\.example$/.test(l)), result.stdout);
    assert.ok(lines.some((l) => /^3 {2}0 {2}0 {2}0 {2}Richiesta documenti +20240515\.abc123@client\.example$/.test(l)), result.stdout);
    assert.ok(lines.includes('unlinked receipts: 0'));
  } finally {
    cleanup();
  }
});

test('stats of a folder holding no store say so, exit 1, and create nothing', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const result = await runCli(['stats', '--store', path.join(dir, 'nessuno')]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no PecDesk store in .*nessuno/);
    assert.equal(fs.existsSync(path.join(dir, 'nessuno')), false);
  } finally {
    cleanup();
  }
});
