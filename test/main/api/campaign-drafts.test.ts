// A bulk-send draft's recipient list kept in the engine (issue #14 §3): 100,000 recipients added in
// chunks as the composer sends them, paged and counted, edited (removed, a repeat, a contact's
// entry replacing a bare address), kept while the draft's text is saved without them, and all
// there after the store is closed and opened again. Nothing here connects to a mail server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApi } from '../../../src/main/api';
import { createServices, headlessSecretStore } from '../../../src/main/services';
import { webHost } from '../../../src/main/webbridge/launch';
import type { DraftRecipientsChangeView, DraftRecipientsPageView } from '../../../src/shared/api-campaign-drafts';
import type { ContactDetail, GroupView } from '../../../src/shared/api-contacts';
import type { CampaignDetail, CheckReport } from '../../../src/shared/api-send-values';
import { call, legalmailAccount, startApi } from './helpers';

const TOTAL = 100_000;
const CHUNK = 5_000;

const address = (i: number) => `cliente${String(i).padStart(6, '0')}@pec.esempio.it`;
const draftWithoutList = (accountId: string, subject: string) => ({
  accountId, subject, html: '<p>Gentile {{nome}},</p>', attachments: [], receiptVariant: 'completa', zipAttachments: false, cc: [],
});

test(`a draft of ${TOTAL} recipients added in chunks is paged, counted, edited, kept by text saves and there after reopening the store`, async (t) => {
  const { api, services, dir } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const created = await call<CampaignDetail>(api, 'campaignCreate', draftWithoutList(accountId, 'Avviso ai clienti'));
  const id = created.id;

  for (let start = 0; start < TOTAL; start += CHUNK) {
    const recipients = Array.from({ length: CHUNK }, (_, k) => ({ address: address(start + k).toUpperCase(), name: `Cliente ${start + k}`, fields: { nome: `Cliente ${start + k}` } }));
    const change = await call<DraftRecipientsChangeView>(api, 'campaignDraftRecipientsAdd', { id, recipients });
    assert.deepEqual(change, { added: CHUNK, removed: 0, duplicates: 0, total: start + CHUNK });
  }
  assert.deepEqual(await call(api, 'campaignDraftRecipientsCount', { id }), { total: TOTAL });

  const last = await call<DraftRecipientsPageView>(api, 'campaignDraftRecipientsPage', { id, offset: TOTAL - 10, limit: 100 });
  assert.equal(last.total, TOTAL);
  assert.deepEqual(last.rows.map((r) => r.address), Array.from({ length: 10 }, (_, k) => address(TOTAL - 10 + k)), 'in the order added, addresses normalized');
  assert.deepEqual(last.rows[0].fields, { nome: `Cliente ${TOTAL - 10}` });

  // One more than a campaign takes is refused, with the room left, and changes nothing.
  const over = await api.dispatch('campaignDraftRecipientsAdd', { id, recipients: [{ address: 'uno.di.troppo@pec.esempio.it' }] });
  assert.ok(!over.ok && over.error.code === 'invalid-request', JSON.stringify(over));
  assert.equal(over.error.reason, 'campaign-recipients-over-max');
  assert.deepEqual(over.error.params, { campaignId: id, max: 100_000, room: 0 });

  // Removing two, then a repeat: the repeat is counted and kept once.
  const removed = await call<DraftRecipientsChangeView>(api, 'campaignDraftRecipientsRemove', { id, addresses: [address(0), address(1), 'mai.aggiunto@pec.esempio.it'] });
  assert.deepEqual(removed, { added: 0, removed: 2, duplicates: 0, total: TOTAL - 2 });
  const repeat = await call<DraftRecipientsChangeView>(api, 'campaignDraftRecipientsAdd', { id, recipients: [{ address: address(5) }, { address: address(0) }] });
  assert.deepEqual(repeat, { added: 1, removed: 0, duplicates: 1, total: TOTAL - 1 });
  assert.deepEqual((await call<CampaignDetail>(api, 'campaignGet', { id })).duplicates, [address(5)], 'the repeat is kept for the pre-send check');

  // The composer's autosave of the text leaves the list alone.
  await call(api, 'campaignUpdate', { id, draft: draftWithoutList(accountId, 'Avviso ai clienti, versione 2') });
  assert.deepEqual(await call(api, 'campaignDraftRecipientsCount', { id }), { total: TOTAL - 1 });

  // Reopened: the same list.
  api.dispose();
  await services.close();
  const dataDir = `${dir}/data`;
  const reopened = await createServices({ dataDir, secrets: headlessSecretStore(dataDir) });
  const again = createApi(reopened, webHost('test', dir), () => undefined);
  try {
    assert.deepEqual(await call(again, 'campaignDraftRecipientsCount', { id }), { total: TOTAL - 1 });
    const first = await call<DraftRecipientsPageView>(again, 'campaignDraftRecipientsPage', { id, offset: 0, limit: 3 });
    assert.deepEqual(first.rows.map((r) => r.address), [address(2), address(3), address(4)]);
    assert.equal((await call<CampaignDetail>(again, 'campaignGet', { id })).subject, 'Avviso ai clienti, versione 2');
  } finally {
    again.dispose();
    await reopened.close();
  }
});

