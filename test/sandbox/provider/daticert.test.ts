import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseDaticert } from '../../../src/main/pec';
import { renderDaticert } from '../../../sandbox/provider';

const REAL = path.join(__dirname, '../../fixtures/pec-real/daticert');

test("the sandbox writes Aruba's 2018 consegna daticert byte for byte, plus the DOCTYPE line", () => {
  const real = fs.readFileSync(path.join(REAL, 'aruba-2018-avvenuta-consegna.daticert.xml'), 'utf8');
  const ours = renderDaticert({
    tipo: 'avvenuta-consegna',
    mittente: 'l.battistini@pec.it',
    destinatari: [{ address: 'l.battistini@pec.it', type: 'certificato' }],
    risposte: 'l.battistini@pec.it',
    oggetto: 'IT03339130126_00009.xml',
    gestoreEmittente: 'ARUBA PEC S.p.A.',
    data: new Date('2018-11-13T15:39:27Z'),
    identificativo: 'opec288.20181113163926.01838.310.1.63@pec.aruba.it',
    msgid: '<1542123565.921546936035156.464602125997431-openerp-8-fatturapa.attachment.out@elbati-Vostro-3550>',
    ricevuta: 'completa',
    consegna: 'l.battistini@pec.it',
  });
  assert.equal(ours.replace('<!DOCTYPE postacert SYSTEM "postacert.dtd">\n', ''), real);
});

test('daticert values with markup characters and accents survive a round trip through the PecDesk parser', () => {
  const xml = renderDaticert({
    tipo: 'errore-consegna',
    errore: 'no-dest',
    mittente: 'mario.rossi@pec.alfa.test',
    destinatari: [
      { address: 'ufficio@pec.beta.test', type: 'certificato' },
      { address: 'info@mail.gamma.test', type: 'esterno' },
    ],
    risposte: 'segreteria@pec.alfa.test',
    oggetto: 'Offerta "A&B" <urgente> – città',
    gestoreEmittente: 'Beta PEC S.r.l.',
    data: new Date('2024-05-15T08:15:04Z'),
    identificativo: 'opec210.20240515101500.12345.67.1.89@pec.alfa.test',
    msgid: '<20240515.abc123@client.example>',
    consegna: 'ufficio@pec.beta.test',
    erroreEsteso: '5.1.1 - Beta PEC S.r.l. - indirizzo non valido',
  });
  assert.ok(xml.includes('<msgid>&lt;20240515.abc123@client.example&gt;</msgid>'));
  assert.ok(xml.includes('<data zona="+0200">'), 'summer time in Italy');
  const parsed = parseDaticert(Buffer.from(xml, 'utf8'));
  assert.ok(parsed.ok);
  const d = parsed.daticert;
  assert.equal(d.oggetto, 'Offerta "A&B" <urgente> – città');
  assert.equal(d.msgid, '<20240515.abc123@client.example>');
  assert.equal(d.timestamp, '2024-05-15T10:15:04+02:00');
  assert.equal(d.errore, 'no-dest');
  assert.equal(d.erroreEsteso, '5.1.1 - Beta PEC S.r.l. - indirizzo non valido');
  assert.deepEqual(d.destinatari, [
    { address: 'ufficio@pec.beta.test', type: 'certificato' },
    { address: 'info@mail.gamma.test', type: 'esterno' },
  ]);
});
