// The bulk-send API over real services: what the composer and the campaign view get back, and the
// payloads the main process refuses before the send domain sees them. Nothing here connects to a
// mail server (the account is a Legalmail preset that is never reached; no campaign is started
// past its checks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContactDetail, FileOutput, GroupView } from '../../../src/shared/api-contacts';
import type { CampaignRecipientView } from '../../../src/shared/api-send';
import type { CampaignDetail, CheckReport, MessagePreview, RecipientPage } from '../../../src/shared/api-send-values';
import { unzip } from '../send/helpers';
import type { PecEvent } from '../../../src/shared/api';
import { call, legalmailAccount, refused, startApi } from './helpers';

function draft(accountId: string, overrides: Record<string, unknown> = {}) {
  return {
    accountId,
    subject: 'Convocazione assemblea',
    html: '<p>Gentile {{nome}},</p><p>pratica n. {{pratica}}.</p>',
    attachments: [{ filename: 'ordine del giorno.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4 odg').toString('base64') }],
    receiptVariant: 'breve',
    zipAttachments: false,
    cc: [],
    recipients: [
      { address: 'Anna.Rossi@PEC.it', name: 'Anna Rossi', fields: { nome: 'Anna', pratica: '42' } },
      { address: 'ufficio@postacert.comune.milano.it', name: 'Comune di Milano' },
    ],
    ...overrides,
  };
}

test('payloads the composer could never send are refused before any campaign is saved', async (t) => {
  const { api, services } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const bad: [string, unknown][] = [
    ['campaignCreate', draft('abc')],
    ['campaignCreate', draft(accountId, { attachments: [{ filename: 'a.pdf', dataBase64: 'not base64!' }] })],
    ['campaignCreate', draft(accountId, { recipients: [{ address: 'a@pec.it', bcc: true }] })],
    ['campaignCreate', draft(accountId, { receiptVariant: 'completissima' })],
    ['campaignUpdate', { id: 0, draft: draft(accountId) }],
    ['campaignRecipients', { id: 1, offset: 0, limit: 0 }],
    ['campaignRecipients', { id: 1, statuses: ['consegnato'], offset: 0, limit: 10 }],
    ['campaignPacing', { accountId: 7 }],
    ['recipientsFromContacts', { contactIds: [-1], groupIds: [] }],
  ];
  for (const [method, payload] of bad) {
    const error = await refused(api, method, payload);
    assert.equal(error.code, 'invalid-request', `${method} ${JSON.stringify(payload).slice(0, 120)}`);
  }
  assert.deepEqual(await call(api, 'campaignList', {}), []);
});

test('a saved draft comes back with its recipients, and a recipient missing {{pratica}} blocks the start', async (t) => {
  const { api, services } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const created = await call<CampaignDetail>(api, 'campaignCreate', draft(accountId));
  assert.equal(created.state, 'draft');
  assert.equal(created.attachments[0].filename, 'ordine del giorno.pdf');
  assert.equal(created.counts.total, 2);

  const page = await call<RecipientPage>(api, 'campaignRecipients', { id: created.id, offset: 0, limit: 50 });
  assert.deepEqual(page.rows.map((r) => r.address), ['anna.rossi@pec.it', 'ufficio@postacert.comune.milano.it']);
  const [anna, comune] = page.rows;
  const preview = await call<MessagePreview>(api, 'campaignPreview', { id: created.id, recipientId: anna.id });
  assert.match(preview.html ?? '', /Gentile Anna,.*pratica n\. 42\./s);
  assert.deepEqual(preview.missing, []);
  assert.deepEqual((await call<MessagePreview>(api, 'campaignPreview', { id: created.id, recipientId: comune.id })).missing, ['pratica']);

  const report = await call<CheckReport>(api, 'campaignCheck', { id: created.id });
  assert.equal(report.blocked, true);
  assert.equal(report.estimate.recipients, 2);
  const missingField = report.findings.find((f) => f.code === 'missing-field');
  assert.deepEqual(missingField?.missing, [{ address: 'ufficio@postacert.comune.milano.it', fields: ['pratica'] }]);
  const start = await refused(api, 'campaignStart', { id: created.id });
  assert.equal(start.code, 'checks-failed');
  assert.ok(start.items?.some((m) => /segnaposto/.test(m)), JSON.stringify(start.items));
  assert.equal((await call<CampaignDetail>(api, 'campaignGet', { id: created.id })).state, 'draft', 'nothing was sent');

  const fixed = await call<CampaignDetail>(api, 'campaignUpdate', {
    id: created.id,
    draft: draft(accountId, { recipients: [{ address: 'anna.rossi@pec.it', fields: { nome: 'Anna', pratica: '42' } }] }),
  });
  assert.equal(fixed.counts.total, 1);
  assert.equal((await call<CheckReport>(api, 'campaignCheck', { id: created.id })).blocked, false);

  assert.equal(await call(api, 'campaignRemove', { id: created.id }), null);
  assert.equal((await refused(api, 'campaignGet', { id: created.id })).code, 'not-found');
});

