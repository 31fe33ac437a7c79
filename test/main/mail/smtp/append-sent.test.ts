import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendToSent, prepareMessage } from '../../../../src/main/mail/smtp';
import { PASSWORD, useAccountMailbox } from './fixtures';

const { account, fetchFolder } = useAccountMailbox();

async function prepared(subject: string) {
  const result = await prepareMessage(account(), { to: ['bianchi@pec.beta.test'], subject, text: 'Copia per Inviata.\n' });
  assert.ok(result.ok);
  return result.message;
}

async function fetchAll(folder: string): Promise<Buffer[]> {
  return (await fetchFolder(folder)).map((m) => m.source);
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
