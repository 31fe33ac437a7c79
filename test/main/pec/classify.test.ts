import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyHeaders, parseHeaderBlock } from '../../../src/main/pec';
import { RECEIPT_TYPES } from '../../../src/shared/pec';

function classify(headerText: string) {
  const raw = Buffer.from(headerText.replace(/\n/g, '\r\n') + '\r\n');
  return classifyHeaders(parseHeaderBlock(raw, 0, raw.length).headers);
}

for (const type of RECEIPT_TYPES) {
  test(`X-Ricevuta: ${type} is a ${type} receipt`, () => {
    assert.deepEqual(classify(`Subject: qualsiasi\nX-Ricevuta: ${type}`), { kind: 'receipt', receiptType: type, problems: [] });
  });
}

test('header names are case-insensitive and values are trimmed and lowercased', () => {
  assert.equal(classify('x-RICEVUTA:   Avvenuta-Consegna  ').receiptType, 'avvenuta-consegna');
  assert.equal(classify('X-TRASPORTO: Posta-Certificata').kind, 'envelope');
});

test('non-accettazione is never read as accettazione: values are compared whole', () => {
  assert.equal(classify('X-Ricevuta: non-accettazione').receiptType, 'non-accettazione');
  assert.equal(classify('X-Ricevuta: preavviso-errore-consegna').receiptType, 'preavviso-errore-consegna');
});

test('X-Trasporto posta-certificata is an envelope, errore an anomaly', () => {
  assert.equal(classify('X-Trasporto: posta-certificata').kind, 'envelope');
  assert.equal(classify('X-Trasporto: errore').kind, 'anomaly');
});

test('a subject alone never makes a receipt or an envelope', () => {
  for (const subject of ['CONSEGNA: x', 'ACCETTAZIONE: x', 'POSTA CERTIFICATA: x', 'ANOMALIA MESSAGGIO: x']) {
    assert.equal(classify(`Subject: ${subject}\nX-Riferimento-Message-ID: <a@b>`).kind, 'ordinary');
  }
});

test('an unknown X-Ricevuta value is ordinary mail with a problem', () => {
  const c = classify('X-Ricevuta: consegna');
  assert.equal(c.kind, 'ordinary');
  assert.match(c.problems[0], /unknown X-Ricevuta value "consegna"/);
});

test('a message carrying both X-Ricevuta and X-Trasporto is read as the receipt, with a problem', () => {
  const c = classify('X-Trasporto: posta-certificata\nX-Ricevuta: accettazione');
  assert.equal(c.kind, 'receipt');
  assert.match(c.problems.join(), /both X-Ricevuta and X-Trasporto/);
});
