import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { parseAccountSettings, testConnection, type AccountSettings, type Security } from '../../../src/main/accounts';
import { startDovecot, type DovecotServer } from '../../../sandbox/dovecot';
import { freePort } from '../../../sandbox/ports';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp/smtp-test-server';

const ADDRESS = 'studio.rossi@pec.alfa.test';
const PASSWORD = 'segreta-123';
let dovecot: DovecotServer;
let dovecotDir: string;
let smtp: TestSmtpServer;

before(async () => {
  dovecotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-test-'));
  dovecot = await startDovecot({ dir: dovecotDir, users: [{ address: ADDRESS, password: PASSWORD }] });
  smtp = await startTestSmtpServer({ users: { [ADDRESS]: PASSWORD } });
});
after(async () => {
  await smtp.close();
  await dovecot.stop();
  fs.rmSync(dovecotDir, { recursive: true, force: true });
});

interface Side {
  host?: string;
  port?: number;
  security?: Security;
}

function account(imap: Side = {}, smtpSide: Side = {}, over: Partial<AccountSettings> = {}): AccountSettings {
  const parsed = parseAccountSettings({
    name: 'Studio Rossi',
    address: ADDRESS,
    kind: 'pec',
    imap: { host: '127.0.0.1', port: dovecot.imapPort, security: 'none', username: ADDRESS, ...imap },
    smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', username: ADDRESS, ...smtpSide },
    ...over,
  });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.settings;
}

test('working settings report both sides ok, with the IMAP capabilities and the Sent folder', async () => {
  const report = await testConnection(account(), PASSWORD);
  assert.equal(report.ok, true, JSON.stringify(report));
  assert.ok(report.imap.ok && report.smtp.ok);
  assert.ok(report.imap.capabilities.includes('IMAP4rev1'));
  assert.equal(report.imap.idle, true);
  assert.equal(report.imap.sentFolder, 'Sent');
  assert.equal(report.smtp.security, 'none');
  assert.deepEqual(report.warnings, []);
});

test('a wrong password is an auth failure on both sides', async () => {
  const report = await testConnection(account(), 'sbagliata');
  assert.equal(report.ok, false);
  assert.ok(!report.imap.ok && !report.smtp.ok);
  assert.equal(report.imap.stage, 'auth');
  assert.equal(report.smtp.stage, 'auth');
  assert.match(report.imap.detail, /refused the username or password/);
  // The same as values, for a window to word in its language; the server's own reply kept as it came.
  assert.equal(report.imap.problem.why, 'auth');
  assert.equal(report.imap.problem.where, `127.0.0.1:${dovecot.imapPort}`);
  assert.ok(report.imap.problem.said, 'what the server said is kept');
  assert.deepEqual({ ...report.smtp.problem, said: null }, { why: 'auth', where: `127.0.0.1:${smtp.port}`, said: null });
});

test('a port where nothing listens fails at connect', async () => {
  const report = await testConnection(account({ port: await freePort() }, { port: await freePort() }), PASSWORD);
  assert.ok(!report.imap.ok && !report.smtp.ok);
  assert.equal(report.imap.stage, 'connect');
  assert.equal(report.smtp.stage, 'connect');
  assert.equal(report.imap.code, 'ECONNREFUSED');
  assert.equal(report.imap.problem.why, 'refused');
  assert.equal(report.smtp.problem.why, 'refused');
});

test('implicit TLS against a plaintext server fails at tls', async () => {
  const report = await testConnection(account({ security: 'tls' }, { security: 'tls' }), PASSWORD, { timeoutMs: 5000 });
  assert.ok(!report.imap.ok && !report.smtp.ok);
  assert.equal(report.imap.stage, 'tls');
  assert.equal(report.smtp.stage, 'tls');
  assert.equal(report.imap.problem.why, 'tls');
});

test('STARTTLS required by the settings but not offered by the server fails at tls, never in clear', async () => {
  const report = await testConnection(account({ security: 'starttls' }, { security: 'starttls' }), PASSWORD, { timeoutMs: 5000 });
  assert.ok(!report.imap.ok && !report.smtp.ok, JSON.stringify(report));
  assert.equal(report.imap.stage, 'tls');
  assert.equal(report.smtp.stage, 'tls');
});

test('a host name that does not exist fails at dns', async () => {
  const report = await testConnection(account({ host: 'imap.pecdesk.invalid' }, { host: 'smtp.pecdesk.invalid' }), PASSWORD);
  assert.ok(!report.imap.ok && !report.smtp.ok);
  assert.equal(report.imap.stage, 'dns');
  assert.equal(report.smtp.stage, 'dns');
  assert.match(report.imap.detail, /imap\.pecdesk\.invalid/);
  assert.equal(report.imap.problem.why, 'dns');
  assert.equal(report.imap.problem.where, 'imap.pecdesk.invalid', 'the name alone: it has no address to add a port to');
});

test('a server that accepts the connection but never greets fails at timeout', async (t) => {
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((s) => sockets.add(s));
  const port = await freePort();
  await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
  t.after(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });
  const report = await testConnection(account({ port }, { port }), PASSWORD, { timeoutMs: 300 });
  assert.ok(!report.imap.ok && !report.smtp.ok);
  assert.equal(report.imap.stage, 'timeout');
  assert.equal(report.smtp.stage, 'timeout');
  assert.equal(report.imap.problem.why, 'timeout');
});

test('a Sent folder the mailbox does not have is a capability problem, though login works', async () => {
  const report = await testConnection(account({}, {}, { sentFolder: 'Posta inviata' }), PASSWORD);
  assert.ok(!report.imap.ok);
  assert.equal(report.imap.stage, 'capability');
  assert.match(report.imap.detail, /Posta inviata/);
  assert.deepEqual(report.imap.problem, { why: 'no-sent-folder', where: `127.0.0.1:${dovecot.imapPort}`, folder: 'Posta inviata', said: null });
  assert.ok(report.smtp.ok);
});

test('a provider that files sent mail itself needs no Sent folder', async () => {
  const report = await testConnection(account({}, {}, { sentFolder: null }), PASSWORD);
  assert.ok(report.imap.ok);
  assert.equal(report.imap.sentFolder, null);
});
