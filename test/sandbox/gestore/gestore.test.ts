import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PecAnalysis, PecKind, ReceiptType } from '../../../src/shared/pec';
import { createSandboxPki, startSandbox, type Sandbox } from '../../../sandbox';
import { assertSignedPecMessage, header, readInbox, smtpAs } from '../helpers';

let sandbox: Sandbox;
let caFile: string;
let clockOffset = 0;
const backgroundErrors: unknown[] = [];
const extraUsers: { address: string }[] = [];

/** A mailbox of its own for one test (created at start), so counts are not disturbed by other tests. */
function mailbox(local: string, domain: string): string {
  const address = `${local}@${domain}`;
  extraUsers.push({ address });
  return address;
}

before(async () => {
  sandbox = await startSandbox({
    pki: await createSandboxPki(),
    now: () => Date.now() + clockOffset,
    maxSize: 300_000,
    bulkRecipients: 3,
    extraUsers,
    slow: { preavvisoAfterMs: 300, final: { afterMs: 700, outcome: 'errore-consegna' } },
    onError: (error) => backgroundErrors.push(error),
  });
  caFile = path.join(sandbox.dir, 'test-ca.pem');
  fs.writeFileSync(caFile, sandbox.caCertPem);
});

after(async () => {
  await sandbox.stop();
  assert.deepEqual(backgroundErrors, []);
  assert.equal(fs.existsSync(sandbox.dir), false, 'the temp data folder is removed on stop');
});

const assertProviderMessage = (raw: Buffer, kind: PecKind, type?: ReceiptType): Promise<PecAnalysis> =>
  assertSignedPecMessage(raw, { pem: sandbox.caCertPem, file: caFile }, kind, type);

const ids = (raws: Buffer[], name: string): (string | null)[] => raws.map((r) => header(r, name));

async function forMessage(address: string, messageId: string): Promise<Buffer[]> {
  return (await readInbox(sandbox, address)).filter((r) => header(r, 'X-Riferimento-Message-ID') === messageId);
}

const t1 = {
  mittente: mailbox('t1.mittente', 'pec.alfa.test'),
  ufficio: mailbox('t1.ufficio', 'pec.beta.test'),
  studio: mailbox('t1.studio', 'pec.alfa.test'),
  esterno: mailbox('t1.info', 'mail.gamma.test'),
};
test('a PEC to the other provider brings accettazione, presa in carico and one consegna per PEC recipient, all signed', async () => {
  const { mittente, ufficio, studio, esterno } = t1;
  const sent = await smtpAs(sandbox, mittente).sendMail({
    from: mittente,
    to: [ufficio, esterno],
    cc: studio,
    subject: 'Richiesta documenti città',
    text: 'Buongiorno, allego il documento.',
    attachments: [{ filename: 'documento.pdf', content: Buffer.from('%PDF-1.4 documento') }],
  });
  await sandbox.whenIdle();
  const record = sandbox.log.accepted().find((r) => `<${r.messageId}>` === sent.messageId);
  assert.ok(record?.identificativo);
  assert.match(sent.response, new RegExp(record.identificativo.replace(/\./g, '\\.')));

  const receipts = await readInbox(sandbox, mittente);
  assert.deepEqual(ids(receipts, 'X-Ricevuta'), ['accettazione', 'avvenuta-consegna', 'avvenuta-consegna']);
  const accettazione = await assertProviderMessage(receipts[0], 'receipt', 'accettazione');
  assert.equal(accettazione.receipt?.identificativo, record.identificativo);
  assert.deepEqual(accettazione.receipt?.recipients, [
    { address: ufficio, type: 'certificato' },
    { address: esterno, type: 'esterno' },
    { address: studio, type: 'certificato' },
  ]);
  const toUfficio = await assertProviderMessage(receipts[1], 'receipt', 'avvenuta-consegna');
  assert.equal(toUfficio.receipt?.deliveredTo, ufficio);
  assert.equal(toUfficio.receipt?.issuer, 'Beta PEC S.r.l.');
  assert.equal(toUfficio.receipt?.variant, 'completa');
  assert.equal(toUfficio.original?.attachments[0]?.filename, 'documento.pdf');
  // The Cc recipient's receipt carries no copy of the message (only primary recipients get one).
  const toStudio = await assertProviderMessage(receipts[2], 'receipt', 'avvenuta-consegna');
  assert.equal(toStudio.receipt?.deliveredTo, studio);
  assert.equal(toStudio.original, null);

  for (const recipient of [ufficio, studio, esterno]) {
    const [busta, ...rest] = await readInbox(sandbox, recipient);
    assert.equal(rest.length, 0);
    assert.equal(header(busta, 'Message-ID'), `<${record.identificativo}>`);
    assert.equal(header(busta, 'X-Riferimento-Message-ID'), sent.messageId);
    const analysis = await assertProviderMessage(busta, 'envelope');
    assert.equal(analysis.original?.subject, 'Richiesta documenti città');
    assert.equal(analysis.original?.from, mittente);
  }
  const presa = await forMessage('posta-certificata@pec.alfa.test', sent.messageId);
  assert.equal(presa.length, 1);
  const presaAnalysis = await assertProviderMessage(presa[0], 'receipt', 'presa-in-carico');
  assert.equal(presaAnalysis.receipt?.issuer, 'Beta PEC S.r.l.');
});

