// "Copia diagnostica" against a real Dovecot: accounts with known passwords, a real sync that
// files a message and one that fails to log in, then the text must say what happened and hold
// no password, no body and no subject. The log file on disk is held to the same rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApi } from '../../../src/main/api';
import { createServices, headlessSecretStore } from '../../../src/main/services';
import { webHost } from '../../../src/main/webbridge/launch';
import { startDovecot } from '../../../sandbox/dovecot';
import { appendAll } from '../mail/sync/helpers';
import { composeMessage } from './helpers';

const GOOD = { address: 'studio.rossi@pec.alfa.test', password: 'Pw-Rossi-7f3a9c!' };
const OTHER = { address: 'studio.verdi@pec.alfa.test', password: 'Pw-Verdi-1b8e2d?' };
// What the second account was given instead of its real password: it must not leak either.
const WRONG_PASSWORD = 'Pw-Sbagliata-55c0e1';
const SUBJECT = 'Oggetto riservato 4471';
const BODY = 'Testo riservato del ricorso numero 99812';

test('the diagnostics name the accounts, their servers, sync states and the log, and never a password, a body or a subject', async (t) => {
  const dovecot = await startDovecot({ users: [GOOD, OTHER] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-diag-'));
  const dataDir = path.join(dir, 'data');
  const services = await createServices({ dataDir, secrets: headlessSecretStore(dataDir), logDir: path.join(dataDir, 'logs') });
  const api = createApi(services, webHost('9.9.9-test', dir), () => undefined);
  t.after(async () => {
    api.dispose();
    await services.close();
    await dovecot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const account = (address: string) => {
    const endpoint = { host: '127.0.0.1', port: dovecot.imapPort, security: 'none' as const, username: address };
    return { name: address, address, kind: 'pec' as const, imap: endpoint, smtp: { ...endpoint, port: 2525 }, sentFolder: null };
  };
  assert.ok((await services.saveAccount(account(GOOD.address), GOOD.password)).ok);
  assert.ok((await services.saveAccount(account(OTHER.address), WRONG_PASSWORD)).ok);
  const raw = await composeMessage({ from: 'mittente@pec.beta.test', to: GOOD.address, subject: SUBJECT, text: BODY });
  await appendAll(dovecot.imapPort, GOOD.address, GOOD.password, 'INBOX', [raw]);

  const results = await services.mail.syncNow();
  assert.deepEqual(results.map((r) => r.ok).sort(), [false, true], 'one account synced, the other could not log in');
  const inbox = services.store.listFolders().find((f) => f.path === 'INBOX' && f.total > 0);
  assert.ok(inbox, 'the message was filed: the sync did real work');

  const res = await api.dispatch('copyDiagnostics', {});
  assert.ok(res.ok, JSON.stringify(res));
  const { text, copied } = res.value as { text: string; copied: boolean };
  assert.equal(copied, false, 'the web host has no clipboard: the page copies');
  assert.match(text, /PecDesk 9\.9\.9-test/);
  assert.ok(text.includes(dataDir), 'the data folder');
  assert.match(text, /Archivio: schema v\d+, 0 messaggi illeggibili/);
  assert.ok(text.includes(GOOD.address) && text.includes(OTHER.address), 'the account addresses');
  assert.match(text, /IMAP 127\.0\.0\.1 SMTP 127\.0\.0\.1/);
  assert.match(text, /sincronizzazione idle/);
  assert.match(text, /sincronizzazione error/);
  assert.match(text, /sync-failed .*code=auth-failed/, 'the log tail shows the failed login');

  const logText = fs.readFileSync(path.join(dataDir, 'logs', 'pecdesk.log'), 'utf8');
  for (const secret of [GOOD.password, OTHER.password, WRONG_PASSWORD, SUBJECT, BODY]) {
    assert.ok(!text.includes(secret), `the diagnostics hold "${secret}"`);
    assert.ok(!logText.includes(secret), `the log holds "${secret}"`);
  }
});
