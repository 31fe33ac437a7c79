import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { analyzeMessage, daticertTimestamp, parseDaticert, type Daticert } from '../../../src/main/pec';
import { REAL_DIR } from './helpers/real-fixtures';
import { daticertXml, pecMessage, receiptHeaders, type TransferEncoding } from './helpers/pec-factory';

function parsed(xml: Buffer | string): Daticert {
  const result = parseDaticert(Buffer.isBuffer(xml) ? xml : Buffer.from(xml, 'utf8'));
  assert.ok(result.ok, `daticert refused: ${JSON.stringify(result)}`);
  return result.daticert;
}

const DATICERT_DIR = path.join(REAL_DIR, 'daticert');

test('every real daticert.xml parses with a tipo, an identificativo and a timestamp', () => {
  const files = readdirSync(DATICERT_DIR);
  assert.equal(files.length, 6);
  for (const file of files) {
    const d = parsed(readFileSync(path.join(DATICERT_DIR, file)));
    assert.ok(d.identificativo, file);
    assert.match(d.timestamp ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/, file);
  }
});

test('the Aruba consegna daticert gives every field, trimmed, msgid with its brackets', () => {
  const d = parsed(readFileSync(path.join(DATICERT_DIR, 'aruba-2018-avvenuta-consegna.daticert.xml')));
  assert.deepEqual(d, {
    tipo: 'avvenuta-consegna',
    errore: 'nessuno',
    mittente: 'l.battistini@pec.it',
    destinatari: [{ address: 'l.battistini@pec.it', type: 'certificato' }],
    risposte: 'l.battistini@pec.it',
    oggetto: 'IT03339130126_00009.xml',
    gestoreEmittente: 'ARUBA PEC S.p.A.',
    timestamp: '2018-11-13T16:39:27+01:00',
    identificativo: 'opec288.20181113163926.01838.310.1.63@pec.aruba.it',
    msgid: '<1542123565.921546936035156.464602125997431-openerp-8-fatturapa.attachment.out@elbati-Vostro-3550>',
    ricevuta: 'completa',
    consegna: 'l.battistini@pec.it',
    ricezione: [],
    erroreEsteso: null,
  });
});

test('the fakepec daticert with stray text after </risposte> is still read', () => {
  const d = parsed(readFileSync(path.join(DATICERT_DIR, 'fakepec-2024-errore-consegna-no-dest.daticert.xml')));
  assert.equal(d.tipo, 'errore-consegna');
  assert.equal(d.errore, 'no-dest');
  assert.equal(d.risposte, 'sender@fakepec.it');
  assert.equal(d.oggetto, 'Test PEC');
  assert.equal(d.erroreEsteso, '5.1.1 - FAKE Pec S.p.A. - indirizzo non valido');
});

test('the Sogei envelope daticert says breve', () => {
  const d = parsed(readFileSync(path.join(DATICERT_DIR, 'sogei-2018-posta-certificata-breve.daticert.xml')));
  assert.equal(d.tipo, 'posta-certificata');
  assert.equal(d.ricevuta, 'breve');
  assert.equal(d.gestoreEmittente, 'Sogei SpA');
});

test('the DOCTYPE with a SYSTEM postacert.dtd is accepted and nothing is fetched', () => {
  const d = parsed(daticertXml({ tipo: 'accettazione', prolog: '<!DOCTYPE postacert SYSTEM "http://127.0.0.1:1/postacert.dtd">' }));
  assert.equal(d.tipo, 'accettazione');
});

test('an ISO-8859-1 daticert keeps its accented subject', () => {
  const xml = iconv.encode(daticertXml({ tipo: 'accettazione', oggetto: 'Perché è così', encoding: 'ISO-8859-1' }), 'latin1');
  assert.equal(parsed(xml).oggetto, 'Perché è così');
});

test('a UTF-8 daticert with a BOM keeps its accented subject', () => {
  const xml = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(daticertXml({ tipo: 'accettazione', oggetto: 'Città di Forlì' }), 'utf8')]);
  assert.equal(parsed(xml).oggetto, 'Città di Forlì');
});

test('destinatari keep their certificato / esterno type and presa-in-carico its ricezione list', () => {
  const d = parsed(
    daticertXml({
      tipo: 'presa-in-carico',
      destinatari: [
        { address: 'ufficio@pec.beta.test', type: 'certificato' },
        { address: 'info@beta.test', type: 'esterno' },
      ],
      ricezione: ['ufficio@pec.beta.test', 'protocollo@pec.beta.test'],
    }),
  );
  assert.deepEqual(d.destinatari, [
    { address: 'ufficio@pec.beta.test', type: 'certificato' },
    { address: 'info@beta.test', type: 'esterno' },
  ]);
  assert.deepEqual(d.ricezione, ['ufficio@pec.beta.test', 'protocollo@pec.beta.test']);
});

test('a missing errore attribute means nessuno', () => {
  const xml = daticertXml({ tipo: 'accettazione' }).replace(' errore="nessuno"', '');
  assert.equal(parsed(xml).errore, 'nessuno');
});

test('the certified time keeps the offset of zona, west of UTC too', () => {
  assert.equal(daticertTimestamp('13/11/2018', '16:39:26', '+0100'), '2018-11-13T16:39:26+01:00');
  assert.equal(daticertTimestamp('1/2/2024', '09:05:00', '-0330'), '2024-02-01T09:05:00-03:30');
  assert.equal(daticertTimestamp('31/02/2024', '09:05:00', '+0100'), null);
  assert.equal(daticertTimestamp('2024-02-01', '09:05:00', '+0100'), null);
});