const t2 = { mittente: mailbox('t2.mittente', 'pec.alfa.test'), destinatario: mailbox('t2.protocollo', 'pec.beta.test') };
test('X-TipoRicevuta breve replaces the attachments by their hash in the consegna, sintetica leaves the message out', async () => {
  const { mittente, destinatario } = t2;
  const transport = smtpAs(sandbox, mittente);
  const attachment = Buffer.from('contenuto riservato '.repeat(50));
  for (const variant of ['breve', 'sintetica']) {
    await transport.sendMail({
      from: mittente,
      to: destinatario,
      subject: `Ricevuta ${variant}`,
      text: 'Testo del messaggio',
      headers: { 'X-TipoRicevuta': variant },
      attachments: [{ filename: 'riservato.txt', content: attachment, contentType: 'application/octet-stream' }],
    });
  }
  await sandbox.whenIdle();
  // The two messages are processed concurrently: pick each consegna by its subject.
  const receipts = await readInbox(sandbox, mittente);
  const consegna = (variant: string) =>
    receipts.find((r) => header(r, 'X-Ricevuta') === 'avvenuta-consegna' && header(r, 'Subject') === `CONSEGNA: Ricevuta ${variant}`)!;
  const [breve, sintetica] = [consegna('breve'), consegna('sintetica')];
  const breveAnalysis = await assertProviderMessage(breve, 'receipt', 'avvenuta-consegna');
  assert.equal(breveAnalysis.receipt?.variant, 'breve');
  const text = breve.toString('latin1');
  assert.ok(text.includes(`SHA-256: ${crypto.createHash('sha256').update(attachment).digest('hex')}`));
  assert.ok(!text.includes(attachment.toString('base64').slice(0, 60)));
  const sinteticaAnalysis = await assertProviderMessage(sintetica, 'receipt', 'avvenuta-consegna');
  assert.equal(sinteticaAnalysis.receipt?.variant, 'sintetica');
  assert.equal(sinteticaAnalysis.original, null);
  // The recipient always gets the whole message, whatever receipt the sender asked for.
  const buste = await readInbox(sandbox, destinatario);
  assert.ok(buste.every((b) => b.toString('latin1').includes(attachment.toString('base64').slice(0, 60))));
});

const t3 = { mittente: mailbox('t3.mittente', 'pec.alfa.test') };
test('a PEC to a mailbox that does not exist brings an avviso di mancata consegna "5.1.1 indirizzo non valido"', async () => {
  const { mittente } = t3;
  await smtpAs(sandbox, mittente).sendMail({ from: mittente, to: 'nessuno@pec.beta.test', subject: 'Indirizzo sbagliato', text: 'x' });
  await sandbox.whenIdle();
  const [accettazione, errore] = await readInbox(sandbox, mittente);
  await assertProviderMessage(accettazione, 'receipt', 'accettazione');
  const analysis = await assertProviderMessage(errore, 'receipt', 'errore-consegna');
  assert.equal(analysis.receipt?.error, 'no-dest');
  assert.equal(analysis.receipt?.errorDetail, '5.1.1 - Beta PEC S.r.l. - indirizzo non valido');
  assert.match(header(errore, 'Subject') ?? '', /^AVVISO DI MANCATA CONSEGNA: /);
});

