import { test } from 'node:test';
import assert from 'node:assert/strict';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { containsEicar, formalProblem } from '../../../sandbox/gestore/checks';
import { readSubmission } from '../../../sandbox/provider';

const user = 'mario.rossi@pec.alfa.test';
const build = async (mail: Mail.Options) => readSubmission(await new MailComposer({ from: user, to: 'ufficio@pec.beta.test', subject: 'Prova', text: 'x', ...mail }).compile().build());
const limits = { maxSize: 10_000, scanVirus: true };
// The EICAR anti-virus test file (eicar.org), in two halves so this source is not flagged itself.
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$' + 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

test('the access point accepts a message whose From, To/Cc and SMTP envelope agree, within the size limit', async () => {
  const message = await build({ cc: 'studio@pec.alfa.test' });
  assert.equal(formalProblem(message, { user, mailFrom: user, recipients: ['ufficio@pec.beta.test', 'Studio@PEC.alfa.test'] }, limits), null);
});

test('each formal fault of RFC 6109 §3.1.1 is named in the non-accettazione', async () => {
  const to = ['ufficio@pec.beta.test'];
  const cases: [Promise<ReturnType<typeof readSubmission>>, string[], string][] = [
    [build({ from: 'altro@pec.alfa.test' }), to, 'from-mismatch'],
    [build({ from: [user, 'altro@pec.alfa.test'] }), to, 'from-mismatch'],
    [build({ to: [], cc: 'studio@pec.alfa.test' }), ['studio@pec.alfa.test'], 'no-recipients'],
    [build({}), [...to, 'nascosto@pec.beta.test'], 'bcc'],
    [build({ cc: 'studio@pec.alfa.test' }), to, 'envelope-mismatch'],
    [build({ attachments: [{ filename: 'grande.bin', content: Buffer.alloc(9_000, 1) }] }), to, 'too-large'],
    [build({ attachments: [{ filename: 'eicar.com', content: EICAR }] }), to, 'virus'],
  ];
  for (const [message, recipients, reason] of cases) {
    const problem = formalProblem(await message, { user, mailFrom: user, recipients }, limits);
    assert.equal(problem?.reason, reason);
    assert.equal(problem.errore, reason === 'virus' ? 'virus' : 'altro');
  }
});

test('the EICAR string is found in clear and inside a base64 attachment, and not in a clean message', async () => {
  assert.ok(containsEicar(Buffer.from(`Subject: x\r\n\r\n${EICAR}\r\n`)));
  const encoded = await new MailComposer({ from: user, to: user, text: 'x', attachments: [{ filename: 'a.com', content: EICAR }] }).compile().build();
  assert.ok(!encoded.includes('EICAR-STANDARD'), 'the attachment is encoded');
  assert.ok(containsEicar(encoded));
  assert.equal(containsEicar((await build({})).raw), false);
});
