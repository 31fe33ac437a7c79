import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressProblem, buildContact, foldText, normalizeAddress, normalizeFieldKey, normalizeTaxCode } from '../../../src/main/contacts/normalize';

test('an address copied with a display name, mailto: or odd case is stored bare and lowercased', () => {
  assert.equal(normalizeAddress('  "Mario Rossi" <Mario.Rossi@PEC.it> '), 'mario.rossi@pec.it');
  assert.equal(normalizeAddress('mailto:Studio@Legalmail.it?subject=ciao'), 'studio@legalmail.it');
  assert.equal(normalizeAddress('\u00a0info@ditta.it\u200b'), 'info@ditta.it');
});

test('an address without a dot in its domain, or two addresses in one cell, is refused with the reason', () => {
  assert.equal(addressProblem('luca.verdi@pec')?.message, 'il dominio dopo la @ non è valido');
  assert.equal(addressProblem('mario.rossi.pec.it')?.code, 'address-syntax');
  assert.equal(addressProblem('a@x.it; b@y.it')?.code, 'several-addresses');
  assert.equal(addressProblem('mario..rossi@pec.it')?.code, 'address-syntax');
  assert.equal(addressProblem('info@caffè-nicolò.it'), null, 'an internationalized domain is an address');
});

test('a partita IVA that lost its leading zero in a number cell gets it back, and says so', () => {
  assert.deepEqual(normalizeTaxCode('1234567890'), { taxCode: '01234567890', problem: 'tax-code-padded' });
  assert.deepEqual(normalizeTaxCode('IT 01234567890'), { taxCode: '01234567890', problem: null });
  assert.deepEqual(normalizeTaxCode('vrdlcu80a01f205x'), { taxCode: 'VRDLCU80A01F205X', problem: null });
  assert.equal(normalizeTaxCode('ABC').problem, 'tax-code-suspicious');
});

test('free-field keys fold accents and can never be __proto__', () => {
  assert.equal(normalizeFieldKey('Città di nascita'), 'citta_di_nascita');
  assert.equal(normalizeFieldKey('__proto__'), 'proto');
  assert.equal(foldText('Nicolò ZACCÀ Straße'), 'nicolo zacca strasse');
});

test('Latin text folds letter by letter exactly as the general path (NFD, marks dropped) folds it, for every character', () => {
  const general = (text: string) => foldText(`${text}\u4e00`).slice(0, -1); // a CJK letter sends any text down the general path
  for (let code = 0; code < 0x10000; code++) {
    const ch = String.fromCharCode(code);
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const text = `Ab${ch}c${ch}`;
    assert.equal(foldText(text), general(text), `U+${code.toString(16).padStart(4, '0')}`);
  }
  assert.equal(foldText('Ærø Łódź Đorđe İzmir'), 'aero lodz dorde izmir');
});

test('a contact needs one address, and a present address must be valid', () => {
  assert.equal(buildContact({ name: 'Anna' }).ok, false);
  const bad = buildContact({ pec: 'anna@pec', email: 'anna@example.it' });
  assert.ok(!bad.ok && bad.problems[0].column === 'PEC');
  const good = buildContact({ name: '  Anna   Neri ', pec: 'Anna@PEC.it', tags: ['clienti', 'Clienti', 'fornitori'] });
  assert.ok(good.ok);
  assert.equal(good.data.name, 'Anna Neri');
  assert.deepEqual(good.data.tags, ['clienti', 'fornitori']);
  assert.equal(good.data.isPec, true);
});

test('an address whose domain mixes Cyrillic or Greek letters with Latin ones is refused, with its punycode', () => {
  const problem = addressProblem('studio@pеc.it');
  assert.equal(problem?.code, 'address-mixed-script');
  assert.match(problem!.message, /^il dominio mescola alfabeti diversi \(latino e cirillico\) e può imitare un altro indirizzo: scritto in punycode è «xn--pc-nlc\.it»/);
  assert.match(addressProblem('studio@ρec.it')!.message, /\(greco e latino\)/);
  const built = buildContact({ name: 'Studio', pec: 'studio@legalmаil.it' });
  assert.ok(!built.ok && built.problems[0].code === 'address-mixed-script' && built.problems[0].column === 'PEC');
});

test('a single-script internationalized domain is stored in punycode and the change is said', () => {
  const built = buildContact({ pec: 'info@pec.it', email: 'Info@Caffè-Nicolò.it' });
  assert.ok(built.ok);
  assert.match(built.data.email, /^info@xn--/);
  assert.equal(built.notes[0].code, 'address-idn');
  assert.match(built.notes[0].message, /^E-mail: dominio internazionale, salvato come «info@xn--.*» \(scritto «info@caffè-nicolò\.it»\)$/);
  const ascii = buildContact({ pec: 'info@pec.it' });
  assert.ok(ascii.ok && ascii.notes.length === 0, 'a plain ASCII address has nothing to say');
});

test('notes and free fields are kept as written, leading TAB and CR included; names are one line and say when tabs were replaced', () => {
  const built = buildContact({ name: '\tMario\r\nRossi ', organization: '  Rossi  S.r.l. ', pec: 'mario@pec.it', notes: '\t- primo\r\n\t- secondo\n', fields: { telefono: '\r+39 06 1234', vuoto: ' \t ' } });
  assert.ok(built.ok);
  assert.equal(built.data.notes, '\t- primo\r\n\t- secondo\n');
  assert.deepEqual({ ...built.data.fields }, { telefono: '\r+39 06 1234' });
  assert.equal(built.data.name, 'Mario Rossi');
  assert.equal(built.data.organization, 'Rossi S.r.l.', 'spaces alone are tidied without a note');
  assert.deepEqual(built.notes.map((n) => [n.code, n.message]), [['text-cleaned', 'Nominativo: tabulazioni e a capo sostituiti da uno spazio («Mario Rossi»)']]);
});
