// Bulk sends against the PEC sandbox (real Dovecot, real access point, signed receipts), with the
// receipts brought into the store by the IMAP sync engine: counters, one PEC per recipient,
// placeholders, the zip option, pause / resume / cancel.
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SANDBOX_PASSWORD, type Sandbox } from '../../../sandbox';
import { sandboxForFile } from '../../helpers/sandbox';
import { settingsFromPreset } from '../../../src/main/accounts';
import { createSendEngine, type CampaignRecipientInput, type SendEngine, type SendNotice } from '../../../src/main/send';
import { receivedOriginals, sendFixture, syncMailbox, unzip, type SendFixture } from './helpers';

let sandbox: Sandbox;

sandboxForFile((started) => (sandbox = started));

/** A fixture and an engine over it; the account states no real limit so tests run at full speed. */
async function setup(sender: string, overrides: Parameters<typeof sendFixture>[2] = {}): Promise<{ fx: SendFixture; engine: SendEngine; events: SendNotice[]; close(): Promise<void> }> {
  const fx = await sendFixture(sandbox, sender, { rateLimit: { perMinute: 100_000 }, ...overrides });
  const engine = createSendEngine({ store: fx.store, accounts: fx.accounts, maxConnections: 3, reconcileGraceMs: 3_000, overdueCheckEveryMs: 0 });
  const events: SendNotice[] = [];
  engine.onNotice((e) => events.push(e));
  return {
    fx,
    engine,
    events,
    async close() {
      await engine.dispose();
      fx.cleanup();
    },
  };
}

function submissionsTo(address: string) {
  return sandbox.log.accepted().filter((r) => r.recipients.includes(address));
}

test('a 200-recipient campaign ends with D/A/C/E 200/200/197/3 when three recipients do not exist', async () => {
  const known = Array.from({ length: 197 }, (_, i) => `cliente${String(i + 1).padStart(3, '0')}@pec.beta.test`);
  const unknown = ['inesistente1@pec.beta.test', 'inesistente2@pec.beta.test', 'inesistente3@pec.alfa.test'];
  await sandbox.addMailboxes(known.map((address) => ({ address })));
  const { fx, engine, close } = await setup('studio@pec.alfa.test');
  try {
    const created = engine.campaigns.create({
      accountId: fx.accountId,
      subject: 'Convocazione assemblea',
      text: 'Gentile {{nome}},\nla convochiamo per il 3 dicembre.\n',
      receiptVariant: 'breve',
      recipients: [...known, ...unknown].map((address, i) => ({ address, name: `Socio ${i + 1}` })),
    });
    assert.ok(created.ok, JSON.stringify(created));
    const id = created.value.id;
    const started = await engine.start(id);
    assert.ok(started.ok, JSON.stringify(started));
    assert.equal(started.value.estimate.recipients, 200);
    assert.equal(await engine.whenSettled(id), 'done');

    const accepted = sandbox.log.accepted().filter((r) => r.sender === 'studio@pec.alfa.test');
    assert.equal(accepted.length, 200);
    // One PEC per recipient: each transaction has exactly one recipient and its own Message-ID.
    assert.deepEqual(accepted.map((r) => r.recipients.length), Array(200).fill(1));
    assert.equal(new Set(accepted.map((r) => r.recipients[0])).size, 200);
    assert.equal(new Set(accepted.map((r) => r.messageId)).size, 200);

    await sandbox.whenIdle();
    await syncMailbox(fx);
    assert.deepEqual(fx.store.campaignDac(id), { D: 200, A: 200, C: 197, E: 3 });
    const errors = engine.campaigns.recipients(id, { statuses: ['error'] }).rows;
    assert.deepEqual(errors.map((r) => r.address).sort(), [...unknown].sort());
    for (const r of errors) {
      assert.match(r.error ?? '', /indirizzo non valido/);
      assert.ok(r.acceptedAt && r.errorAt && r.identificativo, JSON.stringify(r));
      assert.deepEqual(r.receipts.map((x) => x.type), ['accettazione', 'errore-consegna']);
    }
    const counts = engine.campaigns.get(id)!.counts;
    assert.equal(counts.delivered, 197);
    assert.equal(counts.error, 3);
    // The recipient sees only itself in To.
    const [original] = await receivedOriginals(sandbox, known[41]);
    assert.equal(original.to, `"Socio 42" <${known[41]}>`);

    // "Reinvia ai non consegnati": a new draft with the same message for the three.
    const resend = engine.campaigns.resendFailed(id);
    assert.ok(resend.ok);
    assert.equal(resend.value.state, 'draft');
    assert.equal(resend.value.resentFrom, id);
    assert.equal(resend.value.subject, 'Convocazione assemblea');
    assert.deepEqual(engine.campaigns.recipients(resend.value.id).rows.map((r) => r.address).sort(), [...unknown].sort());
  } finally {
    await close();
  }
});