test('recipients picked from a group carry each contact’s fields as placeholders', async (t) => {
  const { api, services } = await startApi(t);
  await legalmailAccount(services);
  const rossi = await call<ContactDetail>(api, 'contactSave', {
    contact: { name: 'Anna Rossi', organization: 'Rossi Srl', pec: 'anna.rossi@pec.it', fields: { 'Numero pratica': '42' } },
  });
  const bianchi = await call<ContactDetail>(api, 'contactSave', { contact: { name: 'Luca Bianchi', email: 'luca@bianchi.it' } });
  const group = await call<GroupView>(api, 'groupCreate', { name: 'Condomini' });
  await call(api, 'groupAddMembers', { groupId: group.id, contactIds: [rossi.id] });

  const picked = await call<CampaignRecipientView[]>(api, 'recipientsFromContacts', { contactIds: [bianchi.id, rossi.id], groupIds: [group.id] });
  assert.deepEqual(picked.map((r) => r.address).sort(), ['anna.rossi@pec.it', 'luca@bianchi.it'], 'a contact in the group and picked too comes once');
  const anna = picked.find((r) => r.contactId === rossi.id)!;
  assert.equal(anna.fields.nome, 'Anna Rossi');
  assert.equal(anna.fields.ragione_sociale, 'Rossi Srl');
  assert.equal(anna.fields.numero_pratica, '42');
  assert.equal((await refused(api, 'recipientsFromContacts', { contactIds: [], groupIds: [999] })).code, 'not-found');
});

test('the evidence of a campaign comes to the browser as a .zip download with its report and manifest', async (t) => {
  const { api, services } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const created = await call<CampaignDetail>(api, 'campaignCreate', draft(accountId, { recipients: [{ address: 'anna.rossi@pec.it', fields: { pratica: '42' } }] }));
  const out = await call<FileOutput & { summary: { recipients: number } | null }>(api, 'campaignExport', { id: created.id });
  assert.equal(out.kind, 'download');
  assert.ok(out.kind === 'download');
  assert.match(out.filename, /\.zip$/);
  assert.equal(out.summary?.recipients, 1);
  const names = [...(await unzip(Buffer.from(out.dataBase64, 'base64'))).keys()];
  assert.ok(names.includes('manifest.json'), names.join(', '));
  assert.ok(names.includes('report.csv') && names.includes('report.xlsx'), names.join(', '));
});

test('editing a draft keeps its saved attachments by id, without the composer sending their bytes again', async (t) => {
  const { api, services } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const created = await call<CampaignDetail>(api, 'campaignCreate', draft(accountId));
  const [pdf] = created.attachments;
  const edited = await call<CampaignDetail>(api, 'campaignUpdate', {
    id: created.id,
    draft: draft(accountId, { subject: 'Convocazione assemblea (rettifica)', attachments: [{ keep: pdf.id }] }),
  });
  assert.equal(edited.subject, 'Convocazione assemblea (rettifica)');
  assert.deepEqual(
    edited.attachments.map((a) => [a.filename, a.sha256]),
    [[pdf.filename, pdf.sha256]],
    'the same bytes, byte for byte',
  );
  const gone = await refused(api, 'campaignUpdate', { id: created.id, draft: draft(accountId, { attachments: [{ keep: pdf.id + 1_000 }] }) });
  assert.equal(gone.code, 'not-found');
  assert.match(gone.message, /allegalo di nuovo/);
});

test('the send queue reaches the renderer on the store’s change stream: a campaign’s and its recipients’ states come as store-changed campaigns', async (t) => {
  const { api, services } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const heard: PecEvent[] = [];
  api.onEvent((event) => heard.push(event));
  const created = await call<CampaignDetail>(api, 'campaignCreate', draft(accountId));
  const afterCreate = heard.length;
  assert.ok(heard.some((e) => e.type === 'store-changed' && e.entities.includes('campaigns')), 'the new campaign is a change of campaigns');

  // Cancelling moves every recipient (pending → cancelled) in one commit, then the campaign's state.
  assert.deepEqual(await call(api, 'campaignCancel', { id: created.id }), { cancelled: 2 });
  const told = heard.slice(afterCreate).filter((e) => e.type === 'store-changed' && e.entities.includes('campaigns'));
  assert.equal(told.length, 2, JSON.stringify(heard.slice(afterCreate)));
  // What the renderer queries on that change is the committed state.
  assert.equal((await call<CampaignDetail>(api, 'campaignGet', { id: created.id })).state, 'cancelled');
  const page = await call<RecipientPage>(api, 'campaignRecipients', { id: created.id, offset: 0, limit: 50 });
  assert.deepEqual(page.rows.map((r) => r.status), ['cancelled', 'cancelled']);
  assert.deepEqual(heard.map((e) => e.type).filter((type) => type !== 'store-changed'), [], 'no copy of the rows travels as an event of its own');
});
