import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDraftMessage, deleteDraftCopies, saveDraftOnServer, type DraftContent } from '../../../../src/main/mail';
import { PASSWORD, useAccountMailbox } from '../smtp/fixtures';

const { account, fetchFolder } = useAccountMailbox();

const content = (subject: string): DraftContent => ({
  to: ['bianchi@pec.beta.test', 'indirizzo-a-meta'],
  cc: [],
  subject,
  html: '<p>Gentile collega, <b>in bozza</b>.</p>',
  receiptVariant: 'sintetica',
  inReplyTo: null,
  references: [],
  attachments: [{ filename: 'diffida.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 finto\n') }],
});

async function drafts(): Promise<{ uid: number; flags: string[]; source: string }[]> {
  return (await fetchFolder('Drafts')).map((m) => ({ ...m, source: m.source.toString('latin1') }));
}

test('a draft goes to the folder marked \\Drafts with the \\Draft flag, its text, its file and the local draft it belongs to', async () => {
  const message = await buildDraftMessage(account(), content('Bozza: diffida ad adempiere'), 41);
  const saved = await saveDraftOnServer(account(), PASSWORD, message, []);
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.deepEqual(saved.folder, { path: 'Drafts', specialUse: '\\Drafts' });
  assert.equal(saved.copy?.path, 'Drafts');
  const [copy] = (await drafts()).filter((d) => d.uid === saved.copy?.uid);
  assert.ok(copy, 'the UID the save reported is the copy on the server');
  assert.ok(copy.flags.includes('\\Draft'));
  assert.match(copy.source, /^Subject: Bozza: diffida ad adempiere\r$/m);
  assert.match(copy.source, /^X-PecDesk-Draft: 41\r$/im);
  assert.match(copy.source, /^X-Tiporicevuta: sintetica\r$/im);
  assert.match(copy.source, /filename=diffida\.pdf/);
  // A half-written address is not one MIME can carry: the server copy has the whole ones (the local copy keeps the text as typed).
  assert.match(copy.source, /^To: bianchi@pec\.beta\.test\r$/m);
  await deleteDraftCopies(account(), PASSWORD, [saved.copy!]);
});

test('each save replaces the previous copy: the folder holds only the last version', async () => {
  const first = await saveDraftOnServer(account(), PASSWORD, await buildDraftMessage(account(), content('Prima stesura'), 7), []);
  assert.ok(first.ok && first.copy);
  const second = await saveDraftOnServer(account(), PASSWORD, await buildDraftMessage(account(), content('Seconda stesura'), 7), [first.copy]);
  assert.ok(second.ok && second.copy, JSON.stringify(second));
  assert.deepEqual(second.notDeleted, []);
  const left = await drafts();
  assert.deepEqual(left.map((d) => d.uid), [second.copy.uid]);
  assert.match(left[0].source, /^Subject: Seconda stesura\r$/m);

  const removed = await deleteDraftCopies(account(), PASSWORD, [second.copy]);
  assert.deepEqual(removed, { ok: true, notDeleted: [] });
  assert.deepEqual(await drafts(), []);
  // A copy another client already deleted is not an error: it is not there any more.
  assert.deepEqual(await deleteDraftCopies(account(), PASSWORD, [second.copy]), { ok: true, notDeleted: [] });
});

test('a wrong password fails the save as an auth problem and leaves the previous copy in place', async () => {
  const kept = await saveDraftOnServer(account(), PASSWORD, await buildDraftMessage(account(), content('Da non perdere'), 9), []);
  assert.ok(kept.ok && kept.copy);
  const failed = await saveDraftOnServer(account(), 'sbagliata', await buildDraftMessage(account(), content('Mai arrivata'), 9), [kept.copy]);
  assert.ok(!failed.ok);
  assert.equal(failed.code, 'auth');
  assert.deepEqual((await drafts()).map((d) => d.uid), [kept.copy.uid]);
  const undeleted = await deleteDraftCopies(account(), 'sbagliata', [kept.copy]);
  assert.ok(!undeleted.ok);
  assert.deepEqual(undeleted.notDeleted, [kept.copy], 'the copies not deleted are named for a later try');
  await deleteDraftCopies(account(), PASSWORD, [kept.copy]);
});
