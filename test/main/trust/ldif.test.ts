import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProviderIndex, readLdif } from '../../../src/main/trust';
import { ARUBA_2014, ARUBA_2018, foldedBase64, realSignerDer, sha1Hex } from './helpers';

const der2018 = realSignerDer(ARUBA_2018);
const der2014 = realSignerDer(ARUBA_2014);

function colons(hex: string): string {
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** An index with both certificate spellings, a hash-only and a certificate-only provider. */
function sampleIndex(): string {
  return [
    '# Indice dei gestori PEC',
    '# a comment folded',
    '  over two lines: providerName: Not A Provider',
    'version: 1',
    '',
    'dn: o=postacert',
    'objectClass: top',
    'objectClass: organization',
    'o: postacert',
    '',
    'dn: providerName=ArubaPEC S.p.A.,o=postacert',
    'objectClass: top',
    'objectClass: provider',
    'providerName: ArubaPEC S.p.A.',
    `providerCertificateHash: ${colons(sha1Hex(der2018))}`,
    foldedBase64('providerCertificate;binary', der2018),
    foldedBase64('providerCertificate', der2014),
    'managedDomains: pec.aruba.it',
    'managedDomains: PEC.IT',
    'managedDomains: legalmail.it',
    'mailReceipt: posta-certificata@pec.aruba.it',
    'LDIFLocationURL: https://example.invalid/index.ldif',
    'description: gestore',
    '',
    'dn: providerName=Hash Only,o=postacert',
    'objectclass: provider',
    'providername: Hash Only',
    `providerCertificateHash: ${'ab'.repeat(20)}`,
    'managedDomains: pec.hash-only.it',
    'mailReceipt: ricevute@pec.hash-only.it',
    '',
    'dn: providerName=Cert Only,o=postacert',
    'objectClass: provider',
    // A provider name needing base64 (not a SAFE-STRING start) and folded plain text.
    `providerName:: ${Buffer.from(' Posta Certificata Società', 'utf8').toString('base64')}`,
    foldedBase64('providerCertificate', der2014),
    'managedDomains: pec.cert-only.it',
    'mailReceipt: posta-certificata@pec.cert-only.it',
    'providerUnit: unità',
    '',
  ].join('\n');
}

test('a real-shaped index gives every provider, with folded base64, ;binary, hashes normalized and computed', () => {
  const parsed = parseProviderIndex(Buffer.from(sampleIndex()));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.detail);
  assert.equal(parsed.providers.length, 3);
  assert.equal(parsed.domains, 5);
  const [aruba, hashOnly, certOnly] = parsed.providers;
  assert.equal(aruba.name, 'ArubaPEC S.p.A.');
  assert.deepEqual(aruba.certificatesDer.map((d) => d.equals(der2018) || d.equals(der2014)), [true, true]);
  // The given hash and the computed one of the same certificate count once.
  assert.deepEqual(aruba.certificateSha1.sort(), [sha1Hex(der2018), sha1Hex(der2014)].sort());
  assert.deepEqual(aruba.managedDomains, ['pec.aruba.it', 'pec.it', 'legalmail.it']);
  assert.equal(aruba.mailReceipt, 'posta-certificata@pec.aruba.it');
  assert.deepEqual(hashOnly.certificateSha1, ['ab'.repeat(20)]);
  assert.deepEqual(hashOnly.certificatesDer, []);
  assert.equal(certOnly.name, 'Posta Certificata Società');
  assert.deepEqual(certOnly.certificateSha1, [sha1Hex(der2014)]);
});

test('CRLF line endings, and a UTF-8 byte order mark, read the same as plain LF', () => {
  const lf = parseProviderIndex(Buffer.from(sampleIndex()));
  const crlf = parseProviderIndex(Buffer.from(sampleIndex().replace(/\n/g, '\r\n')));
  const bom = parseProviderIndex(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sampleIndex().replace(/\n/g, '\r\n'))]));
  assert.ok(lf.ok && crlf.ok && bom.ok);
  assert.deepEqual(crlf.providers, lf.providers);
  assert.deepEqual(bom.providers, lf.providers);
});

