import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePorts } from '../../sandbox/ports';
import { downloadIndex, parseProviderIndex } from '../../src/main/trust';

const ROOT = path.join(__dirname, '../..');

test('npm run sandbox prints working account settings and the CA path, and stops cleanly on Ctrl-C', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-sandbox-cli-'));
  const [imapPort, smtpPort, lmtpPort] = await freePorts(3);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'sandbox/cli.ts', '--data', dir, '--imap-port', String(imapPort), '--smtp-port', String(smtpPort), '--lmtp-port', String(lmtpPort)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const ready = await Promise.race([
      new Promise<true>((resolve) => child.stdout.on('data', () => out.includes('Press Ctrl-C to stop.') && resolve(true))),
      exited.then((code) => assert.fail(`the sandbox exited with ${code}: ${err}`)),
    ]);
    assert.ok(ready);
    assert.match(out, new RegExp(`IMAP  127\\.0\\.0\\.1  port ${imapPort}`));
    assert.match(out, new RegExp(`SMTP  127\\.0\\.0\\.1  port ${smtpPort}`));
    assert.match(out, /mario\.rossi@pec\.alfa\.test +sandbox +PEC, Alfa PEC S\.p\.A\./);
    const caPath = /CA certificate .*: (.+)\n/.exec(out)?.[1] ?? '';
    assert.match(fs.readFileSync(caPath, 'utf8'), /^-----BEGIN CERTIFICATE-----/);
    const client = new ImapFlow({ host: '127.0.0.1', port: imapPort, secure: false, doSTARTTLS: false, logger: false, auth: { user: 'mario.rossi@pec.alfa.test', pass: 'sandbox' } });
    await client.connect();
    await client.logout();
    const indexUrl = /Providers' index .*: (http:\/\/127\.0\.0\.1:\d+\/\S+)\n/.exec(out)?.[1] ?? '';
    const index = await downloadIndex(indexUrl);
    assert.ok(index.ok, index.ok ? '' : index.detail);
    const parsed = parseProviderIndex(index.data);
    assert.deepEqual(parsed.ok && parsed.providers.map((p) => p.name), ['Alfa PEC S.p.A.', 'Beta PEC S.r.l.']);
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
