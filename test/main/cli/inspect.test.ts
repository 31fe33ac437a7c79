import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REAL_DIR } from '../pec/helpers/real-fixtures';
import { daticertXml, pecMessage, receiptHeaders, testPki } from '../pec/helpers/pec-factory';

const ROOT = path.resolve(__dirname, '../../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'pecdesk-inspect-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the real CLI entry point in a child process, as a user would. */
function pecdesk(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Its own home: without --data, inspect reads the providers' index of the default data folder,
    // which must never be the tester's own PecDesk.
    execFile(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', ...args], { cwd: ROOT, env: { ...process.env, PECDESK_HOME: path.join(tmp, 'home') } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

const real = (file: string) => path.join(REAL_DIR, file);

test('inspect --json prints one object with the fixed fields of a delivery receipt', async () => {
  const { code, stdout, stderr } = await pecdesk('inspect', '--json', real('aruba-2018-avvenuta-consegna-completa.eml'));
  assert.equal(code, 0, stderr);
  assert.equal(stdout.trim().split('\n').length, 1);
  const out = JSON.parse(stdout);
  assert.equal(out.kind, 'receipt');
  assert.deepEqual(Object.keys(out.receipt), ['type', 'variant', 'refMessageId', 'identificativo', 'issuer', 'timestamp', 'recipients', 'deliveredTo', 'error', 'errorDetail']);
  assert.equal(out.receipt.type, 'avvenuta-consegna');
  assert.equal(out.receipt.variant, 'completa');
  assert.equal(out.receipt.timestamp, '2018-11-13T16:39:27+01:00');
  for (const key of ['from', 'to', 'cc', 'subject', 'date', 'messageId', 'attachments']) assert.ok(key in out.original, key);
  assert.deepEqual(out.original.attachments, [{ filename: 'IT03339130126_00009.xml', contentType: 'application/octet-stream', size: 2126 }]);
  assert.deepEqual(
    { present: out.signature.present, valid: out.signature.valid, trusted: out.signature.trusted, email: out.signature.signer.email },
    { present: true, valid: true, trusted: null, email: 'posta-certificata@pec.aruba.it' },
  );
});

test('inspect --json of an ordinary message has null receipt, null original and no signature', async () => {
  const { code, stdout } = await pecdesk('inspect', '--json', real('postacert-inner-plain.eml'));
  assert.equal(code, 0);
  const out = JSON.parse(stdout);
  assert.deepEqual([out.kind, out.receipt, out.original, out.signature.present, out.signature.signer], ['ordinary', null, null, false, null]);
});

test('inspect without --json prints a readable summary of an envelope', async () => {
  const { code, stdout } = await pecdesk('inspect', real('aruba-2023-posta-certificata-completa.eml'));
  assert.equal(code, 0);
  assert.match(stdout, /busta di trasporto/);
  assert.match(stdout, /da \/ from: sviluppo@pec\.datamanagementitalia\.it/);
  assert.match(stdout, /allegato \/ attachment: xdcr_2022_02_00583\.txt/);
  // No providers' index is imported: the signature verifies, the provider is not verified.
  assert.match(stdout, /Firma \/ Signature: integra, gestore non verificato/);
  assert.doesNotMatch(stdout, /valida/);
});

test('inspect --trust reports a generated receipt as trusted by its CA', async () => {
  const pki = testPki();
  const eml = path.join(tmp, 'accettazione.eml');
  const ca = path.join(tmp, 'ca.pem');
  writeFileSync(eml, pecMessage({ headers: receiptHeaders('accettazione'), daticert: { xml: daticertXml({ tipo: 'accettazione' }) }, sign: { signer: pki.provider } }));
  writeFileSync(ca, pki.ca.certPem);
  const trusted = JSON.parse((await pecdesk('inspect', '--json', '--trust', ca, eml)).stdout);
  assert.equal(trusted.signature.trusted, true);
  writeFileSync(ca, pki.otherCa.certPem);
  const untrusted = JSON.parse((await pecdesk('inspect', '--json', '--trust', ca, eml)).stdout);
  assert.equal(untrusted.signature.trusted, false);
});

const failures: Array<[string, string[], RegExp]> = [
  ['a missing file', ['inspect', '--json', path.join(tmp, 'nope.eml')], /cannot read message .*nope\.eml: no such file/],
  ['a PNG', ['inspect', '--json', path.join(tmp, 'image.png')], /image\.png is not a mail message \(not-a-message\)/],
  ['an empty file', ['inspect', path.join(tmp, 'empty.eml')], /empty\.eml is not a mail message \(empty\)/],
  ['a missing trust file', ['inspect', '--trust', path.join(tmp, 'none.pem'), real('aruba-2018-accettazione.eml')], /cannot read trusted certificates/],
  ['no file at all', ['inspect', '--json'], /usage: pecdesk inspect/],
];
for (const [name, args, message] of failures) {
  test(`inspect of ${name} prints one clear line on stderr and exits 2`, async () => {
    writeFileSync(path.join(tmp, 'image.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    writeFileSync(path.join(tmp, 'empty.eml'), '');
    const { code, stdout, stderr } = await pecdesk(...args);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, message);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
}
