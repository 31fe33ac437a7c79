import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import type { AccountSettings } from '../../../../src/main/accounts';
import { appendToSent, prepareMessage } from '../../../../src/main/mail/smtp';
import { startDovecot, type DovecotServer } from '../../../../sandbox/dovecot';
import { ADDRESS, PASSWORD, account as smtpAccount } from './fixtures';

let dovecot: DovecotServer;
let dovecotDir: string;

before(async () => {
  dovecotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-test-'));
  dovecot = await startDovecot({ dir: dovecotDir, users: [{ address: ADDRESS, password: PASSWORD }] });
});
after(async () => {
  await dovecot.stop();
  fs.rmSync(dovecotDir, { recursive: true, force: true });
});

function account(): AccountSettings {
  return smtpAccount(25, { imap: { host: '127.0.0.1', port: dovecot.imapPort, security: 'none', username: ADDRESS } });
}

async function prepared(subject: string) {
  const result = await prepareMessage(account(), { to: ['bianchi@pec.beta.test'], subject, text: 'Copia per Inviata.\n' });
  assert.ok(result.ok);
  return result.message;
}

async function fetchAll(folder: string): Promise<Buffer[]> {
  const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, doSTARTTLS: false, logger: false, auth: { user: ADDRESS, pass: PASSWORD } });
  await client.connect();
  try {
    await client.mailboxOpen(folder);
    const out: Buffer[] = [];
    for await (const msg of client.fetch('1:*', { source: true })) if (msg.source) out.push(msg.source);
    return out;
  } finally {
    await client.logout();
  }
}

test('a sent message is appended byte for byte to the folder marked \\Sent', async () => {
  const message = await prepared('Copia automatica');
  const result = await appendToSent(account(), PASSWORD, message.raw, 'auto');
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.folder, 'Sent');
  assert.equal(typeof result.uid, 'number');
  const stored = await fetchAll('Sent');
  assert.ok(stored.some((raw) => raw.equals(message.raw)), 'the copy in Sent differs from the submitted bytes');
  assert.ok(stored.some((raw) => raw.includes(`<${message.messageId}>`)));
});

test('a named folder receives the copy when the account names one', async () => {
  const message = await prepared('Copia in Drafts');
  const result = await appendToSent(account(), PASSWORD, message.raw, 'Drafts');
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.folder, 'Drafts');
  assert.ok((await fetchAll('Drafts')).some((raw) => raw.equals(message.raw)));
});

test('a folder the mailbox does not have is reported, not created', async () => {
  const message = await prepared('Cartella inesistente');
  const result = await appendToSent(account(), PASSWORD, message.raw, 'Posta inviata PEC');
  assert.ok(!result.ok);
  assert.equal(result.code, 'no-sent-folder');
});

test('a wrong IMAP password fails the copy as an auth problem', async () => {
  const message = await prepared('Password errata');
  const result = await appendToSent(account(), 'sbagliata', message.raw, 'auto');
  assert.ok(!result.ok);
  assert.equal(result.code, 'auth');
});