const t4 = {
  mittente: mailbox('t4.mittente', 'pec.alfa.test'),
  visibile: mailbox('t4.visibile', 'pec.beta.test'),
  nascosto: mailbox('t4.nascosto', 'pec.beta.test'),
};
test('a message with a Bcc recipient is not accepted: non-accettazione, nothing transported', async () => {
  const { mittente, visibile, nascosto } = t4;
  const sent = await smtpAs(sandbox, mittente).sendMail({ from: mittente, to: visibile, bcc: nascosto, subject: 'Con copia nascosta', text: 'x' });
  await sandbox.whenIdle();
  const [avviso, ...rest] = await readInbox(sandbox, mittente);
  assert.equal(rest.length, 0);
  const analysis = await assertProviderMessage(avviso, 'receipt', 'non-accettazione');
  assert.equal(analysis.receipt?.errorDetail, 'Destinatari in Bcc non ammessi');
  assert.deepEqual(await readInbox(sandbox, visibile), []);
  assert.deepEqual(await readInbox(sandbox, nascosto), []);
  const id = sent.messageId.slice(1, -1);
  assert.equal(sandbox.log.accepted().filter((r) => r.messageId === id).length, 0);
  assert.deepEqual(
    sandbox.log.rejected().filter((r) => r.messageId === id).map((r) => [r.stage, r.reason]),
    [['non-accettazione', 'bcc']],
  );
});

const t5 = {
  mittente: mailbox('t5.mittente', 'pec.alfa.test'),
  altro: mailbox('t5.altro', 'pec.alfa.test'),
  destinatario: mailbox('t5.ufficio', 'pec.beta.test'),
};
test('a sender address the user does not own is refused with 553; a From of someone else gets a non-accettazione', async () => {
  const { mittente, altro, destinatario } = t5;
  const transport = smtpAs(sandbox, mittente);
  await assert.rejects(
    transport.sendMail({ envelope: { from: altro, to: destinatario }, from: altro, to: destinatario, subject: 'Non mio', text: 'x' }),
    (error: { responseCode?: number; response?: string }) => error.responseCode === 553 && /not owned by user/.test(error.response ?? ''),
  );
  await transport.sendMail({ envelope: { from: mittente, to: destinatario }, from: altro, to: destinatario, subject: 'From diverso', text: 'x' });
  await sandbox.whenIdle();
  const [avviso, ...rest] = await readInbox(sandbox, mittente);
  assert.equal(rest.length, 0);
  await assertProviderMessage(avviso, 'receipt', 'non-accettazione');
  assert.deepEqual(await readInbox(sandbox, destinatario), []);
  assert.deepEqual(await readInbox(sandbox, altro), []);
  const refused = sandbox.log.rejected().filter((r) => r.sender === mittente);
  assert.deepEqual(
    refused.map((r) => [r.stage, r.reason]),
    [
      ['smtp', 'sender-not-owned'],
      ['non-accettazione', 'from-mismatch'],
    ],
  );
});

