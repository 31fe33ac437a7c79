// Drafts of single messages and messages from templates over the real API, against the PEC
// sandbox (real Dovecot and SMTP gestore): the local copy, the server's copy in Drafts replaced
// at each save, discarding, sending from a draft, and placeholders filled from a contact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import { configureSandboxAccounts } from '../../../src/main/webbridge/sandbox-demo';
import type { DraftSaveView, DraftSummary, EditableDraft, OtherDraftSummary, TemplateDraftView } from '../../../src/shared/api-drafts';
import type { CampaignDetail, CampaignTemplate } from '../../../src/shared/api-send-values';
import type { FolderView } from '../../../src/shared/api-values';
import type { Sandbox } from '../../../sandbox';
import { sandboxForFile } from '../../helpers/sandbox';
import { call, composeMessage, refused, startApi } from './helpers';

const MARIO = 'mario.rossi@pec.alfa.test';
const PDF = Buffer.from('%PDF-1.4 bozza di ricorso\n');
let sandbox: Sandbox;

sandboxForFile((started) => (sandbox = started));

/** A logged-in IMAP client of a sandbox mailbox. */
async function imapOf(address: string): Promise<ImapFlow> {
  const mailbox = sandbox.accounts.find((a) => a.address === address)!;
  const client = new ImapFlow({ host: '127.0.0.1', port: sandbox.imap.port, secure: false, doSTARTTLS: false, logger: false, auth: { user: address, pass: mailbox.password } });
  await client.connect();
  return client;
}

/** The subjects in the sandbox mailbox's Drafts folder, read over IMAP. */
async function serverDrafts(address: string): Promise<string[]> {
  const client = await imapOf(address);
  try {
    const box = await client.mailboxOpen('Drafts');
    if (box.exists === 0) return [];
    const subjects: string[] = [];
    for await (const msg of client.fetch('1:*', { envelope: true, flags: true })) {
      assert.ok(msg.flags?.has('\\Draft'), 'every copy is flagged \\Draft');
      subjects.push(msg.envelope?.subject ?? '');
    }
    return subjects;
  } finally {
    await client.logout();
  }
}

const fields = (accountId: string | null, subject: string, over: Record<string, unknown> = {}) => ({
  draftId: null,
  accountId,
  to: ['ufficio@pec.beta.test'],
  cc: [],
  subject,
  html: '<p>Ricorso in bozza.</p>',
  receiptVariant: 'breve',
  inReplyTo: null,
  references: [],
  attachments: [{ filename: 'ricorso.pdf', contentType: 'application/pdf', dataBase64: PDF.toString('base64') }],
  ...over,
});

test('each save keeps the draft here and one copy of its last version in the server’s Drafts, listed as Bozze', async (t) => {
  const { api, services } = await startApi(t);
  const [mario] = await configureSandboxAccounts(services, sandbox, [MARIO]);
  const first = await call<DraftSaveView>(api, 'draftSave', fields(mario.id, 'Ricorso TAR, prima stesura'));
  assert.equal(first.server, 'saved', JSON.stringify(first));
  const second = await call<DraftSaveView>(api, 'draftSave', fields(mario.id, 'Ricorso TAR, seconda stesura', { draftId: first.draftId }));
  assert.equal(second.draftId, first.draftId);
  assert.deepEqual(await serverDrafts(MARIO), ['Ricorso TAR, seconda stesura']);

  const folders = await call<FolderView[]>(api, 'listFolders', { accountId: mario.id });
  assert.equal(folders.find((f) => f.role === 'drafts')?.path, 'Drafts', 'Bozze is in the folder tree before any sync');
  const listed = await call<DraftSummary[]>(api, 'draftList', { accountId: mario.id });
  assert.deepEqual(listed.map((d) => [d.draftId, d.subject, d.onServer, d.attachments]), [[first.draftId, 'Ricorso TAR, seconda stesura', true, 1]]);

  const opened = await call<EditableDraft>(api, 'draftOpen', { draftId: first.draftId });
  assert.deepEqual([opened.accountId, opened.to, opened.subject, opened.receiptVariant], [mario.id, ['ufficio@pec.beta.test'], 'Ricorso TAR, seconda stesura', 'breve']);
  assert.deepEqual(opened.uploads.map((u) => [u.filename, Buffer.from(u.dataBase64, 'base64').equals(PDF)]), [['ricorso.pdf', true]]);

  assert.deepEqual(await call(api, 'draftDiscard', { draftId: first.draftId }), { serverRemoved: true, detail: null });
  assert.deepEqual(await serverDrafts(MARIO), []);
  assert.deepEqual(await call<DraftSummary[]>(api, 'draftList', {}), []);
  const gone = await api.dispatch('draftSave', fields(mario.id, 'Dopo lo scarto', { draftId: first.draftId }));
  assert.ok(!gone.ok && gone.error.code === 'not-found', 'an autosave after the discard does not bring the draft back');
});