test('the reader keeps attribute options, lowercases names and unfolds plain values', () => {
  const text = 'dn: cn=x\nDescription: una riga\n  piegata\nproviderCertificate;Binary:: AAEC\n';
  const [entry] = [...readLdif(Buffer.from(text))];
  assert.equal(entry.dn, 'cn=x');
  assert.equal(entry.attributes.get('description')![0].value.toString(), 'una riga piegata');
  assert.deepEqual(entry.attributes.get('providercertificate')![0], { options: ['binary'], value: Buffer.from([0, 1, 2]) });
});

test('bad files are refused with a reason a person can act on', () => {
  const cases: [string, Buffer, string, RegExp][] = [
    ['empty', Buffer.alloc(0), 'empty', /empty/],
    ['blank', Buffer.from('\n\n  \n'), 'empty', /empty/],
    ['an e-mail', Buffer.from('From: a@b.it\nSubject: ciao\n\ntesto\n'), 'not-ldif', /line 1: an entry must start with "dn:"/],
    ['a PDF', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 3])]), 'not-ldif', /binary/],
    ['plain text', Buffer.from('questo non è un indice\n'), 'not-ldif', /line 1/],
    ['no providers', Buffer.from('version: 1\n\ndn: o=postacert\nobjectClass: organization\n'), 'no-providers', /no provider entry/],
    ['a change record', Buffer.from('dn: providerName=x,o=postacert\nchangetype: delete\n'), 'malformed', /change records/],
    ['a URL value', Buffer.from('dn: providerName=x,o=postacert\nobjectClass: provider\nproviderCertificate:< file:///etc/passwd\n'), 'malformed', /URL/],
    ['a stray continuation', Buffer.from(' piegata\ndn: x\n'), 'malformed', /continuation/],
    ['a bad hash', Buffer.from('dn: p\nobjectClass: provider\nproviderName: P\nproviderCertificateHash: zz\nmanagedDomains: p.it\n'), 'malformed', /not a SHA-1/],
    ['no domains', Buffer.from(`dn: p\nobjectClass: provider\nproviderName: P\nproviderCertificateHash: ${'a'.repeat(40)}\n`), 'truncated', /managedDomains/],
    ['no certificate', Buffer.from('dn: p\nobjectClass: provider\nproviderName: P\nmanagedDomains: p.it\n'), 'truncated', /providerCertificate/],
  ];
  for (const [name, data, code, message] of cases) {
    const parsed = parseProviderIndex(data);
    assert.equal(parsed.ok, false, name);
    if (parsed.ok) continue;
    assert.equal(parsed.code, code, `${name}: ${parsed.detail}`);
    assert.match(parsed.detail, message, name);
  }
});

test('a file cut in the middle of a certificate is refused as truncated, at every cut', () => {
  const full = sampleIndex();
  const certStart = full.indexOf('providerCertificate;binary::');
  // Cuts inside the folded base64 of Aruba's first certificate, keeping whole lines or not.
  for (const at of [certStart + 200, certStart + 500, certStart + 1000]) {
    const parsed = parseProviderIndex(Buffer.from(full.slice(0, at)));
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.equal(parsed.code, 'truncated', parsed.detail);
  }
  // A whole base64 value that decodes to half a certificate is no certificate either.
  const half = der2018.subarray(0, 700);
  const parsed = parseProviderIndex(Buffer.from(`dn: p\nobjectClass: provider\nproviderName: P\n${foldedBase64('providerCertificate', half)}\nmanagedDomains: p.it\n`));
  assert.equal(parsed.ok, false);
  if (!parsed.ok) assert.match(parsed.detail, /not a certificate/);
});
