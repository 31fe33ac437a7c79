// The pre-send checks on a real store, with an InfoCert Legalmail account (its preset's 6
// messages a minute): what the user is told before anything leaves. Nothing here connects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AccountsService, FileKeySecretStore, settingsFromPreset, storeAccountsStorage, type AccountSettings } from '../../../src/main/accounts';
import { checkMessage, createSendEngine, type Finding, type MessageCheckInput } from '../../../src/main/send';
import { openStore } from '../../../src/main/store';

async function legalmail(t: { after(fn: () => void | Promise<void>): void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-checks-'));
  const store = openStore(dir);
  const accounts = new AccountsService(storeAccountsStorage(store), new FileKeySecretStore(path.join(dir, 'secrets.json'), 'x'));
  const settings = settingsFromPreset('legalmail', { name: 'Studio Bianchi', address: 'studio.bianchi@legalmail.it', username: 'U123456' });
  assert.ok(settings.ok);
  const saved = await accounts.save(settings.settings, 'password');
  assert.ok(saved.ok);
  const engine = createSendEngine({ store, accounts, overdueCheckEveryMs: 0 });
  t.after(async () => {
    await engine.dispose();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { engine, accountId: Number(saved.value.id) };
}

const byCode = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [f.code, f]));

test('the checks list every problem before anything leaves, and the confirmation has count, duration and size', async (t) => {
  const { engine, accountId } = await legalmail(t);
  const created = engine.campaigns.create({
    accountId,
    subject: 'Avviso per {{ragione_sociale}}',
    html: '<p>Gentile {{nome}},</p>',
    attachments: [{ filename: 'documenti.zip', content: Buffer.alloc(50_000, 1) }],
    cc: ['segreteria@legalmail.it'],
    recipients: [
      { address: 'a.rossi@pec.it', name: 'Anna Rossi', fields: { ragione_sociale: 'Rossi Srl' } },
      { address: 'A.Rossi@PEC.it', name: 'Anna Rossi' },
      { address: 'info@gmail.com', name: 'Mario', fields: { ragione_sociale: 'Mario Snc' } },
      { address: 'non un indirizzo', name: 'X', fields: { ragione_sociale: 'X' } },
      { address: 'ufficio@postacert.comune.milano.it', name: 'Comune' },
    ],
  });
  assert.ok(created.ok);
  const checked = await engine.check(created.value.id);
  assert.ok(checked.ok);
  const report = checked.value;
  const f = byCode(report.findings);
  assert.equal(report.blocked, true);
  assert.deepEqual(f['invalid-address'].addresses, ['non un indirizzo']);
  assert.equal(f['invalid-address'].severity, 'error');
  assert.deepEqual(f['duplicate-recipient'].addresses, ['a.rossi@pec.it']);
  assert.deepEqual(f['missing-field'].missing, [{ address: 'ufficio@postacert.comune.milano.it', fields: ['ragione_sociale'] }]);
  assert.deepEqual(f['not-pec'].addresses, ['info@gmail.com']);
  assert.equal(f['not-pec'].severity, 'warning');
  assert.deepEqual(f['cc-exposes'].addresses, ['segreteria@legalmail.it']);
  assert.match(f['refused-attachment-type'].message, /documenti\.zip/);
  assert.equal(f['receipt-quota'].severity, 'warning', 'completa brings the whole message back in every consegna');
  // The window words each finding from its text and values (send-check-texts.ts), not the Italian message.
  assert.equal(f['refused-attachment-type'].text, 'office-refused-attachment');
  assert.deepEqual(f['refused-attachment-type'].params, { files: 'documenti.zip' });
  assert.deepEqual([f['duplicate-recipient'].text, f['duplicate-recipient'].params], ['duplicate-recipient', { count: 1 }]);
  assert.deepEqual([f['cc-exposes'].text, f['cc-exposes'].params], ['cc-exposes', { addresses: 'segreteria@legalmail.it' }]);
  assert.equal(f['receipt-quota'].text, 'receipt-quota-completa');
  assert.equal(f['receipt-quota'].params?.size, report.estimate.receiptQuotaBytes / 1_000_000);
  assert.ok(report.findings.every((finding) => finding.text), 'every finding has a text');

  // 4 recipients at InfoCert's 6 a minute, each message ~70 KB (the zip in base64).
  const { estimate } = report;
  assert.equal(estimate.recipients, 4);
  assert.equal(estimate.perMinute, 6);
  assert.ok(estimate.durationMs >= 30_000 && estimate.durationMs < 40_000, String(estimate.durationMs));
  assert.ok(estimate.messageBytes > 68_000, String(estimate.messageBytes));
  assert.equal(estimate.totalBytes, 4 * estimate.messageBytes);
  assert.ok(estimate.receiptQuotaBytes > estimate.totalBytes);
  assert.equal(engine.campaigns.get(created.value.id)!.state, 'draft');
});

test('a clean campaign is ready, and the breve receipt keeps the quota small', async (t) => {
  const { engine, accountId } = await legalmail(t);
  const created = engine.campaigns.create({ accountId, subject: 'Avviso', text: 'Testo.\n', receiptVariant: 'breve', recipients: [{ address: 'a.rossi@pec.it' }] });
  assert.ok(created.ok);
  const checked = await engine.check(created.value.id);
  assert.ok(checked.ok);
  assert.equal(checked.value.blocked, false);
  assert.equal(byCode(checked.value.findings)['receipt-quota'].severity, 'info');
  assert.equal(engine.campaigns.get(created.value.id)!.state, 'ready');
  assert.ok(checked.value.estimate.receiptQuotaBytes < 30_000);
});

test('a recipient whose PEC domain mixes Cyrillic letters with Latin ones blocks the send, named as a look-alike', async (t) => {
  const { engine, accountId } = await legalmail(t);
  const created = engine.campaigns.create({
    accountId,
    subject: 'Avviso',
    html: '<p>Gentile cliente,</p>',
    recipients: [
      { address: 'studio@pec.it', name: 'Vero' },
      { address: 'studio@pеc.it', name: 'Sosia' },
    ],
  });
  assert.ok(created.ok);
  const checked = await engine.check(created.value.id);
  assert.ok(checked.ok);
  const f = byCode(checked.value.findings);
  assert.equal(checked.value.blocked, true);
  assert.deepEqual(f['invalid-address'].addresses, ['studio@pеc.it']);
  assert.match(f['invalid-address'].message, /1 di questi hanno un dominio che mescola alfabeti diversi e imita un altro indirizzo/);
  assert.equal(f['invalid-address'].text, 'invalid-address-lookalike');
  assert.equal(f['invalid-address'].params?.lookalikes, 1);
});

// One PEC from the composer: the same checks (send/checks.ts), on the message as it will leave.
function legalmailSettings(overrides: Partial<AccountSettings> = {}): AccountSettings {
  const settings = settingsFromPreset('legalmail', { name: 'Studio Bianchi', address: 'studio.bianchi@legalmail.it', username: 'U123456' });
  assert.ok(settings.ok);
  return { ...settings.settings, ...overrides };
}

function oneMessage(overrides: Partial<MessageCheckInput> = {}): MessageCheckInput {
  return {
    to: ['a.rossi@pec.it'],
    cc: [],
    subject: 'Diffida',
    html: '<p>Gentile avvocato, le scrivo per la pratica 42.</p>',
    attachments: [],
    receiptVariant: 'completa',
    settings: legalmailSettings(),
    ...overrides,
  };
}

test('one PEC to one PEC address with a subject and no promised file passes every check', async () => {
  const report = await checkMessage(oneMessage());
  assert.deepEqual(report.findings, []);
  assert.equal(report.blocked, false);
  assert.equal(report.estimate.recipients, 1);
  assert.ok(report.estimate.messageBytes > 0, 'the message was built for real');
});

test('one PEC: a bad address blocks, and every other problem is a warning in words', async () => {
  const report = await checkMessage(
    oneMessage({
      to: ['a.rossi@pec.it', 'non un indirizzo'],
      cc: ['info@gmail.com'],
      subject: ' ',
      html: '<p>Come da accordi, <b>in allegato</b> la diffida.</p>',
    }),
  );
  const f = byCode(report.findings);
  assert.equal(report.blocked, true);
  assert.equal(f['invalid-address'].severity, 'error');
  assert.deepEqual(f['invalid-address'].addresses, ['non un indirizzo']);
  assert.match(f['invalid-address'].message, /^Un indirizzo non è valido/);
  assert.equal(f['no-subject'].severity, 'warning');
  assert.equal(f['attachment-mentioned'].severity, 'warning');
  assert.match(f['attachment-mentioned'].message, /«allegato»/);
  assert.deepEqual(f['not-pec'].addresses, ['info@gmail.com']);
  assert.equal(f['recipients-see-each-other'].severity, 'warning');
  assert.match(f['recipients-see-each-other'].message, /invio massivo/);
  assert.deepEqual(f['recipients-see-each-other'].addresses, ['a.rossi@pec.it', 'non un indirizzo', 'info@gmail.com']);
  assert.deepEqual([f['invalid-address'].text, f['invalid-address'].params], ['invalid-address', { count: 1 }]);
  assert.deepEqual([f['attachment-mentioned'].text, f['attachment-mentioned'].params], ['attachment-mentioned', { word: 'allegato' }]);
  assert.deepEqual([f['recipients-see-each-other'].text, f['recipients-see-each-other'].params], ['recipients-see-each-other', { recipients: 3 }]);
  assert.deepEqual([f['no-subject'].text, f['no-subject'].params], ['no-subject', undefined], 'a text without values carries none');
});

test('one PEC: "allegati" with a file attached is no finding; an executable is named as refused by the providers', async () => {
  const report = await checkMessage(
    oneMessage({
      html: '<p>Trova gli allegati richiesti.</p>',
      attachments: [
        { filename: 'parere.pdf', content: Buffer.from('%PDF-1.4 parere') },
        { filename: 'installa.EXE', content: Buffer.from('MZ') },
        { filename: 'collegamento.lnk', content: Buffer.from('L') },
      ],
    }),
  );
  const f = byCode(report.findings);
  assert.equal(f['attachment-mentioned'], undefined);
  assert.equal(report.blocked, false);
  assert.match(f['refused-attachment-type'].message, /Aruba/);
  assert.match(f['refused-attachment-type'].message, /installa\.EXE, collegamento\.lnk/);
  assert.doesNotMatch(f['refused-attachment-type'].message, /parere\.pdf/);
});

test('one PEC: size × recipients over the provider limit blocks with the numbers in megabytes', async () => {
  const report = await checkMessage(
    oneMessage({
      to: ['a.rossi@pec.it', 'b.verdi@pec.it', 'c.bianchi@pec.it'],
      attachments: [{ filename: 'perizia.pdf', content: Buffer.alloc(400_000, 7) }],
      settings: legalmailSettings({ maxMessageBytes: 1_000_000 }),
    }),
  );
  const f = byCode(report.findings);
  assert.equal(report.blocked, true);
  assert.equal(f['too-large'].severity, 'error');
  assert.match(f['too-large'].message, /× 3 destinatari = .* MB, oltre il limite del gestore di 1 MB/);
  assert.equal(f['too-large'].text, 'too-large-size');
  assert.deepEqual(f['too-large'].params, { size: report.estimate.messageBytes / 1_000_000, recipients: 3, total: report.estimate.totalBytes / 1_000_000, limit: 1 });
  assert.ok(report.estimate.messageBytes > 400_000, 'the size counts the attachment as encoded');
  assert.equal(report.estimate.totalBytes, report.estimate.messageBytes * 3);
});

test('one PEC: the PEC status comes from the given lookup (the providers index or the contacts) over the domain guess', async () => {
  const report = await checkMessage(oneMessage({ to: ['ufficio@comune.example.it'], pecStatus: (a) => (a.endsWith('@comune.example.it') ? 'likely' : 'no') }));
  assert.equal(byCode(report.findings)['not-pec'], undefined);
  const guessed = await checkMessage(oneMessage({ to: ['ufficio@comune.example.it'] }));
  assert.deepEqual(byCode(guessed.findings)['not-pec'].addresses, ['ufficio@comune.example.it']);
});
