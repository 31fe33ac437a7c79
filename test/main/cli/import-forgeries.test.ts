// Only proof counts, through `pecdesk import --account` as the user measured it: forged and
// misplaced receipts change no counter in `pecdesk stats`, and `inspect` never calls a
// self-signed forgery valid. Without a providers' index in the store, c and d are "integra, gestore
// non verificato" (inspect says so); once `pecdesk providers import` brought one, they count nowhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../../src/main/store';
import { providerIndexLdif } from '../../../sandbox/provider/index-ldif';
import { ARUBA_MESSAGE_ID, ARUBA_RECIPIENT, forgeries, genuineConsegna, refusal, sentMessages } from '../trust/forgeries';
import { testIndex } from '../trust/helpers';
import { runCli, tempDir } from '../store/helpers';


/** A store in `dir` with the Aruba recipient's account and another one, and a writer of files beside it. */
function twoAccountStore(dir: string): { storeDir: string; write(name: string, raw: Buffer | string): string } {
  const storeDir = path.join(dir, 'store');
  const store = openStore(storeDir);
  assert.ok(store.saveAccount({ name: 'Studio', address: ARUBA_RECIPIENT, kind: 'pec' }).ok);
  assert.ok(store.saveAccount({ name: 'Altro', address: 'altro.studio@pec.it', kind: 'pec' }).ok);
  store.close();
  const write = (name: string, raw: Buffer | string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, raw);
    return file;
  };
  return { storeDir, write };
}

test('pecdesk import --account: forged and misplaced receipts leave every counter of pecdesk stats as it was', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { storeDir, write } = twoAccountStore(dir);
    const sent = sentMessages().map((m) => write(m.name, m.raw));
    const noAccount = await runCli(['import', '--store', storeDir, '--as-sent', ...sent]);
    assert.equal(noAccount.code, 2, 'two accounts: the mailbox must be named');
    assert.match(noAccount.stderr, /--account ADDRESS/);
    assert.equal((await runCli(['import', '--store', storeDir, '--account', ARUBA_RECIPIENT, '--as-sent', ...sent])).code, 0);
    assert.equal((await runCli(['import', '--store', storeDir, '--account', ARUBA_RECIPIENT, write('rifiuto.eml', refusal())])).code, 0);
    const stats = async () => JSON.parse((await runCli(['stats', '--store', storeDir, '--json'])).stdout) as { messages: { messageId: string; C: number; E: number }[]; receiptsToVerify: number };
    const before = await stats();

    const chosen = forgeries().filter((f) => !['c-self-made-ca', 'd-wrong-domain'].includes(f.name));
    for (const f of chosen) {
      const account = f.account === 'A' ? ARUBA_RECIPIENT : 'altro.studio@pec.it';
      const imported = await runCli(['import', '--store', storeDir, '--account', account, '--json', write(`${f.name}.eml`, f.raw)]);
      assert.equal(imported.code, 0, imported.stderr);
      assert.equal(JSON.parse(imported.stdout).stored, 1, f.name);
    }
    const after = await stats();
    assert.deepEqual(after.messages, before.messages);
    assert.ok(after.messages.every((m) => m.C === 0));
    assert.equal(after.receiptsToVerify, chosen.length);
  } finally {
    cleanup();
  }
});

test('pecdesk inspect never calls a forgery valid: a self-made CA copying Aruba is integra at best, an unsigned or altered one says so', async () => {
  const { dir, cleanup } = tempDir();
  try {
    for (const f of forgeries().filter((x) => x.name.startsWith('a-') || x.name.startsWith('b-') || x.name.startsWith('c-'))) {
      const file = path.join(dir, `${f.name}.eml`);
      fs.writeFileSync(file, f.raw);
      const text = await runCli(['inspect', file]);
      assert.equal(text.code, 0, text.stderr);
      assert.doesNotMatch(text.stdout, /valida|valid\b/i);
      const json = JSON.parse((await runCli(['inspect', '--json', file])).stdout) as { verdict: { level: string } };
      assert.equal(json.verdict.level, f.level === 'integra' ? 'integra' : f.level, f.name);
      assert.match(text.stdout, { 'non-firmata': /NON FIRMATA/, alterata: /ALTERATA/, integra: /integra, gestore non verificato/, attendibile: /attendibile/ }[f.level]);
    }
  } finally {
    cleanup();
  }
});

test('with the providers index imported by `pecdesk providers import`, the genuine consegna counts once and every forgery (a–d, f, g) counts nowhere', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { storeDir, write } = twoAccountStore(dir);
    // Aruba with its real certificates, and the test provider managing only its own domains.
    const ldif = providerIndexLdif(testIndex().providers.map((p) => ({ name: p.name, certificatesDer: p.certificatesDer, managedDomains: p.managedDomains, mailReceipt: `ricevute@${p.managedDomains[0]}` })));
    const imported = await runCli(['providers', 'import', write('indice.ldif', ldif), '--store', storeDir]);
    assert.equal(imported.code, 0, imported.stderr);

    const sent = sentMessages().map((m) => write(m.name, m.raw));
    assert.equal((await runCli(['import', '--store', storeDir, '--account', ARUBA_RECIPIENT, '--as-sent', ...sent])).code, 0);
    assert.equal((await runCli(['import', '--store', storeDir, '--account', ARUBA_RECIPIENT, write('rifiuto.eml', refusal())])).code, 0);
    const stats = async () => JSON.parse((await runCli(['stats', '--store', storeDir, '--json'])).stdout) as { messages: { messageId: string; C: number; E: number }[]; receiptsToVerify: number };
    // The genuine consegna, in the mailbox of the account that sent the message, is proof.
    assert.equal((await runCli(['import', '--store', storeDir, '--account', ARUBA_RECIPIENT, write('vera.eml', genuineConsegna())])).code, 0);
    const before = await stats();
    assert.equal(before.messages.find((m) => m.messageId === ARUBA_MESSAGE_ID)?.C, 1);
    assert.equal(before.receiptsToVerify, 0);
    // Every forgery but e (the same bytes, already stored from account A's mailbox).
    const forged = forgeries().filter((f) => !f.name.startsWith('e-'));
    for (const f of forged) {
      const res = await runCli(['import', '--store', storeDir, '--account', ARUBA_RECIPIENT, '--json', write(`${f.name}.eml`, f.raw)]);
      assert.equal(res.code, 0, res.stderr);
    }
    const after = await stats();
    assert.deepEqual(after.messages, before.messages, 'no forgery changed a counter');
    assert.equal(after.receiptsToVerify, forged.length);
    for (const f of forged.filter((x) => x.name.startsWith('c-') || x.name.startsWith('d-'))) {
      const json = JSON.parse((await runCli(['inspect', '--json', '--store', storeDir, write(`${f.name}-2.eml`, f.raw)])).stdout) as { verdict: { level: string } };
      assert.equal(json.verdict.level, 'integra', f.name);
    }
  } finally {
    cleanup();
  }
});
