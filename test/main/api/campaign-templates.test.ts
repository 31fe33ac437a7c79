// The template methods of the bulk-send API (src/main/api/campaigns.ts) over real services: save a
// draft as a template, start a new draft from it, and the payloads the main process refuses.
// Nothing here connects to a mail server (the account is a Legalmail preset never reached).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiBackend } from '../../../src/main/api';
import type { CampaignDetail, CampaignTemplate } from '../../../src/shared/api-send-values';
import { call, legalmailAccount, refused, startApi } from './helpers';

const refusedCode = async (api: ApiBackend, method: string, payload: unknown) => (await refused(api, method, payload)).code;

test('a draft saved as a template starts a new draft with its message and files but no recipients', async (t) => {
  const { api, services } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const pdf = Buffer.from('%PDF-1.4 ordine del giorno');
  const source = await call<CampaignDetail>(api, 'campaignCreate', {
    accountId,
    subject: 'Convocazione assemblea',
    html: '<p>Gentile {{nome}},</p>',
    attachments: [{ filename: 'odg.pdf', contentType: 'application/pdf', dataBase64: pdf.toString('base64') }],
    receiptVariant: 'sintetica',
    zipAttachments: false,
    cc: [],
    recipients: [{ address: 'anna.rossi@pec.it', fields: { nome: 'Anna' } }],
  });
  const template = await call<CampaignTemplate>(api, 'campaignTemplateSave', { campaignId: source.id, name: 'Convocazione' });
  assert.deepEqual(template.attachments.map((a) => [a.filename, a.size]), [['odg.pdf', pdf.length]]);
  assert.deepEqual((await call<CampaignTemplate[]>(api, 'campaignTemplateList', {})).map((x) => x.name), ['Convocazione']);

  const draft = await call<CampaignDetail>(api, 'campaignFromTemplate', { templateId: template.id, accountId });
  assert.deepEqual([draft.subject, draft.html, draft.receiptVariant, draft.counts.total], ['Convocazione assemblea', '<p>Gentile {{nome}},</p>', 'sintetica', 0]);
  assert.equal(draft.attachments[0].sha256, source.attachments[0].sha256);

  assert.equal(await call(api, 'campaignTemplateRemove', { id: template.id }), null);
  assert.equal((await call<CampaignDetail[]>(api, 'campaignList', {})).length, 2, 'the campaigns stay');
  assert.equal(await refusedCode(api, 'campaignFromTemplate', { templateId: template.id, accountId }), 'not-found');
});

test('template payloads the UI could never send are refused before anything is saved', async (t) => {
  const { api, services } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const bad: [string, unknown][] = [
    ['campaignTemplateSave', { campaignId: 1, name: '   ' }],
    ['campaignTemplateSave', { campaignId: 1, name: 'x'.repeat(201) }],
    ['campaignTemplateSave', { campaignId: '1', name: 'Modello' }],
    ['campaignTemplateSave', { campaignId: 1, name: 'Modello', recipients: [] }],
    ['campaignTemplateList', { all: true }],
    ['campaignTemplateRemove', { id: 0 }],
    ['campaignFromTemplate', { templateId: 1, accountId: Number(accountId) }],
    ['campaignFromTemplate', { templateId: -1, accountId }],
  ];
  for (const [method, payload] of bad) assert.equal(await refusedCode(api, method, payload), 'invalid-request', `${method} ${JSON.stringify(payload).slice(0, 80)}`);
  assert.deepEqual(await call(api, 'campaignTemplateList', {}), []);
  assert.equal(await refusedCode(api, 'campaignTemplateSave', { campaignId: 999, name: 'Modello' }), 'not-found');
  assert.equal(await refusedCode(api, 'campaignFromTemplate', { templateId: 1, accountId: '999' }), 'not-found');
});
