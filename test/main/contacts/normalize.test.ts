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