test('a draft whose server is unreachable is kept here and says why; the next save that reaches it leaves one copy', async (t) => {
  const { api, services } = await startApi(t);
  const [mario] = await configureSandboxAccounts(services, sandbox, [MARIO]);
  const saved = await services.accounts.get(mario.id);
  assert.ok(saved.ok);
  // The same account pointed at a closed port: the network is down as far as this draft knows.
  const password = sandbox.accounts.find((a) => a.address === MARIO)!.password;
  const offline = await services.saveAccount({ ...saved.value, imap: { ...saved.value.imap, port: 1 } }, password);
  assert.ok(offline.ok, JSON.stringify(offline));
  const local = await call<DraftSaveView>(api, 'draftSave', fields(mario.id, 'Scritta senza rete'));
  assert.equal(local.server, 'failed');
  assert.ok(local.serverDetail);
  assert.equal((await call<EditableDraft>(api, 'draftOpen', { draftId: local.draftId })).subject, 'Scritta senza rete');

  assert.ok((await services.saveAccount({ ...saved.value }, password)).ok);
  const online = await call<DraftSaveView>(api, 'draftSave', fields(mario.id, 'Scritta senza rete, poi salvata', { draftId: local.draftId }));
  assert.equal(online.server, 'saved', JSON.stringify(online));
  assert.deepEqual(await serverDrafts(MARIO), ['Scritta senza rete, poi salvata']);
  await call(api, 'draftDiscard', { draftId: local.draftId });
});

test('sending a message written in a draft removes the draft here and on the server', async (t) => {
  const { api, services } = await startApi(t);
  const [mario] = await configureSandboxAccounts(services, sandbox, [MARIO]);
  const saved = await call<DraftSaveView>(api, 'draftSave', fields(mario.id, 'Istanza di accesso agli atti'));
  assert.equal(saved.server, 'saved');
  const { draftId: _draftId, accountId: _accountId, ...message } = fields(mario.id, 'Istanza di accesso agli atti');
  await call(api, 'sendMessage', { ...message, accountId: mario.id, draftId: saved.draftId });
  assert.deepEqual(await call<DraftSummary[]>(api, 'draftList', {}), []);
  assert.deepEqual(await serverDrafts(MARIO), []);
});

test('a message from a template fills its placeholders from the recipient’s contact and leaves the unknown ones visible, named', async (t) => {
  const { api, services } = await startApi(t);
  const [mario] = await configureSandboxAccounts(services, sandbox, [MARIO]);
  assert.ok(services.contacts.save({ name: 'Anna Bianchi', pec: 'ufficio@pec.beta.test', fields: { comune: 'Bologna' } }).ok);
  const campaign = await call<CampaignDetail>(api, 'campaignCreate', {
    accountId: mario.id,
    subject: 'Convocazione per {{nome}}',
    html: '<p>Gentile {{nome}} di {{comune}}, protocollo {{protocollo}}.</p>',
    attachments: [{ filename: 'odg.pdf', contentType: 'application/pdf', dataBase64: PDF.toString('base64') }],
    receiptVariant: 'sintetica',
    zipAttachments: false,
    cc: [],
    recipients: [],
  });
  const template = await call<CampaignTemplate>(api, 'campaignTemplateSave', { campaignId: campaign.id, name: 'Convocazione' });

  const known = await call<TemplateDraftView>(api, 'draftFromTemplate', { templateId: template.id, accountId: mario.id, replyTo: null, to: ['Ufficio@PEC.beta.test'] });
  assert.equal(known.subject, 'Convocazione per Anna Bianchi');
  assert.equal(known.lead, '<p>Gentile Anna Bianchi di Bologna, protocollo {{protocollo}}.</p>');
  assert.deepEqual(known.missing, ['protocollo']);
  assert.deepEqual([known.receiptVariant, known.uploads.map((u) => u.filename)], ['sintetica', ['odg.pdf']]);

  const unknown = await call<TemplateDraftView>(api, 'draftFromTemplate', { templateId: template.id, accountId: mario.id, replyTo: null, to: [] });
  assert.equal(unknown.subject, 'Convocazione per {{nome}}');
  assert.deepEqual(unknown.missing.sort(), ['comune', 'nome', 'protocollo']);
  const missing = await api.dispatch('draftFromTemplate', { templateId: 999, accountId: null, replyTo: null, to: [] });
  assert.ok(!missing.ok && missing.error.code === 'not-found');
});