test('each recipient reads their own name and company; a missing value stops the whole send', async () => {
  const { fx, engine, close } = await setup('mario.rossi@pec.alfa.test');
  try {
    const recipients: CampaignRecipientInput[] = [
      { address: 'ufficio@pec.beta.test', name: 'Anna Verdi', fields: { 'Ragione sociale': 'Verdi Srl' } },
      { address: 'protocollo@pec.beta.test', name: 'Luca Neri', fields: { ragione_sociale: 'Neri Spa' } },
    ];
    const template = { accountId: fx.accountId, subject: 'Fattura per {{ragione_sociale}}', text: 'Gentile {{nome}} ({{ ragione_sociale }}),\nin allegato la fattura.\n' };
    const created = engine.campaigns.create({ ...template, recipients });
    assert.ok(created.ok);
    const preview = await engine.campaigns.preview(created.value.id, engine.campaigns.recipients(created.value.id).rows[1].id);
    assert.ok(preview.ok);
    assert.equal(preview.value.subject, 'Fattura per Neri Spa');
    assert.deepEqual(preview.value.missing, []);
    assert.ok((await engine.start(created.value.id)).ok);
    assert.equal(await engine.whenSettled(created.value.id), 'done');
    await sandbox.whenIdle();
    const [anna] = await receivedOriginals(sandbox, 'ufficio@pec.beta.test').then((list) => list.filter((m) => m.subject === 'Fattura per Verdi Srl'));
    assert.equal(anna.text, 'Gentile Anna Verdi (Verdi Srl),\nin allegato la fattura.\n');
    const [luca] = await receivedOriginals(sandbox, 'protocollo@pec.beta.test').then((list) => list.filter((m) => m.subject === 'Fattura per Neri Spa'));
    assert.equal(luca.text, 'Gentile Luca Neri (Neri Spa),\nin allegato la fattura.\n');

    const before = sandbox.log.records.length;
    const incomplete = engine.campaigns.create({ ...template, recipients: [...recipients, { address: 'studio@pec.alfa.test', name: 'Studio' }] });
    assert.ok(incomplete.ok);
    const refused = await engine.start(incomplete.value.id);
    assert.ok(!refused.ok);
    assert.equal(refused.code, 'checks-failed');
    const missing = refused.report!.findings.find((f) => f.code === 'missing-field');
    assert.deepEqual(missing?.missing, [{ address: 'studio@pec.alfa.test', fields: ['ragione_sociale'] }]);
    assert.equal(sandbox.log.records.length, before, 'nothing was submitted');
    assert.equal(engine.campaigns.get(incomplete.value.id)!.state, 'draft');
  } finally {
    await close();
  }
});