const t6 = { mittente: mailbox('t6.mittente', 'pec.alfa.test'), destinatario: mailbox('t6.ufficio', 'pec.beta.test') };
test('past the rate limit the access point answers 550 "Too much traffic from this sender" until the window passes', async () => {
  const { mittente, destinatario } = t6;
  const transport = smtpAs(sandbox, mittente);
  const send = (n: number) => transport.sendMail({ from: mittente, to: destinatario, subject: `Invio ${n}`, text: 'x' });
  sandbox.setRateLimit({ max: 3, windowMs: 60_000 });
  try {
    for (let n = 1; n <= 3; n++) await send(n);
    await assert.rejects(send(4), (error: { response?: string }) => {
      assert.equal(error.response, `550 5.7.1 MAIL from: "${mittente}" blocked "Class Of Service" - Too much traffic from this sender`);
      return true;
    });
    clockOffset += 61_000;
    await send(5);
  } finally {
    sandbox.setRateLimit(null);
  }
  await sandbox.whenIdle();
  assert.deepEqual(
    sandbox.log.records.filter((r) => r.sender === mittente).map((r) => (r.type === 'accepted' ? r.subject : r.reason)),
    ['Invio 1', 'Invio 2', 'Invio 3', 'rate-limited', 'Invio 5'],
  );
  assert.equal((await readInbox(sandbox, destinatario)).length, 4);
});

const t7 = { mittente: mailbox('t7.mittente', 'pec.alfa.test'), destinatario: mailbox('t7.ufficio', 'pec.beta.test') };
test('a message carrying the EICAR test virus is not delivered: rilevazione virus to the provider, avviso per virus to the sender', async () => {
  const { mittente, destinatario } = t7;
  // The EICAR anti-virus test file (eicar.org), built in two halves so this source is not flagged itself.
  const eicar = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$' + 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
  const sent = await smtpAs(sandbox, mittente).sendMail({ from: mittente, to: destinatario, subject: 'Fattura', text: 'In allegato', attachments: [{ filename: 'fattura.com', content: eicar }] });
  await sandbox.whenIdle();
  const [accettazione, avviso, ...rest] = await readInbox(sandbox, mittente);
  assert.equal(rest.length, 0);
  await assertProviderMessage(accettazione, 'receipt', 'accettazione');
  const analysis = await assertProviderMessage(avviso, 'receipt', 'errore-consegna');
  assert.equal(analysis.receipt?.error, 'virus');
  assert.equal(header(avviso, 'X-VerificaSicurezza'), 'errore');
  assert.match(header(avviso, 'Subject') ?? '', /^AVVISO DI MANCATA CONSEGNA PER VIRUS: /);
  assert.deepEqual(await readInbox(sandbox, destinatario), []);
  const notices = (await forMessage('posta-certificata@pec.alfa.test', sent.messageId)).filter((r) => header(r, 'X-Ricevuta') === 'rilevazione-virus');
  assert.equal(notices.length, 1);
  await assertProviderMessage(notices[0], 'receipt', 'rilevazione-virus');
});

const t8 = { mittente: mailbox('t8.mittente', 'pec.alfa.test') };
test('a mailbox whose delivery stalls brings a preavviso di mancata consegna, then the avviso for maximum time exceeded', async () => {
  const { mittente } = t8;
  await smtpAs(sandbox, mittente).sendMail({ from: mittente, to: 'lento@pec.beta.test', subject: 'Urgente', text: 'x' });
  await sandbox.whenIdle();
  const receipts = await readInbox(sandbox, mittente);
  assert.deepEqual(ids(receipts, 'X-Ricevuta'), ['accettazione', 'preavviso-errore-consegna', 'errore-consegna']);
  const preavviso = await assertProviderMessage(receipts[1], 'receipt', 'preavviso-errore-consegna');
  assert.equal(preavviso.receipt?.deliveredTo, 'lento@pec.beta.test');
  await assertProviderMessage(receipts[2], 'receipt', 'errore-consegna');
  assert.match(header(receipts[2], 'Subject') ?? '', /^AVVISO DI MANCATA CONSEGNA PER SUP\. TEMPO MASSIMO: /);
});

const t9 = {
  mittente: mailbox('t9.mittente', 'pec.alfa.test'),
  a: mailbox('t9.ufficio', 'pec.beta.test'),
  b: mailbox('t9.protocollo', 'pec.beta.test'),
};
test('a message whose size times its recipients passes the limit gets a non-accettazione', async () => {
  const { mittente, a, b } = t9;
  await smtpAs(sandbox, mittente).sendMail({ from: mittente, to: [a, b], subject: 'Allegato grande', text: 'x', attachments: [{ filename: 'grande.bin', content: crypto.randomBytes(120_000) }] });
  await sandbox.whenIdle();
  const [avviso, ...rest] = await readInbox(sandbox, mittente);
  assert.equal(rest.length, 0);
  const analysis = await assertProviderMessage(avviso, 'receipt', 'non-accettazione');
  assert.match(analysis.receipt?.errorDetail ?? '', /oltre il limite di 300000 byte/);
  assert.deepEqual(await readInbox(sandbox, a), []);
});

