// Why a message was not submitted, in both UI languages: one text per failure the send queue
// stores on a recipient (campaign_recipients.error_code; a single PEC is a queue row too). The
// runner (src/main/send/runner.ts) stores the failure's text and values beside its Italian words
// (error, for logs, the CLI and the evidence report), and the window words the same text in its own
// language (src/renderer/features/campaign/failure-text.ts), so an English window never shows an
// Italian sentence nor an Italian one an English sentence. What the provider or the system said
// stays a value, as it came ({{reply}}: the SMTP server's reply; {{detail}}: the system's message).
// A size limit is numbers, formatted by the language like the pre-send findings' (send-check-texts.ts).

import { textsIn, type Bilingual } from './bilingual';

export const SEND_FAILURE_TEXTS = {
  // A 4xx reply, or InfoCert's "550 … Too much traffic from this sender": the row waits and goes again.
  throttled: {
    it: 'Il gestore chiede di rallentare gli invii: «{{reply}}». PecDesk riprova da solo più tardi, non serve fare nulla.',
    en: 'The provider asks to slow down: “{{reply}}”. PecDesk tries again by itself later, nothing to do.',
  },
  // {{reply}}: each refused address with the server's reply to it.
  'recipient-rejected': {
    it: 'Il gestore ha rifiutato il destinatario: {{reply}}. Controlla l’indirizzo, poi invia di nuovo.',
    en: 'The provider refused the recipient: {{reply}}. Check the address, then send again.',
  },
  // {{command}}: the SMTP step refused (MAIL FROM, DATA…).
  'message-rejected': {
    it: 'Il gestore ha rifiutato il messaggio (al comando {{command}}): «{{reply}}». Nessuno l’ha ricevuto: controlla mittente, allegati e contenuto, poi invia di nuovo.',
    en: 'The provider refused the message (at {{command}}): “{{reply}}”. Nobody received it: check the sender, the attachments and the content, then send again.',
  },
  auth: {
    it: 'Il gestore ha rifiutato nome utente o password: «{{reply}}». Correggi la password in Account…, poi premi Riprendi: il messaggio parte identico, una volta sola.',
    en: 'The provider refused the username or password: “{{reply}}”. Fix the password in Account…, then press Resume: the message goes out unchanged, once.',
  },
  connection: {
    it: 'Il collegamento al gestore non è riuscito: «{{reply}}». PecDesk riprova da solo; se continua, controlla la rete e le impostazioni dell’account.',
    en: 'The connection to the provider failed: “{{reply}}”. PecDesk tries again by itself; if it goes on, check the network and the account’s settings.',
  },
  'too-large-recipients': {
    it: 'Il messaggio è troppo grande per il gestore: {{recipients}} destinatari, il gestore ne accetta al massimo {{max}} per messaggio. Togli destinatari, poi invia di nuovo.',
    en: 'The message is too large for the provider: {{recipients}} recipients, and the provider accepts at most {{max}} per message. Remove recipients, then send again.',
  },
  'too-large-size': {
    it: 'Il messaggio è troppo grande per il gestore: {{size, number(maximumFractionDigits: 1)}} MB × {{recipients}} destinatari = {{total, number(maximumFractionDigits: 1)}} MB, oltre il limite del gestore di {{limit, number(maximumFractionDigits: 1)}} MB. Togli o riduci gli allegati, poi invia di nuovo.',
    en: "The message is too large for the provider: {{size, number(maximumFractionDigits: 1)}} MB × {{recipients}} recipients = {{total, number(maximumFractionDigits: 1)}} MB, over the provider's limit of {{limit, number(maximumFractionDigits: 1)}} MB. Remove or shrink the attachments, then send again.",
  },
  'bcc-forbidden': {
    it: 'La PEC non ammette destinatari nascosti (Ccn): mettili in «A» o «Cc», o invia messaggi separati.',
    en: 'PEC does not allow hidden recipients (Bcc): put them in “To” or “Cc”, or send separate messages.',
  },
  // {{detail}}: what the message builder found wrong (an address, a field), as it said it.
  'invalid-message': {
    it: 'Il messaggio non si può inviare così: {{detail}}. Correggi indirizzi e campi, poi invia di nuovo.',
    en: 'The message cannot be sent as it is: {{detail}}. Correct the addresses and fields, then send again.',
  },
  // {{fields}}: the placeholders without a value, as {{name}}.
  'missing-field': {
    it: 'Manca il valore di {{fields}} per questo destinatario: completa i suoi dati, poi invia di nuovo.',
    en: 'This recipient has no value for {{fields}}: complete their data, then send again.',
  },
  // Its exact bytes are gone: other bytes under its Message-ID would make its receipts prove a message nobody kept.
  'raw-missing': {
    it: 'Il messaggio preparato non è più leggibile dall’archivio ({{detail}}): non è stato inviato. Invia di nuovo a questo destinatario.',
    en: 'The prepared message can no longer be read from the archive ({{detail}}): it was not sent. Send again to this recipient.',
  },
  'raw-write-failed': {
    it: 'Il messaggio non si è potuto salvare sul disco ({{detail}}): non è stato inviato. Controlla lo spazio libero, poi invia di nuovo.',
    en: 'The message could not be saved to disk ({{detail}}): it was not sent. Check the free space, then send again.',
  },
  'invalid-message-id': {
    it: 'Il messaggio ha un identificativo non valido ({{detail}}): non è stato inviato. Invia di nuovo.',
    en: 'The message has an invalid identifier ({{detail}}): it was not sent. Send again.',
  },
  'invalid-recipient': {
    it: 'L’indirizzo del destinatario non è valido ({{detail}}): correggilo, poi invia di nuovo.',
    en: 'The recipient’s address is not valid ({{detail}}): correct it, then send again.',
  },
  'no-recipients': {
    it: 'Il messaggio non ha destinatari: aggiungine almeno uno, poi invia di nuovo.',
    en: 'The message has no recipients: add at least one, then send again.',
  },
  // The claim did not reach the disk: the message never ended and goes again by itself.
  disk: {
    it: 'Il disco non ha confermato la scrittura ({{detail}}): il messaggio non è partito e verrà inviato identico appena il disco risponde.',
    en: 'The disk did not confirm the write ({{detail}}): the message did not go out and will be sent unchanged as soon as the disk answers.',
  },
  reconciled: {
    it: 'Invio interrotto senza traccia presso il gestore: verrà ripetuto identico.',
    en: 'Sending interrupted with no trace at the provider: it will be repeated unchanged.',
  },
  // Why an account's sending paused before any message went (the campaign's state detail).
  'account-unavailable': {
    it: 'L’account dell’invio non si può leggere: controllalo in Account…, poi premi Riprendi.',
    en: 'The sending account cannot be read: check it in Accounts…, then press Resume.',
  },
  'password-unavailable': {
    it: 'La password di {{address}} non è disponibile: scrivila in Account… (o sblocca le password salvate), poi premi Riprendi.',
    en: 'The password of {{address}} is not available: type it in Accounts… (or unlock the saved passwords), then press Resume.',
  },
} as const satisfies Record<string, Bilingual>;

/** A failure's text, as a key of SEND_FAILURE_TEXTS. */
export type SendFailureText = keyof typeof SEND_FAILURE_TEXTS;

/** The values a text names ({{name}}). */
export type SendFailureParams = Record<string, string | number>;

/** A failure as values: its text and what it names. */
export interface SendFailureValues {
  text: SendFailureText;
  params: SendFailureParams;
}

/** True when `text` names a text of the catalog (values read back from the store may not). */
export function isSendFailureText(text: unknown): text is SendFailureText {
  return typeof text === 'string' && Object.hasOwn(SEND_FAILURE_TEXTS, text);
}

/** Every text in one language, as an i18next resource section. */
export function sendFailureTexts(language: 'it' | 'en'): Record<SendFailureText, string> {
  return textsIn(SEND_FAILURE_TEXTS, language);
}
