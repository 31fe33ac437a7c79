import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { ApiBackend } from '../../../src/main/api';
import type { ContactDetail, ContactPageView, ContactSuggestionView, DuplicateSetView, FileOutput, GroupView } from '../../../src/shared/api-contacts';
import { call, refused, startApi } from './helpers';

const save = (api: ApiBackend, contact: Record<string, unknown>) => call<ContactDetail>(api, 'contactSave', { contact });

test('a contact saved with free fields, tags and notes comes back whole from the list and by id', async (t) => {
  const { api } = await startApi(t);
  const saved = await save(api, {
    name: 'Nicolò Zaccà',
    organization: 'Zaccà Costruzioni S.r.l.',
    pec: ' Nicolo.Zacca@PEC.it ',
    email: 'nicolo@zacca.it',
    taxCode: '1234567890',
    fields: { 'Comune di nascita': 'Sondrio' },
    tags: ['edilizia', 'fornitori'],
    notes: 'cliente dal 2010',
  });
  assert.equal(saved.pec, 'nicolo.zacca@pec.it');
  assert.equal(saved.taxCode, '01234567890', 'the leading zero a spreadsheet drops is put back');
  assert.deepEqual({ ...saved.fields }, { comune_di_nascita: 'Sondrio' }, 'the free field is keyed as its placeholder');
  assert.equal(saved.pecStatus, 'user', 'an address in the PEC field counts as PEC unless the user says otherwise');

  const page = await call<ContactPageView>(api, 'contactsList', { offset: 0, limit: 50 });
  assert.equal(page.total, 1);
  assert.deepEqual(page.rows[0], saved);
  assert.deepEqual(await call(api, 'contactGet', { contactId: saved.id }), saved);
});

test('an address that cannot be a mailbox is refused with the reason in plain words', async (t) => {
  const { api } = await startApi(t);
  const error = await refused(api, 'contactSave', { contact: { name: 'Luca Verdi', pec: 'luca.verdi@pec' } });
  assert.equal(error.code, 'invalid-request');
  assert.equal(error.reason, 'contact-invalid');
  assert.match(String(error.params?.problems), /il dominio dopo la @ non è valido/);
  assert.equal((await call<ContactPageView>(api, 'contactsList', { offset: 0, limit: 50 })).total, 0);
});

test('autocomplete finds a contact typed without accents, by name or organization, with both addresses and their badges', async (t) => {
  const { api } = await startApi(t);
  await save(api, { name: 'Nicolò Zaccà', organization: 'Caffè Forlì', pec: 'nicolo@legalmail.it', email: 'nicolo@gmail.com' });
  await save(api, { name: 'Giulia Russo', pec: 'giulia@pec.it' });
  const byName = await call<ContactSuggestionView[]>(api, 'contactsSuggest', { query: 'nicolo zac', limit: 10 });
  assert.deepEqual(
    byName.map((s) => [s.address, s.field, s.pecStatus]),
    [
      ['nicolo@legalmail.it', 'pec', 'user'],
      ['nicolo@gmail.com', 'email', 'unknown'],
    ],
  );
  const byOrganization = await call<ContactSuggestionView[]>(api, 'contactsSuggest', { query: 'caffe', limit: 10 });
  assert.equal(byOrganization[0]?.name, 'Nicolò Zaccà');
  assert.deepEqual(await call(api, 'contactsSuggest', { query: 'rossi', limit: 10 }), []);
});

test('a group lists only its members; its name is unique regardless of case; deleting it keeps the contacts', async (t) => {
  const { api } = await startApi(t);
  const a = await save(api, { name: 'Anna', pec: 'anna@pec.it' });
  const b = await save(api, { name: 'Bruno', pec: 'bruno@pec.it' });
  await save(api, { name: 'Carla', pec: 'carla@pec.it' });
  const group = await call<GroupView>(api, 'groupCreate', { name: 'Fornitori 2026' });
  assert.deepEqual(await call(api, 'groupAddMembers', { groupId: group.id, contactIds: [a.id, b.id] }), { added: 2 });
  const members = await call<ContactPageView>(api, 'contactsList', { groupId: group.id, offset: 0, limit: 50 });
  assert.deepEqual(members.rows.map((c) => c.name), ['Anna', 'Bruno']);
  assert.equal((await call<GroupView[]>(api, 'groupsList', {}))[0].memberCount, 2);

  assert.equal((await refused(api, 'groupCreate', { name: 'fornitori 2026' })).code, 'exists');
  const renamed = await call<GroupView>(api, 'groupRename', { groupId: group.id, name: 'Fornitori' });
  assert.equal(renamed.name, 'Fornitori');
  assert.deepEqual(await call(api, 'groupRemoveMembers', { groupId: group.id, contactIds: [b.id] }), { removed: 1 });

  assert.equal(await call(api, 'groupRemove', { groupId: group.id }), null);
  assert.deepEqual(await call(api, 'groupsList', {}), []);
  assert.equal((await call<ContactPageView>(api, 'contactsList', { offset: 0, limit: 50 })).total, 3);
  assert.equal((await refused(api, 'groupAddMembers', { groupId: group.id, contactIds: [a.id] })).code, 'not-found');
});

