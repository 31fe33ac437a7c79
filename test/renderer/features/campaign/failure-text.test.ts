// Why a message was not submitted reads in the window's language: the SMTP module's real failures
// (from a real SMTP server's refusals) become a catalog text and the server's reply, the window words
// the text in its own language with the reply inside as it came, and the engine's Italian is the
// same words; a failure stored before failures had values shows the words stored with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLimits, classifySendError, createSmtpSender, type OutgoingMessage, type SendFailure } from '../../../../src/main/mail/smtp';
import { italianFailureWords, smtpFailureValues } from '../../../../src/main/send/failure-words';
import { SEND_FAILURE_TEXTS, type SendFailureValues } from '../../../../src/shared/send-failure-texts';
import { failureText, submissionFailureText } from '../../../../src/renderer/features/campaign/failure-text';
import { freePort } from '../../../../sandbox/ports';
import { ADDRESS, PASSWORD, account, letter } from '../../../main/mail/smtp/fixtures';
import { startTestSmtpServer, type TestSmtpOptions } from '../../../main/mail/smtp/smtp-test-server';
import { translator } from '../../translator';

const variables = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]))].sort();

// Words only one of the languages uses, in the catalog's texts.
const ITALIAN = /\b(il|la|gestore|rifiutato|messaggio|destinatario|invia|nuovo|controlla|collegamento|riprova|rallentare|nome|utente|poi|non)\b/i;
const ENGLISH = /\b(the|provider|refused|slow|down|message|recipient|again|send|check|nothing|connection|failed|username|then|by)\b/i;

/** A failure's words without the values it names (the server's words are neither language's). */
function ownWords(words: string, values: SendFailureValues): string {
  return Object.values(values.params).reduce<string>((rest, value) => rest.split(String(value)).join(' '), words);
}

/** What a real SMTP server's refusal becomes: the sender's failure for `letter`. */
async function failureFrom(options: TestSmtpOptions | null, password = PASSWORD): Promise<SendFailure> {
  const server = options && (await startTestSmtpServer({ users: { [ADDRESS]: PASSWORD }, ...options }));
  const port = server?.port ?? (await freePort());
  const sender = createSmtpSender(account(port), password, { timeoutMs: 5000 });
  try {
    const prepared = await sender.prepare(letter as OutgoingMessage);
    assert.ok(prepared.ok, JSON.stringify(prepared));
    const result = await sender.send(prepared.message);
    assert.ok(!result.ok, JSON.stringify(result));
    return result;
  } finally {
    sender.close();
    await server?.close();
  }
}

/** The real classifier's failures, one per kind the queue stores from SMTP. */
async function realFailures(): Promise<Record<string, SendFailure>> {
  return {
    throttled: await failureFrom({ onMailFrom: () => ({ code: 550, text: `MAIL from: "<${ADDRESS}>" blocked "Class Of Service" - Too much traffic from this sender` }) }),
    'recipient-rejected': await failureFrom({ onRcptTo: (a) => ({ code: 553, text: `5.1.3 <${a}>: bad address syntax` }) }),
    'message-rejected': await failureFrom({ onData: () => ({ code: 554, text: '5.7.1 Message rejected: attachment type not allowed' }) }),
    auth: await failureFrom({}, 'sbagliata'),
    connection: await failureFrom(null),
    // What send answers for a message over the account's limits (before any dialogue).
    'too-large': checkLimits(account(25, { maxMessageBytes: 1_000_000 }), 600_000, 3)!,
    'too-large-recipients': checkLimits(account(25, { maxRecipients: 2 }), 600, 3)!,
  };
}

