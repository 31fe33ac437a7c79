import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configureSandboxAccounts } from '../../../src/main/webbridge/sandbox-demo';
import type { FolderView, MessagePage } from '../../../src/shared/api-values';
import type { Sandbox } from '../../../sandbox';
import { sandboxForFile } from '../../helpers/sandbox';
import { startApi } from './helpers';
import { sendOutcomes } from './send-helpers';

type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

const MARIO = 'mario.rossi@pec.alfa.test';
let sandbox: Sandbox;

sandboxForFile((started) => (sandbox = started));

test('a PEC sent with sendMessage is in Posta inviata before any sync, and once after the sync files the server copy', async (t) => {
  const { api, services } = await startApi(t);
  const [mario] = await configureSandboxAccounts(services, sandbox, [MARIO]);
  const subject = 'Deposito memoria, udienza del 12 marzo';
  const outcomes = sendOutcomes(api);
  const sent = (await api.dispatch('sendMessage', {
    accountId: mario.id, to: ['ufficio@pec.beta.test'], cc: [], subject, html: '<p>Si trasmette la memoria.</p>',
    inReplyTo: null, references: [], receiptVariant: 'completa', attachments: [],
  })) as Result<{ messageId: string; sentMessageId: number }>;
  assert.ok(sent.ok, JSON.stringify(sent));
  // sendMessage enqueues; the queue sends it, then copies it to the server's Sent folder.
  assert.equal((await outcomes.until(sent.value.sentMessageId)).state, 'submitted');

  const sentFolder = async () => {
    const folders = (await api.dispatch('listFolders', { accountId: mario.id })) as Result<FolderView[]>;
    assert.ok(folders.ok);
    const folder = folders.value.find((f) => f.role === 'sent');
    assert.ok(folder, `no Sent folder in ${JSON.stringify(folders.value.map((f) => f.path))}`);
    return folder;
  };
  const subjectsIn = async (folderId: number) => {
    const page = (await api.dispatch('listMessages', { folderId, offset: 0, limit: 100, sort: 'date', direction: 'desc' })) as Result<MessagePage>;
    assert.ok(page.ok);
    return page.value.rows.map((r) => r.subject);
  };

  // The copy is appended after the provider's answer, then listed from the stored bytes.
  const deadline = Date.now() + 15_000;
  const listedInSent = async () => {
    const folders = (await api.dispatch('listFolders', { accountId: mario.id })) as Result<FolderView[]>;
    return folders.ok && folders.value.some((f) => f.role === 'sent' && f.total > 0);
  };
  while (!(await listedInSent()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const before = await sentFolder();
  assert.deepEqual(await subjectsIn(before.id), [subject], 'listed from the stored copy, no sync has run');

  const [synced] = await services.mail.syncNow(mario.id);
  assert.ok(synced, 'the account was synced');
  const after = await sentFolder();
  assert.equal(after.id, before.id, 'the sync found the same Sent folder');
  assert.deepEqual(await subjectsIn(after.id), [subject], 'the server copy replaced the pending one: listed once');
  const uids = services.store.folderUids(after.id);
  assert.equal(uids.length, 1);
  assert.ok(uids[0] > 0, 'the location now has the server UID');
});
