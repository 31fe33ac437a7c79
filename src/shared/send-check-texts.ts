// Every pre-send finding's words, in both UI languages. The checks (src/main/send/checks.ts) give a
// finding a text and its values (Finding.text, .params) beside an Italian message for logs and the
// CLI; the window words the same text in its own language (src/renderer/features/campaign/
// finding-text.ts), so an English window never shows an Italian finding. Texts use i18next's
// {{name}} interpolation; sizes are megabytes formatted by the language ({{x, number(…)}}), so
// English reads "1.5 MB" where Italian reads "1,5 MB". Plural texts (key_one, key_other) are chosen
// by {{count}}; Italian keeps one form where its wording never varied.

import { textsIn, type Bilingual } from './bilingual';

export const CHECK_FINDING_TEXTS = {
  'no-recipients': { it: 'Nessun destinatario: aggiungine almeno uno.', en: 'No recipients: add at least one.' },
  // A single PEC: Cc alone is not enough, the provider wants someone in To.
  'no-recipients-in-to': { it: 'Nessun destinatario in «A»: aggiungine almeno uno.', en: 'No recipients in “To”: add at least one.' },
  'invalid-address_one': { it: 'Un indirizzo non è valido: correggilo o toglilo.', en: 'One address is not valid: correct it or remove it.' },
  'invalid-address_other': { it: '{{count}} indirizzi non validi: correggili o toglili.', en: '{{count}} addresses are not valid: correct them or remove them.' },
  // Look-alike domains named apart: the address looks right, so "not valid" alone would puzzle.
  'invalid-address-lookalike_one': {
    it: 'Un indirizzo non è valido: correggilo o toglilo. {{lookalikes}} di questi hanno un dominio che mescola alfabeti diversi e imita un altro indirizzo (lettere cirilliche o greche al posto di quelle latine).',
    en: 'One address is not valid: correct it or remove it. Look-alikes among them: {{lookalikes}} (a domain that mixes different alphabets to imitate another address: Cyrillic or Greek letters in place of Latin ones).',
  },
  'invalid-address-lookalike_other': {
    it: '{{count}} indirizzi non validi: correggili o toglili. {{lookalikes}} di questi hanno un dominio che mescola alfabeti diversi e imita un altro indirizzo (lettere cirilliche o greche al posto di quelle latine).',
    en: '{{count}} addresses are not valid: correct them or remove them. Look-alikes among them: {{lookalikes}} (a domain that mixes different alphabets to imitate another address: Cyrillic or Greek letters in place of Latin ones).',
  },
  'duplicate-recipient_one': {
    it: "{{count}} indirizzi erano ripetuti nell'elenco: ognuno riceverà un solo messaggio.",
    en: '{{count}} address was repeated in the list: it will receive only one message.',
  },
  'duplicate-recipient_other': {
    it: "{{count}} indirizzi erano ripetuti nell'elenco: ognuno riceverà un solo messaggio.",
    en: '{{count}} addresses were repeated in the list: each will receive only one message.',
  },
  'missing-field_one': {
    it: '{{count}} destinatari non hanno un valore per tutti i segnaposto: completa i dati o togli il segnaposto.',
    en: '{{count}} recipient lacks a value for some placeholders: complete the data or remove the placeholder.',
  },
  'missing-field_other': {
    it: '{{count}} destinatari non hanno un valore per tutti i segnaposto: completa i dati o togli il segnaposto.',
    en: '{{count}} recipients lack a value for some placeholders: complete the data or remove the placeholder.',
  },
  'no-subject': { it: "L'oggetto è vuoto.", en: 'The subject is empty.' },
  'empty-body': { it: 'Il testo del messaggio è vuoto.', en: 'The message text is empty.' },
  // A campaign sends many messages, the composer one.
  'account-not-pec-messages': {
    it: "L'account non è una casella PEC: i messaggi non avranno ricevute né valore legale.",
    en: 'The account is not a PEC mailbox: the messages will have no receipts and no legal value.',
  },
  'account-not-pec': {
    it: "L'account non è una casella PEC: il messaggio non avrà ricevute né valore legale.",
    en: 'The account is not a PEC mailbox: the message will have no receipts and no legal value.',
  },
  'not-pec_one': {
    it: "Un destinatario non risulta una casella PEC: non arriverà la ricevuta di consegna e l'invio non avrà valore legale.",
    en: 'One recipient does not appear to be a PEC mailbox: no delivery receipt will arrive and the sending will have no legal value.',
  },
  'not-pec_other': {
    it: "{{count}} destinatari non risultano caselle PEC: non arriverà la ricevuta di consegna e l'invio non avrà valore legale.",
    en: '{{count}} recipients do not appear to be PEC mailboxes: no delivery receipts will arrive and the sending will have no legal value.',
  },
  // {{word}}: the word of the text that promised a file, as written.
  'attachment-mentioned': {
    it: 'Il testo parla di un allegato («{{word}}») ma non hai allegato nessun file.',
    en: 'The text mentions an attachment (“{{word}}”) but no file is attached.',
  },
  'cc-exposes': {
    it: 'In copia (Cc) a ogni messaggio: {{addresses}}. Ogni destinatario vedrà questi indirizzi.',
    en: 'Copied (Cc) on every message: {{addresses}}. Every recipient will see these addresses.',
  },
  'provider-blocked-attachment': {
    it: 'I gestori PEC (per esempio Aruba) rifiutano programmi e script come allegato: {{files}}. Il messaggio rischia di non essere accettato: togli il file o invialo come PDF.',
    en: 'PEC providers (Aruba, for example) refuse programs and scripts as attachments: {{files}}. The message may not be accepted: remove the file or send it as a PDF.',
  },
  'office-refused-attachment': {
    it: 'Alcuni uffici pubblici rifiutano allegati di questo tipo: {{files}}. Preferisci PDF.',
    en: 'Some public offices refuse attachments of this type: {{files}}. Prefer PDF.',
  },
  // A campaign's message over a limit: {{detail}} is the mail module's own account of it (in English).
  'too-large-detail': { it: 'Il messaggio è troppo grande per il gestore: {{detail}}', en: 'The message is too large for the provider: {{detail}}' },
  'too-large-recipients': {
    it: 'Il messaggio è troppo grande per il gestore: {{recipients}} destinatari, il gestore ne accetta al massimo {{max}} per messaggio. Togli allegati o destinatari, o usa un invio massivo.',
    en: 'The message is too large for the provider: {{recipients}} recipients, and the provider accepts at most {{max}} per message. Remove attachments or recipients, or use a bulk send.',
  },
  'too-large-size': {
    it: 'Il messaggio è troppo grande per il gestore: {{size, number(maximumFractionDigits: 1)}} MB × {{recipients}} destinatari = {{total, number(maximumFractionDigits: 1)}} MB, oltre il limite del gestore di {{limit, number(maximumFractionDigits: 1)}} MB. Togli allegati o destinatari, o usa un invio massivo.',
    en: "The message is too large for the provider: {{size, number(maximumFractionDigits: 1)}} MB × {{recipients}} recipients = {{total, number(maximumFractionDigits: 1)}} MB, over the provider's limit of {{limit, number(maximumFractionDigits: 1)}} MB. Remove attachments or recipients, or use a bulk send.",
  },
  // PEC has no Bcc (RFC 6109 §3.1.1): everyone in To and Cc reads the whole list.
  'recipients-see-each-other': {
    it: '{{recipients}} destinatari in «A» e «Cc»: ognuno vedrà gli indirizzi degli altri (la PEC non ha la copia nascosta). Per non mostrarli usa un invio massivo, un messaggio per destinatario.',
    en: '{{recipients}} recipients in “To” and “Cc”: each will see the addresses of the others (PEC has no blind copy). To keep them hidden, use a bulk send, one message per recipient.',
  },
  'total-volume_one': {
    it: '{{count}} messaggi da {{size, number(maximumFractionDigits: 1)}} MB: {{total, number(maximumFractionDigits: 1)}} MB in tutto.',
    en: '{{count}} message of {{size, number(maximumFractionDigits: 1)}} MB: {{total, number(maximumFractionDigits: 1)}} MB in all.',
  },
  'total-volume_other': {
    it: '{{count}} messaggi da {{size, number(maximumFractionDigits: 1)}} MB: {{total, number(maximumFractionDigits: 1)}} MB in tutto.',
    en: '{{count}} messages of {{size, number(maximumFractionDigits: 1)}} MB each: {{total, number(maximumFractionDigits: 1)}} MB in all.',
  },
  // One text per receipt variant: the variant's name is a word of each language.
  'receipt-quota-completa': {
    it: "Ricevuta completa: ogni ricevuta di consegna contiene l'intero messaggio, circa {{size, number(maximumFractionDigits: 1)}} MB in più nella casella. Con la ricevuta breve o sintetica lo spazio scende molto.",
    en: 'Full receipt: every delivery receipt contains the whole message, about {{size, number(maximumFractionDigits: 1)}} MB more in the mailbox. With the short or summary receipt it takes far less space.',
  },
  'receipt-quota-breve': {
    it: 'Ricevuta breve: le ricevute occuperanno circa {{size, number(maximumFractionDigits: 1)}} MB nella casella.',
    en: 'Short receipt: the receipts will take about {{size, number(maximumFractionDigits: 1)}} MB in the mailbox.',
  },
  'receipt-quota-sintetica': {
    it: 'Ricevuta sintetica: le ricevute occuperanno circa {{size, number(maximumFractionDigits: 1)}} MB nella casella.',
    en: 'Summary receipt: the receipts will take about {{size, number(maximumFractionDigits: 1)}} MB in the mailbox.',
  },
} as const satisfies Record<string, Bilingual>;

/** A catalog key without its plural suffix: what a finding names (i18next picks the form by count). */
type WithoutPlural<K> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

/** A finding's text, as a key of CHECK_FINDING_TEXTS (plural texts by their base name). */
export type CheckFindingText = WithoutPlural<keyof typeof CHECK_FINDING_TEXTS>;

/** The values a text names ({{name}}); count picks a plural form. */
export type CheckFindingParams = Record<string, string | number>;

/** Every text in one language, as an i18next resource section. */
export function checkFindingTexts(language: 'it' | 'en'): Record<keyof typeof CHECK_FINDING_TEXTS, string> {
  return textsIn(CHECK_FINDING_TEXTS, language);
}