test('every text has Italian and English words naming the same values', () => {
  for (const [key, text] of Object.entries(SEND_FAILURE_TEXTS)) {
    assert.ok(text.it.trim() && text.en.trim(), `${key} has words in both languages`);
    assert.deepEqual(variables(text.en), variables(text.it), `${key} names the same values`);
    assert.doesNotMatch(text.it, /'/, `${key}: Italian takes the typographic apostrophe`);
  }
});

test("the real classifier's failures read wholly in English in an English window and in Italian in an Italian one", async () => {
  const [en, it] = await Promise.all([translator('en'), translator('it')]);
  const failures = await realFailures();
  for (const [code, failure] of Object.entries(failures)) {
    assert.equal(failure.code, code.replace('-recipients', ''), JSON.stringify(failure));
    const values = smtpFailureValues(failure);
    const row = { error: italianFailureWords(values), errorText: values.text, errorParams: values.params };
    const english = failureText(en, row)!;
    const italian = failureText(it, row)!;
    assert.equal(italian, row.error, `${code}: the Italian window reads the engine's Italian`);
    assert.doesNotMatch(english, /sendFailure\.|\{\{/, `${code}: every value filled in`);
    assert.doesNotMatch(ownWords(english, values), ITALIAN, `${code} in English: ${english}`);
    assert.doesNotMatch(ownWords(italian, values), ENGLISH, `${code} in Italian: ${italian}`);
    // The server's words stay, as they came.
    if (values.params.reply) assert.ok(english.includes(String(values.params.reply)) && italian.includes(String(values.params.reply)), code);
  }
  const rejected = smtpFailureValues(failures['message-rejected']);
  assert.equal(
    failureText(en, { error: null, errorText: rejected.text, errorParams: rejected.params }),
    'The provider refused the message (at DATA): “554 5.7.1 Message rejected: attachment type not allowed”. Nobody received it: check the sender, the attachments and the content, then send again.',
  );
  const throttled = smtpFailureValues(failures.throttled);
  assert.match(italianFailureWords(throttled), /^Il gestore chiede di rallentare gli invii: «550 MAIL from: .*Too much traffic from this sender»\. PecDesk riprova da solo/);
});

test('a size limit is numbers, worded in each language’s own', async () => {
  const [en, it] = await Promise.all([translator('en'), translator('it')]);
  const values: SendFailureValues = { text: 'too-large-size', params: { size: 1.25, recipients: 2, total: 2.5, limit: 2 } };
  const row = { error: null, errorText: values.text, errorParams: values.params };
  assert.match(failureText(en, row)!, /^The message is too large for the provider: 1\.3 MB × 2 recipients = 2\.5 MB/);
  assert.match(failureText(it, row)!, /^Il messaggio è troppo grande per il gestore: 1,3 MB × 2 destinatari = 2,5 MB/);
});

test('a failure stored before failures had values shows its stored words, in any window', async () => {
  const en = await translator('en');
  const before = 'The server refused the message at DATA: 554 5.7.1 policy';
  assert.equal(failureText(en, { error: before, errorText: null, errorParams: null }), before);
  assert.equal(submissionFailureText(en, { reason: 'Il messaggio preparato non è più leggibile', reasonText: null, reasonParams: null }), 'Il messaggio preparato non è più leggibile');
  assert.equal(failureText(en, { error: null, errorText: null, errorParams: null }), null);
});

test("a single PEC's reason reads in the window's language", async () => {
  const en = await translator('en');
  const view = { reason: 'Invio interrotto senza traccia presso il gestore: verrà ripetuto identico.', reasonText: 'reconciled' as const, reasonParams: {} };
  assert.equal(submissionFailureText(en, view), 'Sending interrupted with no trace at the provider: it will be repeated unchanged.');
});

test('a recipient’s failure as the campaign view gives it reads in the window’s language', async () => {
  const [en, it] = await Promise.all([translator('en'), translator('it')]);
  const refused = classifySendError({ code: 'EMESSAGE', message: 'Message failed', response: '554 5.7.1 Message rejected by policy', responseCode: 554, command: 'DATA' }, { host: '127.0.0.1', port: 25 });
  const values = smtpFailureValues(refused);
  const row = { error: italianFailureWords(values), errorText: values.text, errorParams: values.params };
  assert.equal(
    failureText(en, row),
    'The provider refused the message (at DATA): “554 5.7.1 Message rejected by policy”. Nobody received it: check the sender, the attachments and the content, then send again.',
  );
  assert.equal(
    failureText(it, row),
    'Il gestore ha rifiutato il messaggio (al comando DATA): «554 5.7.1 Message rejected by policy». Nessuno l’ha ricevuto: controlla mittente, allegati e contenuto, poi invia di nuovo.',
  );
});
