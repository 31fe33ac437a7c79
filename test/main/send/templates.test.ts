// Templates over a real store: a campaign's message kept under a name and made into a new draft,
// and templates living apart from campaigns. Nothing here connects to a mail server (the account
// is a Legalmail preset that is never reached).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccountsService, FileKeySecretStore, settingsFromPreset, storeAccountsStorage } from '../../../src/main/accounts';
import { Campaigns } from '../../../src/main/send';
import { openStore } from '../../../src/main/store';

const FIXTURES = path.resolve(__dirname, '../../fixtures/pec-real');

async function campaignsInTempStore(t: { after(fn: () => void): void }): Promise<{ campaigns: Campaigns; accountId: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-templates-'));
  const store = openStore(path.join(dir, 'store'));
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const accounts = new AccountsService(storeAccountsStorage(store), new FileKeySecretStore(path.join(dir, 'store', 'secrets.json'), 'test-passphrase'));
  const settings = settingsFromPreset('legalmail', { name: 'Studio Bianchi', address: 'studio.bianchi@legalmail.it', username: 'U123456' });
  assert.ok(settings.ok);
  const saved = await accounts.save(settings.settings, 'password');
  assert.ok(saved.ok);
  return { campaigns: new Campaigns(store), accountId: Number(saved.value.id) };
}

/** A real PEC message from a provider, used as an attachment's bytes. */
function realFile(): { filename: string; content: Buffer } {
  const name = fs.readdirSync(FIXTURES).find((f) => f.endsWith('.eml'))!;
  return { filename: name, content: fs.readFileSync(path.join(FIXTURES, name)) };
}

test('a template saved from a draft makes a new draft with the same message and byte-equal attachments', async (t) => {
  const { campaigns, accountId } = await campaignsInTempStore(t);
  const file = realFile();
  const created = campaigns.create({
    accountId,
    subject: 'Convocazione assemblea {{nome}}',
    text: 'Gentile {{nome}},\nsi convoca.\n',
    html: '<p>Gentile {{nome}},</p><p>si convoca.</p>',
    attachments: [file, { filename: 'odg.pdf', content: Buffer.from('%PDF-1.4 odg'), contentType: 'application/pdf' }],
    receiptVariant: 'breve',
    zipAttachments: true,
    cc: ['amministratore@pec.it'],
    recipients: [{ address: 'anna.rossi@pec.it', fields: { nome: 'Anna' } }],
  });
  assert.ok(created.ok);
  const saved = campaigns.templates.save(created.value.id, '  Convocazione  ');
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.equal(saved.value.name, 'Convocazione');
  assert.deepEqual(campaigns.templates.list().map((x) => x.name), ['Convocazione']);

  const made = campaigns.templates.createDraft(saved.value.id, accountId);
  assert.ok(made.ok, JSON.stringify(made));
  const draft = made.value;
  const source = created.value;
  assert.notEqual(draft.id, source.id);
  assert.equal(draft.state, 'draft');
  assert.deepEqual(
    [draft.subject, draft.text, draft.html, draft.receiptVariant, draft.zipAttachments],
    [source.subject, source.text, source.html, 'breve', true],
  );
  assert.equal(draft.counts.total, 0, 'a template has no recipients');
  assert.deepEqual(draft.cc, [], 'nor Cc');
  const bytes = (id: number) => campaigns.repo.attachmentsWithContent(id, 'file').map((a) => [a.filename, a.contentType, a.content]);
  assert.deepEqual(bytes(draft.id), bytes(source.id));
  assert.ok(bytes(draft.id)[0][2] instanceof Buffer && (bytes(draft.id)[0][2] as Buffer).equals(file.content));
});

test('removing a template leaves the campaign it came from and the drafts made from it', async (t) => {
  const { campaigns, accountId } = await campaignsInTempStore(t);
  const created = campaigns.create({ accountId, subject: 'Diffida', text: 'Si diffida.\n', attachments: [realFile()], recipients: [{ address: 'ufficio@pec.it' }] });
  assert.ok(created.ok);
  const saved = campaigns.templates.save(created.value.id, 'Diffida');
  assert.ok(saved.ok);
  const made = campaigns.templates.createDraft(saved.value.id, accountId);
  assert.ok(made.ok);

  assert.ok(campaigns.templates.remove(saved.value.id).ok);
  assert.deepEqual(campaigns.templates.list(), []);
  assert.deepEqual(campaigns.list().map((c) => c.id).sort(), [created.value.id, made.value.id].sort());
  for (const id of [created.value.id, made.value.id]) assert.equal(campaigns.repo.attachmentsWithContent(id, 'file').length, 1);
  const again = campaigns.templates.remove(saved.value.id);
  assert.ok(!again.ok && again.code === 'not-found');
  const fromGone = campaigns.templates.createDraft(saved.value.id, accountId);
  assert.ok(!fromGone.ok && fromGone.code === 'not-found');
});

test('a template needs a name and a campaign that exists', async (t) => {
  const { campaigns, accountId } = await campaignsInTempStore(t);
  const created = campaigns.create({ accountId, subject: 'Avviso', recipients: [] });
  assert.ok(created.ok);
  const unnamed = campaigns.templates.save(created.value.id, '   ');
  assert.ok(!unnamed.ok && unnamed.code === 'invalid-draft');
  const missing = campaigns.templates.save(created.value.id + 100, 'Avviso');
  assert.ok(!missing.ok && missing.code === 'not-found');
  assert.deepEqual(campaigns.templates.list(), []);
});
