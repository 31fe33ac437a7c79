// Field errors in words: the check's invalid addresses and a refused payload's zod issues
// ("to.0: Invalid input") placed under the field they name, with the real Italian strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import i18next from 'i18next';
import it from '../../../../src/renderer/i18n/it.json';
import { fieldErrorsOfRefusal, fieldErrorsOfReport } from '../../../../src/renderer/features/composer/field-errors';
import type { CheckReport } from '../../../../src/shared/api-send-values';

const i18n = i18next.createInstance();
void i18n.init({ resources: { it: { translation: it } }, lng: 'it', initAsync: false, interpolation: { escapeValue: false } });
const t = i18n.t.bind(i18n);

const typed = { to: ['a.rossi@pec.it', 'mario(at)pec.it'], cc: ['x@', 'b@pec.it', 'y'] };

test("a refused payload's issues become Italian errors under To and Cc, naming the typed addresses", () => {
  const errors = fieldErrorsOfRefusal('Invalid request for sendMessage: to.1: Invalid input; cc.0: not an e-mail address; cc.2: Invalid input', typed, t);
  assert.deepEqual(errors, {
    to: 'Indirizzo non valido: mario(at)pec.it. Scrivilo nella forma nome@dominio.it.',
    cc: 'Indirizzi non validi: x@, y. Scrivi ognuno nella forma nome@dominio.it, separati da virgole.',
  });
});

test('an empty To, a long subject and a bad attachment are named; a message naming no field is left to the status line', () => {
  const errors = fieldErrorsOfRefusal('Invalid request for sendMessage: to: Too small; subject: Too big; attachments.0.dataBase64: not base64', { to: [], cc: [] }, t);
  assert.deepEqual(errors, {
    to: 'Aggiungi almeno un destinatario.',
    subject: "L'oggetto è troppo lungo: accorcialo.",
    attachments: 'Un allegato non è stato accettato: toglilo e allegalo di nuovo.',
  });
  assert.equal(fieldErrorsOfRefusal('The server refused the login.', typed, t), null);
});

test("the check report's invalid addresses go under the field where each was typed", () => {
  const report: CheckReport = {
    findings: [{ code: 'invalid-address', severity: 'error', message: '…', addresses: ['mario(at)pec.it', 'y'] }],
    estimate: { recipients: 5, messageBytes: 0, totalBytes: 0, receiptQuotaBytes: 0, perMinute: null, perHour: null, durationMs: 0 },
    blocked: true,
  };
  assert.deepEqual(fieldErrorsOfReport(report, typed, t), {
    to: 'Indirizzo non valido: mario(at)pec.it. Scrivilo nella forma nome@dominio.it.',
    cc: 'Indirizzo non valido: y. Scrivilo nella forma nome@dominio.it.',
  });
});
