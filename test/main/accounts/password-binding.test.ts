// A saved password goes only to the servers it was saved for: whoever changes an account's
// settings (the renderer through the API, or the database file itself) cannot make PecDesk send
// it elsewhere. Real services over a real store, and a real listener that must see no connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApi } from '../../../src/main/api';
import { createServices, headlessSecretStore } from '../../../src/main/services';
import { webHost } from '../../../src/main/webbridge/launch';
import { startDovecot } from '../../../sandbox/dovecot';

const PASSWORD = 'segreta-della-casella';
/** The fields the account form sends besides the servers. */
const FORM = { providerId: null, sentFolder: 'auto', receiptsFolder: 'Ricevute PEC', receiptsMode: 'local', signatureHtml: '' } as const;

function settings(imapPort: number, smtpPort: number, host = '127.0.0.1') {
  const address = 'studio@pec.alfa.test';
  return {
    name: 'Studio',
    address,
    kind: 'pec' as const,
    imap: { host, port: imapPort, security: 'none' as const, username: address },
    smtp: { host, port: smtpPort, security: 'none' as const, username: address },
  };
}

/** A TCP listener standing for a host the password must never reach: it records every connection and what was sent. */
async function trap(t: { after(fn: () => Promise<void>): void }): Promise<{ port: number; connections: number; received: () => string }> {
  let received = '';
  const state = { port: 0, connections: 0, received: () => received };
  const server = net.createServer((socket) => {
    state.connections++;
    // Speak enough IMAP/SMTP for a client to send its login.
    socket.write('* OK IMAP4rev1 ready\r\n');
    socket.on('data', (d) => (received += d.toString('latin1')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as net.AddressInfo).port;
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return state;
}

async function startServices(t: { after(fn: () => Promise<void> | void): void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-binding-'));
  const services = await createServices({ dataDir: dir, secrets: headlessSecretStore(dir) });
  const api = createApi(services, webHost('test', dir), () => undefined);
  t.after(async () => {
    api.dispose();
    await services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { services, api, dir };
}

test('changing the servers of an account without typing the password again is refused and changes nothing', async (t) => {
  const { services, api } = await startServices(t);
  const saved = await services.saveAccount(settings(1143, 1025), PASSWORD);
  assert.ok(saved.ok, saved.ok ? '' : saved.detail);
  const id = saved.value.id;

  for (const changed of [settings(9143, 1025), settings(1143, 9025), settings(1143, 1025, 'evil.example.org'), { ...settings(1143, 1025), imap: { ...settings(1143, 1025).imap, username: 'other' } }]) {
    const res = await api.dispatch('saveAccount', { id, ...FORM, ...changed });
    assert.equal(res.ok, false);
    if (!res.ok) assert.equal(res.error.code, 'password-required', res.error.message);
  }
  const account = await services.accounts.get(id);
  assert.ok(account.ok);
  assert.equal(account.value.imap.port, 1143, 'the refused change was not stored');
  assert.equal(account.value.smtp.host, '127.0.0.1');

  // Other settings still save without the password; a server change with the password is fine.
  const renamed = await api.dispatch('saveAccount', { id, ...FORM, ...settings(1143, 1025), name: 'Studio Rossi' });
  assert.ok(renamed.ok, renamed.ok ? '' : renamed.error.message);
  const moved = await api.dispatch('saveAccount', { id, ...FORM, ...settings(2143, 2025), password: PASSWORD });
  assert.ok(moved.ok, moved.ok ? '' : moved.error.message);
  const pw = await services.accounts.password(id);
  assert.ok(pw.ok && pw.value === PASSWORD, 'the password is handed out for the servers it was saved with');
});

test('"test connection" with edited servers never sends the saved password there', async (t) => {
  const { services, api } = await startServices(t);
  const saved = await services.saveAccount(settings(1143, 1025), PASSWORD);
  assert.ok(saved.ok);
  const attacker = await trap(t);
  const res = await api.dispatch('testConnection', { accountId: saved.value.id, providerId: null, ...settings(attacker.port, attacker.port) });
  assert.equal(res.ok, false);
  if (!res.ok) assert.equal(res.error.code, 'password-required');
  assert.equal(attacker.connections, 0, 'nothing connected to the edited host');
});

test('a tampered database row cannot redirect the password: sync refuses and connects nowhere', async (t) => {
  const { services } = await startServices(t);
  const dovecot = await startDovecot({ users: [{ address: 'studio@pec.alfa.test', password: PASSWORD }] });
  t.after(() => dovecot.stop());
  const saved = await services.saveAccount(settings(dovecot.imapPort, 1025), PASSWORD);
  assert.ok(saved.ok);
  const [first] = await services.mail.syncNow(saved.value.id);
  assert.ok(first.ok, 'the account syncs with its own server');

  // Someone edits the settings in the database file, behind the accounts service's back.
  const attacker = await trap(t);
  const row = services.store.listAccounts().find((a) => String(a.id) === saved.value.id)!;
  const tampered = services.store.saveAccount({ id: row.id, name: row.name, address: row.address, kind: row.kind, imap: { ...row.imap, port: attacker.port }, smtp: row.smtp, settings: row.settings });
  assert.ok(tampered.ok);
  const [second] = await services.mail.syncNow(saved.value.id);
  assert.equal(second.ok, false, 'the sync did not run against the tampered server');
  assert.equal(attacker.connections, 0, 'nothing connected to the tampered host');
  assert.ok(!attacker.received().includes(PASSWORD));
  const pw = await services.accounts.password(saved.value.id);
  assert.equal(pw.ok, false);
  if (!pw.ok) assert.equal(pw.code, 'password-required');
});

test('a password saved before bindings existed is bound to the servers stored for it', async (t) => {
  const { services } = await startServices(t);
  const saved = await services.saveAccount(settings(1143, 1025));
  assert.ok(saved.ok);
  // What an older PecDesk stored: the bare password.
  const secrets = headlessSecretStore(services.dataDir);
  assert.ok((await secrets.set(saved.value.id, PASSWORD)).ok);
  const pw = await services.accounts.password(saved.value.id);
  assert.ok(pw.ok && pw.value === PASSWORD);
  const moved = await services.saveAccount({ ...settings(9143, 1025), id: saved.value.id });
  assert.equal(moved.ok, false);
  if (!moved.ok) assert.equal(moved.code, 'password-required');
});