test('"Rispondi con modello" writes to the real sender with the template’s text above the quote, filled from the sender’s contact', async (t) => {
  const { api, services } = await startApi(t);
  const [mario] = await configureSandboxAccounts(services, sandbox, [MARIO]);
  assert.ok(services.contacts.save({ name: 'Anna Bianchi', pec: 'ufficio@pec.beta.test' }).ok);
  const stored = await services.store.importMessage(
    await composeMessage({ from: 'Anna Bianchi <ufficio@pec.beta.test>', to: MARIO, subject: 'Richiesta documenti', text: 'Servono i documenti della pratica.', messageId: '<richiesta.1@pec.beta.test>' }),
  );
  assert.ok(stored.ok);
  const campaign = await call<CampaignDetail>(api, 'campaignCreate', {
    accountId: mario.id, subject: 'Riscontro', html: '<p>Gentile {{nome}}, in riscontro alla sua richiesta.</p>', attachments: [],
    receiptVariant: 'completa', zipAttachments: false, cc: [], recipients: [],
  });
  const template = await call<CampaignTemplate>(api, 'campaignTemplateSave', { campaignId: campaign.id, name: 'Riscontro' });

  const reply = await call<TemplateDraftView>(api, 'draftFromTemplate', { templateId: template.id, accountId: null, replyTo: { messageId: stored.messageRowId }, to: [] });
  assert.deepEqual([reply.to, reply.subject, reply.inReplyTo], [['ufficio@pec.beta.test'], 'Re: Richiesta documenti', 'richiesta.1@pec.beta.test']);
  assert.equal(reply.lead, '<p>Gentile Anna Bianchi, in riscontro alla sua richiesta.</p>');
  assert.match(reply.html, /<blockquote type="cite">[\s\S]*Servono i documenti della pratica\./);
  assert.deepEqual(reply.missing, []);
});

test('a discard sent while a save is still on its way to the server leaves nothing behind, here or there', async (t) => {
  const { api, services } = await startApi(t);
  const [mario] = await configureSandboxAccounts(services, sandbox, [MARIO]);
  const first = await call<DraftSaveView>(api, 'draftSave', fields(mario.id, 'Bozza contesa'));
  const saving = api.dispatch('draftSave', fields(mario.id, 'Bozza contesa, ultima versione', { draftId: first.draftId }));
  const discarded = await call<{ serverRemoved: boolean }>(api, 'draftDiscard', { draftId: first.draftId });
  await saving;
  assert.equal(discarded.serverRemoved, true);
  assert.deepEqual(await call<DraftSummary[]>(api, 'draftList', {}), []);
  assert.deepEqual(await serverDrafts(MARIO), [], 'the copy the racing save appended went too');
});

test('a draft moved to another account leaves the first account’s Drafts: its copy follows the account', async (t) => {
  const { api, services } = await startApi(t);
  const [mario, ufficio] = await configureSandboxAccounts(services, sandbox, [MARIO, 'ufficio@pec.beta.test']);
  const first = await call<DraftSaveView>(api, 'draftSave', fields(mario.id, 'Bozza cambiata di mittente'));
  assert.deepEqual(await serverDrafts(MARIO), ['Bozza cambiata di mittente']);
  const moved = await call<DraftSaveView>(api, 'draftSave', fields(ufficio.id, 'Bozza cambiata di mittente', { draftId: first.draftId }));
  assert.equal(moved.server, 'saved');
  assert.deepEqual(await serverDrafts(MARIO), [], 'no copy left behind on the first account’s server');
  assert.deepEqual(await serverDrafts('ufficio@pec.beta.test'), ['Bozza cambiata di mittente']);
  assert.deepEqual(await call(api, 'draftDiscard', { draftId: first.draftId }), { serverRemoved: true, detail: null });
  assert.deepEqual(await serverDrafts('ufficio@pec.beta.test'), []);
});