test('two contacts with the same address are listed as duplicates, and merging keeps the fields and groups of both', async (t) => {
  const { api } = await startApi(t);
  const first = await save(api, { name: 'Studio Bianchi', pec: 'studio.bianchi@legalmail.it', tags: ['avvocati'] });
  const second = await save(api, { organization: 'Studio Legale Bianchi', pec: 'STUDIO.BIANCHI@legalmail.it', fields: { comune: 'Milano' }, notes: 'dal 2019' });
  const group = await call<GroupView>(api, 'groupCreate', { name: 'Legali' });
  await call(api, 'groupAddMembers', { groupId: group.id, contactIds: [second.id] });

  const sets = await call<DuplicateSetView[]>(api, 'contactsDuplicates', {});
  assert.deepEqual(sets.map((s) => [s.address, s.contacts.map((c) => c.id)]), [['studio.bianchi@legalmail.it', [first.id, second.id]]]);

  const merged = await call<ContactDetail>(api, 'contactsMerge', { keepId: first.id, otherId: second.id });
  assert.equal(merged.name, 'Studio Bianchi');
  assert.equal(merged.organization, 'Studio Legale Bianchi');
  assert.deepEqual({ ...merged.fields }, { comune: 'Milano' });
  assert.deepEqual(merged.tags, ['avvocati']);
  assert.match(merged.notes, /dal 2019/);
  assert.deepEqual(merged.groupIds, [group.id]);
  assert.deepEqual(await call(api, 'contactsDuplicates', {}), []);
  assert.equal((await refused(api, 'contactGet', { contactId: second.id })).code, 'not-found');
});

test('deleting contacts says how many were deleted', async (t) => {
  const { api } = await startApi(t);
  const a = await save(api, { pec: 'a@pec.it' });
  assert.deepEqual(await call(api, 'contactsRemove', { contactIds: [a.id, a.id + 100] }), { removed: 1 });
  assert.equal((await call<ContactPageView>(api, 'contactsList', { offset: 0, limit: 50 })).total, 0);
});

test('the PEC badge of any typed address: a PEC host is "likely", an ordinary domain says nothing', async (t) => {
  const { api } = await startApi(t);
  assert.deepEqual(await call(api, 'pecStatuses', { addresses: ['protocollo@postacert.comune.milano.it', 'mario@gmail.com', 'x@legalmail.it'] }), {
    'protocollo@postacert.comune.milano.it': 'likely',
    'mario@gmail.com': 'unknown',
    'x@legalmail.it': 'likely',
  });
});

test('exporting a group in the browser build hands back an .xlsx with exactly its contacts', async (t) => {
  const { api } = await startApi(t);
  const a = await save(api, { name: 'Nicolò Zaccà', pec: 'nicolo@pec.it', fields: { comune: 'Forlì' } });
  await save(api, { name: 'Fuori gruppo', pec: 'fuori@pec.it' });
  const group = await call<GroupView>(api, 'groupCreate', { name: 'Fornitori: 2026' });
  await call(api, 'groupAddMembers', { groupId: group.id, contactIds: [a.id] });

  const exported = await call<FileOutput & { count: number }>(api, 'contactsExport', { groupId: group.id, format: 'xlsx' });
  assert.equal(exported.kind, 'download');
  assert.equal(exported.count, 1);
  if (exported.kind !== 'download') return;
  assert.equal(exported.filename, 'Fornitori_ 2026.xlsx', 'a name safe on every file system');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(exported.dataBase64, 'base64') as unknown as ArrayBuffer);
  const rows = wb.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as ExcelJS.CellValue[]).slice(1));
  assert.equal(rows.length, 2);
  assert.equal(rows[1][0], 'Nicolò Zaccà');
  assert.equal(rows[1][2], 'nicolo@pec.it');
  assert.equal(rows[1][rows[0].indexOf('comune')], 'Forlì', 'free fields are exported as columns');

  const csv = await call<FileOutput & { count: number }>(api, 'contactsExport', { format: 'csv' });
  assert.equal(csv.count, 2);
  assert.equal(csv.kind === 'download' && Buffer.from(csv.dataBase64, 'base64').toString('utf8').split('\r\n').filter(Boolean).length, 3);
  assert.equal((await refused(api, 'contactsExport', { groupId: group.id + 1, format: 'csv' })).code, 'not-found');
});

test('payloads that do not match the contract are refused before they reach the address book', async (t) => {
  const { api } = await startApi(t);
  const bad: [string, unknown][] = [
    ['contactSave', { contact: { name: 'x', pec: 'x@pec.it', password: 'secret' } }],
    ['contactSave', { contact: { pec: 'x@pec.it', tags: 'not-a-list' } }],
    ['contactSave', { contact: { pec: 'x@pec.it', fields: { comune: 42 } } }],
    ['contactSave', { pec: 'x@pec.it' }],
    ['contactsList', { offset: 0, limit: 0 }],
    ['contactsList', { offset: -1, limit: 10 }],
    ['contactsSuggest', { query: 'x'.repeat(201), limit: 5 }],
    ['contactsRemove', { contactIds: [] }],
    ['contactsMerge', { keepId: '1', otherId: 2 }],
    ['groupCreate', { name: '   ' }],
    ['groupAddMembers', { groupId: 1, contactIds: [1.5] }],
    ['contactsExport', { format: 'ods' }],
    ['pecStatuses', { addresses: 'a@pec.it' }],
  ];
  for (const [method, payload] of bad) {
    assert.equal((await refused(api, method, payload)).code, 'invalid-request', `${method} ${JSON.stringify(payload)}`);
  }
  assert.equal((await call<ContactPageView>(api, 'contactsList', { offset: 0, limit: 50 })).total, 0);
  assert.deepEqual(await call(api, 'groupsList', {}), []);
});
