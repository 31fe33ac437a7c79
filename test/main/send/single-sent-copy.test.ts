// A single PEC's copy in the server's Sent folder, against the PEC sandbox (real Dovecot and SMTP
// gestore): the provider takes the message while the mailbox's IMAP cannot be reached, so the
// copy stays due; PecDesk is closed and started again with the server back, and the copy is made
// then, once. Made again after a crash between the APPEND and its record, the folder still holds one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { createApi } from '../../../src/main/api';
import { createServices, headlessSecretStore, type Services } from '../../../src/main/services';
import { configureSandboxAccounts } from '../../../src/main/webbridge/sandbox-demo';
import { webHost } from '../../../src/main/webbridge/launch';
import type { SendTaskView } from '../../../src/shared/api-values';
import type { Sandbox } from '../../../sandbox';
import { sandboxForFile } from '../../helpers/sandbox';
import { readStoreDb, writeStoreDb } from '../../helpers/store-db';

const MARIO = 'mario.rossi@pec.alfa.test';
let sandbox: Sandbox;

sandboxForFile((started) => (sandbox = started));

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`no ${what} within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** UIDs in Mario's Sent folder of the message with that Message-ID, read over IMAP. */
async function sentCopies(messageId: string): Promise<number[]> {
  const { password } = sandbox.accounts.find((a) => a.address === MARIO)!;
  const client = new ImapFlow({ host: '127.0.0.1', port: sandbox.imap.port, secure: false, doSTARTTLS: false, logger: false, auth: { user: MARIO, pass: password } });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('Sent');
    try {
      return (await client.search({ header: { 'message-id': `<${messageId}>` } }, { uid: true })) || [];
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

function sentCopyState(services: Services): string | null {
  return readStoreDb(services.store, (db) => (db.prepare(`SELECT sent_copy AS s FROM campaigns WHERE kind = 'single'`).get() as { s: string | null }).s);
}

/** Mario's account pointed at its real IMAP port, or at one nobody listens on. */
async function imapReachable(services: Services, reachable: boolean): Promise<void> {
  const [account] = (await services.accounts.list()).accounts;
  const { password } = sandbox.accounts.find((a) => a.address === MARIO)!;
  const saved = await services.saveAccount({ ...account, imap: { ...account.imap, port: reachable ? sandbox.imap.port : 1 } }, password);
  assert.ok(saved.ok, JSON.stringify(saved));
}

test('a Sent copy the server could not take when the PEC left is made at the next start, once, and not again after a crash before it was recorded', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-sent-copy-'));
  t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const open = () => createServices({ dataDir, secrets: headlessSecretStore(dataDir) });

  // First run: the PEC leaves through SMTP while IMAP is down; the provider takes it, the copy waits.
  const first = await open();
  let messageId: string;
  try {
    await configureSandboxAccounts(first, sandbox, [MARIO]);
    await imapReachable(first, false);
    const api = createApi(first, webHost('test', dataDir), () => undefined);
    try {
      const [account] = (await first.accounts.list()).accounts;
      const sent = await api.dispatch('sendMessage', {
        accountId: account.id, to: ['ufficio@pec.beta.test'], cc: [], subject: 'Copia in Posta inviata dopo un riavvio', html: '<p>Testo.</p>',
        inReplyTo: null, references: [], receiptVariant: 'completa', attachments: [],
      });
      assert.ok(sent.ok, JSON.stringify(sent));
      const { sentMessageId } = sent.value as { sentMessageId: number; messageId: string };
      messageId = (sent.value as { messageId: string }).messageId;
      await until(async () => {
        const state = await api.dispatch('sendState', { sentMessageId });
        return state.ok && (state.value as SendTaskView | null)?.state === 'submitted';
      }, 'acceptance by the provider');
    } finally {
      api.dispose();
    }
  } finally {
    await first.close();
  }
  const reopened = await open();
  try {
    assert.equal(sentCopyState(reopened), 'pending', 'the copy is still due, recorded as such');
  } finally {
    await reopened.close();
  }
  assert.deepEqual(await sentCopies(messageId), [], 'nothing reached the Sent folder while IMAP was down');

  // Second run, the server back: the start makes the copy.
  const second = await open();
  try {
    await imapReachable(second, true);
    second.send.resumeInterrupted();
    await until(() => sentCopyState(second) === 'done', 'the Sent copy recorded as made');
  } finally {
    await second.close();
  }
  assert.equal((await sentCopies(messageId)).length, 1, 'one copy in Sent');

  // A crash after the APPEND and before its record: the next start finds the copy there and adds none.
  const third = await open();
  try {
    writeStoreDb(third.store, (db) => db.prepare(`UPDATE campaigns SET sent_copy = 'pending' WHERE kind = 'single'`).run());
    third.send.resumeInterrupted();
    await until(() => sentCopyState(third) === 'done', 'the Sent copy recorded again');
  } finally {
    await third.close();
  }
  assert.equal((await sentCopies(messageId)).length, 1, 'still one copy in Sent');
});