test('"comprimi allegati in zip" sends one allegati.zip with every file, checked against the provider limit first', async () => {
  // Random bytes do not compress: the zip is as big as the files, for the size check below.
  const files = [
    { filename: 'fattura.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(6_000)]) },
    { filename: 'contratto.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(9_000)]) },
  ];
  const { fx, engine, close } = await setup('mario.rossi@pec.alfa.test');
  try {
    const created = engine.campaigns.create({ accountId: fx.accountId, subject: 'Documenti zip', text: 'In allegato.\n', attachments: files, zipAttachments: true, recipients: [{ address: 'ufficio@pec.beta.test' }] });
    assert.ok(created.ok);
    const started = await engine.start(created.value.id);
    assert.ok(started.ok);
    assert.ok(started.value.findings.some((f) => f.code === 'refused-attachment-type' && f.message.includes('allegati.zip')));
    assert.equal(await engine.whenSettled(created.value.id), 'done');
    await sandbox.whenIdle();
    const [original] = (await receivedOriginals(sandbox, 'ufficio@pec.beta.test')).filter((m) => m.subject === 'Documenti zip');
    assert.deepEqual(original.attachments.map((a) => a.filename), ['allegati.zip']);
    const entries = await unzip(original.attachments[0].content);
    assert.deepEqual([...entries.keys()], ['fattura.pdf', 'contratto.pdf']);
    for (const f of files) assert.ok(entries.get(f.filename)!.equals(f.content));
  } finally {
    await close();
  }
  // The same files against a provider that takes 5 KB at most: refused before anything is sent.
  const small = await setup('studio@pec.alfa.test', { maxMessageBytes: 5_000 });
  try {
    const before = sandbox.log.records.length;
    const created = small.engine.campaigns.create({ accountId: small.fx.accountId, subject: 'Troppo grande', text: 'x\n', attachments: files, zipAttachments: true, recipients: [{ address: 'ufficio@pec.beta.test' }] });
    assert.ok(created.ok);
    const refused = await small.engine.start(created.value.id);
    assert.ok(!refused.ok);
    assert.ok(refused.report?.findings.some((f) => f.code === 'too-large'), JSON.stringify(refused));
    assert.equal(sandbox.log.records.length, before);
  } finally {
    await small.close();
  }
});

test('a password the provider refuses pauses the campaign, saying why in Italian words and as values a window words in its language', async () => {
  await sandbox.addMailboxes([{ address: 'socio.password@pec.beta.test' }]);
  const { fx, engine, close } = await setup('studio@pec.alfa.test');
  try {
    const changed = await fx.accounts.save({ ...fx.account }, 'non è la password');
    assert.ok(changed.ok, JSON.stringify(changed));
    const created = engine.campaigns.create({ accountId: fx.accountId, subject: 'Password', text: 'x\n', recipients: [{ address: 'socio.password@pec.beta.test' }] });
    assert.ok(created.ok);
    const id = created.value.id;
    assert.ok((await engine.start(id)).ok);
    assert.equal(await engine.whenSettled(id), 'paused');
    const paused = engine.campaigns.get(id)!;
    assert.equal(paused.stateDetailText, 'auth');
    assert.ok(paused.stateDetailParams?.reply, 'the provider\u2019s own reply is kept as it came');
    assert.match(paused.stateDetail ?? '', /^Il gestore ha rifiutato nome utente o password: «.+»\. Correggi la password/);
    assert.equal(submissionsTo('socio.password@pec.beta.test').length, 0, 'nothing went out');
  } finally {
    await close();
  }
});

test('a paused campaign sends nothing until resumed; cancelling leaves what was submitted alone', async () => {
  const recipients = Array.from({ length: 12 }, (_, i) => `socio${i + 1}@pec.beta.test`);
  await sandbox.addMailboxes(recipients.map((address) => ({ address })));
  // 120 a minute: one message every half second, so there is time to act in between.
  const { fx, engine, close } = await setup('studio@pec.alfa.test', { rateLimit: { perMinute: 120 } });
  try {
    const created = engine.campaigns.create({ accountId: fx.accountId, subject: 'Pausa', text: 'x\n', recipients: recipients.map((address) => ({ address })) });
    assert.ok(created.ok);
    const id = created.value.id;
    assert.ok((await engine.start(id)).ok);
    await until(() => submittedCount(engine, id) >= 2);
    assert.ok(engine.pause(id).ok);
    assert.equal(await engine.whenSettled(id), 'paused');
    // The message on the wire at that moment gets its answer; then the account's runner stops.
    await until(() => engine.pacing(fx.accountId) === null);
    const whilePaused = sentTo(recipients);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(sentTo(recipients), whilePaused, 'nothing is sent while paused');

    assert.ok(engine.resume(id).ok);
    await until(() => sentTo(recipients) >= whilePaused + 2);
    const cancelled = engine.cancel(id);
    assert.ok(cancelled.ok);
    await until(() => engine.pacing(fx.accountId) === null);
    const sent = sentTo(recipients);
    assert.ok(sent < recipients.length, `cancel came too late: ${sent} sent`);
    const counts = engine.campaigns.get(id)!.counts;
    assert.equal(counts.cancelled, recipients.length - sent);
    assert.equal(counts.total - counts.cancelled, sent, 'every message that left is still counted, none was cancelled');
    for (const address of recipients) assert.ok(submissionsTo(address).length <= 1);
    assert.equal(engine.campaigns.get(id)!.state, 'cancelled');
  } finally {
    await close();
  }
});

test('two accounts send their campaigns side by side, each at its own pace', async () => {
  const { fx, engine, close } = await setup('mario.rossi@pec.alfa.test', { rateLimit: { perMinute: 120 } });
  try {
    const other = settingsFromPreset('sandbox', { name: 'Studio', address: 'studio@pec.alfa.test', imap: { port: sandbox.imap.port }, smtp: { port: sandbox.smtp.port } });
    assert.ok(other.ok);
    const saved = await fx.accounts.save({ ...other.settings, rateLimit: { perMinute: 120 } }, SANDBOX_PASSWORD);
    assert.ok(saved.ok);
    const from = sandbox.log.records.length;
    const ids = [];
    for (const [accountId, tag] of [[fx.accountId, 'A'], [Number(saved.value.id), 'B']] as const) {
      const created = engine.campaigns.create({ accountId, subject: `Parallelo ${tag}`, text: 'x\n', recipients: ['ufficio@pec.beta.test', 'protocollo@pec.beta.test', 'lento@pec.beta.test', 'info@mail.gamma.test', 'studio@pec.alfa.test', 'mario.rossi@pec.alfa.test'].map((address) => ({ address })) });
      assert.ok(created.ok);
      ids.push(created.value.id);
    }
    await Promise.all(ids.map((id) => engine.start(id)));
    assert.deepEqual(await Promise.all(ids.map((id) => engine.whenSettled(id))), ['done', 'done']);
    const senders = sandbox.log.records.slice(from).map((r) => (r.sender === 'studio@pec.alfa.test' ? 'B' : 'A')).join('');
    assert.equal(senders.replace(/A/g, '').length, 6);
    assert.notEqual(senders, 'AAAAAABBBBBB', 'B did not wait for A');
    assert.notEqual(senders, 'BBBBBBAAAAAA', 'A did not wait for B');
  } finally {
    await close();
  }
});

function sentTo(addresses: string[]): number {
  return addresses.filter((a) => submissionsTo(a).length > 0).length;
}

/** Recipients the provider took so far, as the store has them (receipts may have moved them past 'submitted'). */
function submittedCount(engine: SendEngine, campaignId: number): number {
  const n = engine.campaigns.get(campaignId)!.counts;
  return n.submitted + n.accepted + n.warning + n.delivered + n.error;
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('each message of a bulk send is listed in the Sent folder as it is submitted, and once after the next sync', async () => {
  const { fx, engine, close } = await setup('studio@pec.alfa.test');
  try {
    await syncMailbox(fx);
    const sent = fx.store.listFolders(fx.accountId).find((f) => f.role === 'sent');
    assert.ok(sent, 'the sync found the Sent folder');
    const subjectsInSent = () => fx.store.listMessages({ folderId: sent.id, offset: 0, limit: 50, sort: 'date', direction: 'desc' }).rows.map((r) => r.subject);
    const created = engine.campaigns.create({
      accountId: fx.accountId,
      subject: 'Convocazione assemblea',
      text: 'Gentile {{nome}}, è convocata l’assemblea.\n',
      recipients: [
        { address: 'ufficio@pec.beta.test', name: 'Anna Verdi' },
        { address: 'protocollo@pec.beta.test', name: 'Luca Neri' },
      ],
    });
    assert.ok(created.ok);
    assert.ok((await engine.start(created.value.id)).ok);
    assert.equal(await engine.whenSettled(created.value.id), 'done');
    await until(() => subjectsInSent().length === 2);
    assert.deepEqual(subjectsInSent(), ['Convocazione assemblea', 'Convocazione assemblea']);

    await syncMailbox(fx);
    assert.equal(subjectsInSent().length, 2, 'the sync neither drops nor repeats them');
  } finally {
    await close();
  }
});
