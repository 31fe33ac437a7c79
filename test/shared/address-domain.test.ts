import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainToASCII } from 'node:url';
import { asciiAddress, checkDomain } from '../../src/shared/address-domain';

test('Cyrillic look-alikes of a, e, o, p, c in pec.it are a mix of scripts, shown in punycode', () => {
  // а е о р с: U+0430 U+0435 U+043E U+0440 U+0441, each drawn like its Latin twin.
  for (const domain of ['pеc.it', 'peс.it', 'рec.it', 'legalmаil.it', 'pоstacert.it', 'рес.it']) {
    const check = checkDomain(domain);
    assert.equal(check.verdict, 'mixed', domain);
    assert.deepEqual([...check.scripts].sort(), ['Cyrillic', 'Latin'], domain);
    assert.match(check.ascii, /^xn--/, domain);
    assert.equal(check.ascii, domainToASCII(domain), 'the same punycode as Node\u2019s url.domainToASCII');
  }
});

test('Greek look-alikes and three-script mixes are refused the same way', () => {
  assert.deepEqual(checkDomain('ρec.it').scripts, ['Greek', 'Latin']);
  assert.equal(checkDomain('ρec.it').verdict, 'mixed');
  assert.equal(checkDomain('pеcο.it').verdict, 'mixed', 'Latin, Cyrillic and Greek');
  assert.deepEqual(checkDomain('pеcο.it').scripts, ['Latin', 'Cyrillic', 'Greek']);
});

test('plain ASCII domains pass untouched, punycode written out included', () => {
  assert.deepEqual(checkDomain('PEC.it'), { verdict: 'ascii', ascii: 'pec.it', scripts: ['Latin'] });
  assert.equal(checkDomain('xn--pc-nlc.it').verdict, 'ascii');
  assert.equal(checkDomain('123.it').verdict, 'ascii');
});

test('a real internationalized domain of one script is usable, in its punycode form', () => {
  assert.deepEqual(checkDomain('caffè-nicolò.it'), { verdict: 'idn', ascii: domainToASCII('caffè-nicolò.it'), scripts: ['Latin'] });
  assert.deepEqual(checkDomain('пример.рф'), { verdict: 'idn', ascii: 'xn--e1afmkfd.xn--p1ai', scripts: ['Cyrillic'] });
  assert.equal(checkDomain('例え.jp').verdict, 'idn', 'Japanese mixes kanji, kana and a Latin TLD');
  assert.equal(asciiAddress('info@münchen.de'), 'info@xn--mnchen-3ya.de');
});

test('something that is not a host name is invalid, not passed to the URL parser as anything else', () => {
  assert.equal(checkDomain('pèc.it/x').verdict, 'invalid');
  assert.equal(checkDomain('pèc.it:80').verdict, 'invalid');
  assert.equal(checkDomain('pèc .it').verdict, 'invalid');
});
