// Wording why a message was not submitted: the queue stores a failure's text and values (for the
// window to word in its own language) beside the same words in Italian (for logs, the CLI and the
// evidence report). Italian is filled in by i18next from the catalog the window reads too
// (src/shared/send-failure-texts.ts), as check-words.ts does for the pre-send findings.
import i18next from 'i18next';
import type { SendFailure } from '../mail';
import { isSendFailureText, sendFailureTexts, type SendFailureParams, type SendFailureText, type SendFailureValues } from '../../shared/send-failure-texts';

const italian = i18next.createInstance();
void italian.init({ lng: 'it', resources: { it: { translation: { sendFailure: sendFailureTexts('it') } } }, interpolation: { escapeValue: false }, initAsync: false });

const MB = 1_000_000;

/** A failure's text in Italian, with its values filled in. */
export function italianFailureWords(values: SendFailureValues): string {
  return italian.t(`sendFailure.${values.text}`, values.params);
}

/** A failure as stored on its queue row: its Italian words (`reason`) and its values. */
export function failureOf(text: SendFailureText, params: SendFailureParams = {}): { reason: string; values: SendFailureValues } {
  const values = { text, params };
  return { reason: italianFailureWords(values), values };
}

/** What an SMTP failure says, as values: the server's reply as it came, a size limit as its numbers. */
export function smtpFailureValues(f: SendFailure): SendFailureValues {
  const reply = f.reply ?? f.detail;
  switch (f.code) {
    case 'throttled':
    case 'recipient-rejected':
    case 'auth':
    case 'connection':
      return { text: f.code, params: { reply } };
    case 'message-rejected':
      return { text: f.code, params: { command: f.command ?? 'SMTP', reply } };
    case 'too-large':
      return tooLargeValues(f);
    case 'bcc-forbidden':
      return { text: f.code, params: {} };
    default:
      return { text: 'invalid-message', params: { detail: f.detail } };
  }
}

/** A size or recipient-count limit, from prepare.ts's numbers (the failure's detail when it has none). */
function tooLargeValues(f: SendFailure): SendFailureValues {
  const { sizeBytes, recipientCount, maxMessageBytes, maxRecipients } = f as Partial<Record<'sizeBytes' | 'recipientCount' | 'maxMessageBytes' | 'maxRecipients', number | null>>;
  if (typeof recipientCount === 'number' && typeof maxRecipients === 'number' && recipientCount > maxRecipients) {
    return { text: 'too-large-recipients', params: { recipients: recipientCount, max: maxRecipients } };
  }
  if (typeof sizeBytes === 'number' && typeof recipientCount === 'number' && typeof maxMessageBytes === 'number') {
    return { text: 'too-large-size', params: { size: sizeBytes / MB, recipients: recipientCount, total: (sizeBytes * recipientCount) / MB, limit: maxMessageBytes / MB } };
  }
  return { text: 'invalid-message', params: { detail: f.detail } };
}

/** An SMTP failure as stored on its queue row. */
export function smtpFailure(f: SendFailure): { reason: string; values: SendFailureValues } {
  const values = smtpFailureValues(f);
  return { reason: italianFailureWords(values), values };
}

/** A build or store failure (a code of the catalog and the system's message) as stored on its queue row. */
export function codedFailure(code: string, detail: string): { reason: string; values: SendFailureValues } {
  return failureOf(isSendFailureText(code) ? code : 'invalid-message', { detail });
}

/**
 * The values stored on a queue row (error_values, JSON), or null: rows stored before migration 20
 * have none (their error is the words of the time, shown as they are), and values this version
 * cannot word (a text a later version added) are as good as none.
 */
export function storedFailureValues(json: string | null): SendFailureValues | null {
  if (json === null) return null;
  try {
    const v = JSON.parse(json) as Partial<SendFailureValues> | null;
    if (!v || !isSendFailureText(v.text) || typeof v.params !== 'object' || v.params === null) return null;
    return { text: v.text, params: v.params };
  } catch {
    return null;
  }
}