test('a draft another program left in the server’s Drafts is listed in Bozze, opens with its addresses, text and file, and its first save here replaces it there', async (t) => {
  const STUDIO = 'studio@pec.alfa.test';
  const { api, services } = await startApi(t);
  const [studio] = await configureSandboxAccounts(services, sandbox, [STUDIO]);
  const ours = await call<DraftSaveView>(api, 'draftSave', fields(studio.id, 'Scritta in PecDesk'));
  assert.equal(ours.server, 'saved');
  // What a webmail keeps: an ordinary MIME message flagged \Draft, a reply with its References.
  const webmail = [
    `From: Studio <${STUDIO}>`,
    'To: "Ufficio Beta" <ufficio@pec.beta.test>',
    'Cc: protocollo@pec.beta.test',
    'Subject: Memoria difensiva (dal telefono)',
    'Message-ID: <bozza-webmail-1@pec.alfa.test>',
    'References: <atto-1@pec.beta.test> <atto-2@pec.beta.test>',
    'X-TipoRicevuta: sintetica',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Memoria da completare <b>entro venerdì</b>.</p>',
    '--b1',
    'Content-Type: application/pdf; name="memoria.pdf"',
    'Content-Disposition: attachment; filename="memoria.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    PDF.toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');
  const client = await imapOf(STUDIO);
  try {
    await client.append('Drafts', Buffer.from(webmail), ['\\Draft', '\\Seen']);
  } finally {
    await client.logout();
  }
  await services.mail.syncNow(studio.id);

  const others = await call<OtherDraftSummary[]>(api, 'draftListOthers', { accountId: studio.id });
  assert.deepEqual(others.map((d) => [d.subject, d.to, d.hasAttachments]), [['Memoria difensiva (dal telefono)', ['ufficio@pec.beta.test'], true]], 'PecDesk’s own copy is not listed as another program’s');

  const opened = await call<EditableDraft>(api, 'draftOpenOther', { messageId: others[0].messageId });
  assert.ok(opened.draftId);
  assert.deepEqual([opened.accountId, opened.to, opened.cc, opened.subject, opened.receiptVariant], [studio.id, ['Ufficio Beta <ufficio@pec.beta.test>'], ['protocollo@pec.beta.test'], 'Memoria difensiva (dal telefono)', 'sintetica']);
  assert.match(opened.html, /<b>entro venerdì<\/b>/);
  assert.deepEqual([opened.inReplyTo, opened.references], ['atto-2@pec.beta.test', ['atto-1@pec.beta.test', 'atto-2@pec.beta.test']]);
  assert.deepEqual(opened.uploads.map((u) => [u.filename, Buffer.from(u.dataBase64, 'base64').equals(PDF)]), [['memoria.pdf', true]]);
  assert.deepEqual(await call<OtherDraftSummary[]>(api, 'draftListOthers', { accountId: studio.id }), [], 'once opened it is a draft of PecDesk’s');
  const again = await refused(api, 'draftOpenOther', { messageId: others[0].messageId });
  assert.equal(again.code, 'not-found', 'opened twice, no second draft is made');
  assert.equal((await call<DraftSummary[]>(api, 'draftList', { accountId: studio.id })).length, 2);

  const saved = await call<DraftSaveView>(api, 'draftSave', {
    ...fields(studio.id, 'Memoria difensiva, completata in PecDesk'),
    draftId: opened.draftId,
    to: opened.to,
    cc: opened.cc,
    html: opened.html,
    receiptVariant: opened.receiptVariant,
    inReplyTo: opened.inReplyTo,
    references: opened.references,
    attachments: opened.uploads.map(({ filename, contentType, dataBase64 }) => ({ filename, contentType, dataBase64 })),
  });
  assert.equal(saved.server, 'saved', JSON.stringify(saved));
  assert.deepEqual((await serverDrafts(STUDIO)).sort(), ['Memoria difensiva, completata in PecDesk', 'Scritta in PecDesk'], 'the webmail’s copy was replaced, not kept beside');
  assert.deepEqual(await call<OtherDraftSummary[]>(api, 'draftListOthers', { accountId: studio.id }), [], 'the replaced copy is not listed again before the next sync notices it gone');
  for (const d of await call<DraftSummary[]>(api, 'draftList', { accountId: studio.id })) await call(api, 'draftDiscard', { draftId: d.draftId });
  assert.deepEqual(await serverDrafts(STUDIO), []);
});
