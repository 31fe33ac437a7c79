import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeMessage, analyzeWithText, MAX_BODY_TEXT, searchableText, type SearchableText } from '../../../src/main/pec';
import { encodeBody, entity, multipart } from './helpers/pec-factory';

const REAL = path.join(__dirname, '../../fixtures/pec-real');

async function searchable(raw: Buffer): Promise<SearchableText> {
  const analysis = await analyzeMessage(raw);
  assert.ok(analysis.ok);
  return searchableText(raw, analysis.analysis.kind);
}

const textOf = async (raw: Buffer) => (await searchable(raw)).body;

test('an envelope gives the words the sender wrote in postacert.eml, not the provider cover text', async () => {
  const text = await textOf(fs.readFileSync(path.join(REAL, 'aruba-2023-posta-certificata-completa.eml')));
  assert.match(text, /casella di sviluppo\/test/);
  assert.doesNotMatch(text, /Messaggio di posta certificata|Il giorno .* il messaggio/i);
});

test('an SdI invoice envelope is found by the file name and the identificativo its text names', async () => {
  const text = await textOf(fs.readFileSync(path.join(REAL, 'sogei-2018-posta-certificata-breve-sdi-invio-file.eml')));
  assert.match(text, /IT02652600210_00007\.xml, con identificativo 7339338/);
});

test('a receipt gives no words: its text is the provider\'s, the same in every receipt', async () => {
  for (const name of ['aruba-2018-avvenuta-consegna-completa.eml', 'aruba-2018-accettazione.eml', 'fakepec-2024-errore-consegna-no-dest-anonymized.eml']) {
    assert.equal(await textOf(fs.readFileSync(path.join(REAL, name))), '', name);
  }
});

test('an HTML-only message gives its text without tags', async () => {
  const text = await textOf(fs.readFileSync(path.join(REAL, 'postacert-inner-html.eml')));
  assert.equal(text, 'Testo libero contenente HTML');
});

test('a quoted-printable Latin-1 body and a base64 HTML body decode to the same accented words', async () => {
  const words = 'Perché l\'udienza è rinviata al 3 febbraio, città di Forlì';
  const latin1 = entity(['From: a@pec.alfa.test', 'To: b@pec.beta.test', 'Subject: rinvio', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset="iso-8859-1"', 'Content-Transfer-Encoding: quoted-printable'], encodeBody(Buffer.from(words, 'latin1'), 'quoted-printable'));
  const html = Buffer.concat([
    Buffer.from('From: a@pec.alfa.test\r\nTo: b@pec.beta.test\r\nSubject: rinvio\r\nMIME-Version: 1.0\r\n', 'latin1'),
    multipart('multipart/mixed', [
      entity(['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64'], encodeBody(Buffer.from(`<p>${words.replace("'", '&#39;')}</p><img src="cid:logo">`, 'utf8'), 'base64')),
      entity(['Content-Type: text/plain; name="nota.txt"', 'Content-Disposition: attachment; filename="nota.txt"'], 'non fa parte del testo\r\n'),
    ]),
  ]);
  assert.equal(await textOf(latin1), words);
  assert.equal(await textOf(html), words);
});

test('a very long body is cut to the index limit', async () => {
  const long = entity(['From: a@pec.alfa.test', 'Subject: lungo', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8'], 'parola '.repeat(20_000));
  assert.equal((await textOf(long)).length, MAX_BODY_TEXT);
});

test("the sender's name is searchable: the original's From for an envelope, never the provider's \"Per conto di\"", async () => {
  // The cover says From: "Per conto di: thinkstudio@pec.it", postacert.eml From: "thinkstudio".
  const envelope = await searchable(fs.readFileSync(path.join(REAL, 'aruba-2014-posta-certificata-completa.eml')));
  assert.equal(envelope.senderNames, 'thinkstudio');
  const encoded = entity(['From: =?utf-8?B?VHJpYnVuYWxlIGRpIEZvcmzDrA==?= <tribunale.forli@giustiziacert.it>', 'Subject: x', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8'], 'Udienza.\r\n');
  assert.equal((await searchable(encoded)).senderNames, 'Tribunale di Forlì');
  assert.deepEqual(await searchable(fs.readFileSync(path.join(REAL, 'aruba-2018-accettazione.eml'))), { body: '', senderNames: '' });
});

test('an HTML body nested 10,000 and 100,000 deep gives the words above the cut and never throws', async () => {
  for (const depth of [10_000, 100_000]) {
    const html = `<p>Gentile avvocato</p>${'<div>'.repeat(depth)}profondo${'</div>'.repeat(depth)}`;
    const raw = entity(['From: "Studio Rossi" <studio@pec.alfa.test>', 'Subject: Annidato', 'Content-Type: text/html; charset=utf-8'], html);
    assert.equal(await textOf(raw), 'Gentile avvocato');
  }
});

test('HTML nested a few hundred deep, as generated mail can be, is still indexed whole', async () => {
  const html = `${'<table><tr><td>'.repeat(300)}in fondo${'</td></tr></table>'.repeat(300)} <p>dopo</p>`;
  const raw = entity(['From: a@pec.alfa.test', 'Subject: Tabelle', 'Content-Type: text/html; charset=utf-8'], html);
  assert.equal(await textOf(raw), 'in fondo dopo');
});

test('analyzeWithText, one parse for filing, gives the analysis and the words of analyzeMessage + searchableText on every real message', async () => {
  const names = fs.readdirSync(REAL).filter((name) => name.endsWith('.eml'));
  assert.ok(names.length > 10);
  for (const name of names) {
    const raw = fs.readFileSync(path.join(REAL, name));
    const apart = await analyzeMessage(raw);
    const together = await analyzeWithText(raw);
    assert.deepEqual(together.result, apart, name);
    assert.deepEqual(together.text, apart.ok ? searchableText(raw, apart.analysis.kind) : null, name);
  }
});
