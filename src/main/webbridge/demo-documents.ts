// Realistic attachments for the sandbox demo and the tests: a small valid PDF, and the same PDF
// signed as a CAdES .p7m (CMS SignedData with the document inside) by a certificate shaped like an
// Italian qualified one (serialNumber "TINIT-<codice fiscale>", ETSI EN 319 412-1). Made with
// node-forge, a dev dependency: this file is never part of the packaged app.
import forge from 'node-forge';

/** A one-page PDF saying `text` (hand-built; byte offsets in the xref table are computed). */
export function demoPdf(text: string): Buffer {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 18 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Who signs a demo .p7m. */
export interface DemoSigner {
  commonName: string;
  fiscalCode: string;
  email: string;
}

/** A demo signer's certificate and key. */
export interface DemoIdentity {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

/** A self-signed signing certificate and key for a demo signer. */
export function demoSigningIdentity(signer: DemoSigner): DemoIdentity {
  return certify(signer, forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 }));
}

/** demoSigningIdentity with the key made off this thread (forge hands it to Node's asynchronous RSA key generation). */
export async function demoSigningIdentityAsync(signer: DemoSigner): Promise<DemoIdentity> {
  const keys = await new Promise<forge.pki.rsa.KeyPair>((resolve, reject) =>
    forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 }, (err, pair) => (err ? reject(err) : resolve(pair))),
  );
  return certify(signer, keys);
}

function certify(signer: DemoSigner, keys: forge.pki.rsa.KeyPair): DemoIdentity {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(8));
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 3 * 365 * 24 * 3600 * 1000);
  const subject = [
    { name: 'commonName', value: signer.commonName },
    { type: '2.5.4.5', value: `TINIT-${signer.fiscalCode}` },
    { name: 'countryName', value: 'IT' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'keyUsage', critical: true, nonRepudiation: true },
    { name: 'subjectAltName', altNames: [{ type: 1, value: signer.email }] },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

/** Signs `content` as an attached CMS SignedData (.p7m), DER. */
export function signAsP7m(content: Buffer, identity: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }): Buffer {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  p7.addCertificate(identity.cert);
  p7.addSigner({
    key: identity.key,
    certificate: identity.cert,
    digestAlgorithm: forge.pki.oids.sha256,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
      { type: forge.pki.oids.messageDigest },
      { type: forge.pki.oids.signingTime, value: new Date() as unknown as string },
    ],
  });
  p7.sign();
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}
