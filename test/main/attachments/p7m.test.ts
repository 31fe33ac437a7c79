import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractSignedDocument, looksSigned } from '../../../src/main/attachments';
import { demoPdf, demoSigningIdentity, signAsP7m } from '../../../src/main/webbridge/demo-documents';

// One RSA key for the file: generating it is the slow part.
const identity = demoSigningIdentity({ commonName: 'Laura Bianchi', fiscalCode: 'BNCLRA75C41F205X', email: 'laura.bianchi@pec.beta.test' });
const pdf = demoPdf('Atto di citazione');

test('atto.pdf.p7m gives back the PDF, named atto.pdf, with the signer and her codice fiscale', async () => {
  const doc = await extractSignedDocument(signAsP7m(pdf, identity), 'atto.pdf.p7m');
  assert.ok(doc);
  assert.equal(doc.filename, 'atto.pdf');
  assert.equal(doc.contentType, 'application/pdf');
  assert.ok(doc.content.equals(pdf));
  assert.equal(doc.signers.length, 1);
  assert.equal(doc.signers[0].commonName, 'Laura Bianchi');
  assert.equal(doc.signers[0].fiscalCode, 'BNCLRA75C41F205X');
  assert.equal(doc.signers[0].email, 'laura.bianchi@pec.beta.test');
  assert.equal(doc.signers[0].intact, true);
  assert.ok(doc.signers[0].signingTime);
});

test('a document signed twice (atto.pdf.p7m.p7m) is unwrapped to the PDF with both signatures listed', async () => {
  const doc = await extractSignedDocument(signAsP7m(signAsP7m(pdf, identity), identity), 'atto.pdf.p7m.p7m');
  assert.equal(doc?.filename, 'atto.pdf');
  assert.equal(doc?.signers.length, 2);
  assert.ok(doc?.content.equals(pdf));
});

test('a .p7m whose document was altered after signing says so', async () => {
  const signed = signAsP7m(pdf, identity);
  const at = signed.indexOf('Atto di citazione');
  signed[at] = 'X'.charCodeAt(0);
  const doc = await extractSignedDocument(signed, 'atto.pdf.p7m');
  assert.equal(doc?.signers[0].intact, false);
});

test('a .p7m saved as base64 text (as some signing tools do) opens too', async () => {
  const der = signAsP7m(pdf, identity);
  const pem = `-----BEGIN PKCS7-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PKCS7-----\n`;
  const doc = await extractSignedDocument(Buffer.from(pem), 'contratto.p7m');
  assert.equal(doc?.filename, 'contratto.pdf', 'the extension comes from the content when the name has none');
  assert.ok(doc?.content.equals(pdf));
});

test('a file that only pretends to be a .p7m is not a signed document', async () => {
  assert.equal(await extractSignedDocument(Buffer.from('%PDF-1.4 not signed at all'), 'finto.pdf.p7m'), null);
  assert.equal(await extractSignedDocument(Buffer.from([0x30, 0x82, 0xff, 0xff, 0x01]), 'troncato.p7m'), null);
  assert.ok(looksSigned('ATTO.PDF.P7M', 'application/octet-stream'));
  assert.ok(looksSigned('senza-estensione', 'application/pkcs7-mime'));
  assert.ok(!looksSigned('firma.p7s', 'application/pkcs7-signature'));
});