const hostile: Array<[string, Buffer, string]> = [
  ['an external entity', Buffer.from('<?xml version="1.0"?><!DOCTYPE postacert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><postacert tipo="accettazione"><dati>&xxe;</dati></postacert>'), 'entity-declaration'],
  [
    'billion laughs',
    Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE postacert [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><postacert tipo="accettazione">&lol3;</postacert>',
    ),
    'entity-declaration',
  ],
  ['an undeclared entity reference', Buffer.from('<postacert tipo="accettazione"><dati>&xxe;</dati></postacert>'), 'invalid-xml'],
  ['a 50 MB file', Buffer.alloc(50 * 1024 * 1024, 0x20), 'too-large'],
  ['elements nested 100,000 deep', Buffer.from(`<postacert tipo="accettazione">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</postacert>`), 'too-deep'],
  ['invalid XML', Buffer.from('<postacert tipo="accettazione"><dati></postacert>'), 'invalid-xml'],
  ['an unknown charset', Buffer.from('<?xml version="1.0" encoding="x-klingon"?><postacert tipo="accettazione"/>'), 'unsupported-charset'],
  ['another XML document', Buffer.from('<?xml version="1.0"?><FatturaElettronica/>'), 'not-daticert'],
  ['an unknown tipo', Buffer.from('<postacert tipo="consegna-forse"/>'), 'not-daticert'],
];
for (const [name, xml, code] of hostile) {
  test(`a daticert with ${name} is refused with a clear ${code} error`, () => {
    const result = parseDaticert(xml);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, code);
    assert.ok(!result.ok && /daticert/.test(result.detail), !result.ok ? result.detail : '');
  });
}

test('after each refused daticert the next one reads in full, as read alone (the parser is used again)', () => {
  const good = readFileSync(path.join(DATICERT_DIR, 'aruba-2018-avvenuta-consegna.daticert.xml'));
  const alone = parsed(good);
  for (const [name, xml] of hostile) {
    parseDaticert(xml);
    assert.deepEqual(parsed(good), alone, `after ${name}`);
    // A document cut short mid-element leaves nothing open for the next.
    parseDaticert(good.subarray(0, good.length / 2));
    assert.deepEqual(parsed(good), alone, `after ${name} and a truncated daticert`);
  }
  // Elements of the DTD under an unknown one are not its fields.
  const d = parsed('<postacert tipo="accettazione"><altro><dati><identificativo>falso</identificativo></dati></altro><dati><identificativo>vero</identificativo></dati></postacert>');
  assert.equal(d.identificativo, 'vero');
});

test('a daticert of many slices keeps a character split across a slice edge and the fields after it', () => {
  // saxes is fed 16 K characters at a time; an emoji is a surrogate pair that may straddle the edge.
  const oggetto = 'x'.repeat(16 * 1024 - 200) + '😀'.repeat(200) + ' fine';
  const d = parsed(daticertXml({ tipo: 'accettazione', oggetto }));
  assert.equal(d.oggetto, oggetto);
  assert.equal(d.identificativo, 'opec210.20240515101500.12345.67.1.89@pec.alfa.test');
});

test('elements nested as deep as the cap allows are still read', () => {
  const d = parsed(`<postacert tipo="accettazione"><dati>${'<x>'.repeat(60)}${'</x>'.repeat(60)}<identificativo>id@pec.test</identificativo></dati></postacert>`);
  assert.equal(d.identificativo, 'id@pec.test');
});

const encodings: TransferEncoding[] = ['base64', 'quoted-printable', '7bit', '8bit', 'binary'];
for (const encoding of encodings) {
  test(`a daticert part sent as ${encoding} is read from a receipt`, async () => {
    const xml = Buffer.from(daticertXml({ tipo: 'avvenuta-consegna', oggetto: 'Perché è così', ricevuta: 'completa', consegna: 'ufficio@pec.beta.test' }), 'utf8');
    const raw = pecMessage({ headers: receiptHeaders('avvenuta-consegna'), daticert: { xml, encoding } });
    const result = await analyzeMessage(raw);
    assert.ok(result.ok);
    assert.deepEqual(result.analysis.problems.filter((p) => p.includes('daticert')), []);
    assert.equal(result.analysis.receipt?.identificativo, 'opec210.20240515101500.12345.67.1.89@pec.alfa.test');
    assert.equal(result.analysis.receipt?.deliveredTo, 'ufficio@pec.beta.test');
  });
}

test('a daticert part named otherwise is still found as the XML part of the receipt', async () => {
  const raw = pecMessage({ headers: receiptHeaders('accettazione'), daticert: { xml: daticertXml({ tipo: 'accettazione' }), filename: null } });
  const result = await analyzeMessage(raw);
  assert.ok(result.ok);
  assert.equal(result.analysis.receipt?.issuer, 'Alfa PEC S.p.A.');
});

test('a root element named like an Object property (__proto__, constructor) is no postacert root and lends it no attributes', () => {
  for (const xml of ['<__proto__ postacert="x" tipo="accettazione"/>', '<constructor tipo="accettazione"><dati/></constructor>']) {
    assert.deepEqual(parseDaticert(Buffer.from(xml)), { ok: false, code: 'not-daticert', detail: 'daticert.xml has no <postacert> root element' });
  }
});