test('a contacts group added to a draft brings each member once with its fields; replace starts the list over; a campaign no longer a draft refuses edits', async (t) => {
  const { api, services } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const group = await call<GroupView>(api, 'groupCreate', { name: 'Condomini' });
  for (const [name, pec] of [['Anna Rossi', 'anna.rossi@pec.it'], ['Luca Verdi', 'luca.verdi@pec.it']]) {
    const contact = await call<ContactDetail>(api, 'contactSave', { contact: { name, pec } });
    await call(api, 'groupAddMembers', { groupId: group.id, contactIds: [contact.id] });
  }
  const { id } = await call<CampaignDetail>(api, 'campaignCreate', draftWithoutList(accountId, 'Convocazione'));
  // Typed first as a bare address: the contact's entry replaces it, bringing its name and fields.
  await call(api, 'campaignDraftRecipientsAdd', { id, recipients: [{ address: 'anna.rossi@pec.it' }] });
  const added = await call<DraftRecipientsChangeView>(api, 'campaignDraftRecipientsAddContacts', { id, contactIds: [], groupIds: [group.id] });
  assert.deepEqual(added, { added: 1, removed: 0, duplicates: 1, total: 2 });
  const page = await call<DraftRecipientsPageView>(api, 'campaignDraftRecipientsPage', { id, offset: 0, limit: 10 });
  assert.deepEqual(page.rows.map((r) => [r.address, r.name, r.contactId !== null]), [['anna.rossi@pec.it', 'Anna Rossi', true], ['luca.verdi@pec.it', 'Luca Verdi', true]]);
  assert.equal(page.rows[0].fields.nome, 'Anna Rossi');

  const replaced = await call<DraftRecipientsChangeView>(api, 'campaignDraftRecipientsReplace', { id, recipients: [{ address: 'solo@pec.esempio.it' }] });
  assert.deepEqual(replaced, { added: 1, removed: 2, duplicates: 0, total: 1 });

  // The pre-send check reads the list kept in the store.
  const report = await call<CheckReport>(api, 'campaignCheck', { id });
  assert.equal(report.estimate.recipients, 1);

  await call(api, 'campaignCancel', { id });
  const late = await api.dispatch('campaignDraftRecipientsAdd', { id, recipients: [{ address: 'tardi@pec.esempio.it' }] });
  assert.ok(!late.ok && late.error.code === 'wrong-state', JSON.stringify(late));
  assert.deepEqual(await call(api, 'campaignDraftRecipientsCount', { id }), { total: 1 });
});