const t10 = {
  mittente: mailbox('t10.info', 'mail.gamma.test'),
  pec: mailbox('t10.ufficio', 'pec.beta.test'),
  ordinario: mailbox('t10.amico', 'mail.gamma.test'),
};
test('mail from an ordinary mailbox reaches a PEC mailbox as a busta di anomalia and an ordinary one as sent', async () => {
  const { mittente, pec, ordinario } = t10;
  await smtpAs(sandbox, mittente).sendMail({ from: mittente, to: [pec, ordinario], subject: 'Posta normale', text: 'ciao' });
  await sandbox.whenIdle();
  const [anomalia] = await readInbox(sandbox, pec);
  assert.equal(header(anomalia, 'X-Trasporto'), 'errore');
  assert.match(header(anomalia, 'Subject') ?? '', /^ANOMALIA MESSAGGIO: Posta normale/);
  const analysis = await assertProviderMessage(anomalia, 'anomaly');
  assert.equal(analysis.original?.from, mittente);
  const [plain] = await readInbox(sandbox, ordinario);
  assert.equal(header(plain, 'Subject'), 'Posta normale');
  assert.equal(header(plain, 'X-Trasporto'), null);
  assert.deepEqual(await readInbox(sandbox, mittente), []);
});

const t11 = { mittente: mailbox('t11.mittente', 'pec.alfa.test') };
test('the log records every accepted submission exactly once, with its identificativo', async () => {
  const { mittente } = t11;
  const [first, second] = sandbox.accounts.filter((a) => /^destinatario\d{3}@pec\.beta\.test$/.test(a.address)).map((a) => a.address);
  const transport = smtpAs(sandbox, mittente);
  const sent = await Promise.all(
    Array.from({ length: 12 }, (_, n) => transport.sendMail({ from: mittente, to: first, cc: second, subject: `Massivo ${n}`, text: `messaggio ${n}` })),
  );
  await sandbox.whenIdle();
  const accepted = sandbox.log.accepted().filter((r) => r.sender === mittente);
  assert.equal(accepted.length, 12);
  assert.deepEqual(new Set(accepted.map((r) => `<${r.messageId}>`)), new Set(sent.map((s) => s.messageId)));
  assert.equal(new Set(accepted.map((r) => r.identificativo)).size, 12);
  assert.ok(accepted.every((r) => r.pec && r.recipients.length === 2 && (r.size ?? 0) > 0));
  const lines = fs.readFileSync(sandbox.log.file!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; sender: string });
  assert.equal(lines.filter((l) => l.type === 'accepted' && l.sender === mittente).length, 12);
  assert.equal((await readInbox(sandbox, first)).length, 12);
  assert.equal((await readInbox(sandbox, mittente)).length, 12 * 3);
});

test('a mailbox added while the sandbox runs can log in and receives PEC', async () => {
  const [nuovo] = await sandbox.addMailboxes([{ address: 'nuovo.arrivato@pec.beta.test', password: 'segreta' }]);
  const mittente = 'mario.rossi@pec.alfa.test';
  const sent = await smtpAs(sandbox, mittente).sendMail({ from: mittente, to: nuovo.address, subject: 'Benvenuto', text: 'x' });
  await sandbox.whenIdle();
  const [busta] = await readInbox(sandbox, nuovo.address, 'segreta');
  assert.equal(header(busta, 'X-Riferimento-Message-ID'), sent.messageId);
  const receipts = await forMessage(mittente, sent.messageId);
  assert.deepEqual(ids(receipts, 'X-Ricevuta'), ['accettazione', 'avvenuta-consegna']);
});
