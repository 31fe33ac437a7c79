import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { startSandbox } from '../../sandbox';
import { readInbox } from './helpers';

test('a sandbox restarted on its data folder keeps its mail, its CA and its log; STARTTLS works for a client trusting that CA', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-sandbox-data-'));
  try {
    const first = await startSandbox({ dir, starttls: true });
    let caCertPem: string;
    try {
      caCertPem = first.caCertPem;
      const submit = (tls: object) =>
        nodemailer
          .createTransport({ host: first.smtp.host, port: first.smtp.port, secure: false, requireTLS: true, tls, auth: { user: 'studio@pec.alfa.test', pass: 'sandbox' } })
          .sendMail({ from: 'studio@pec.alfa.test', to: 'protocollo@pec.beta.test', subject: 'Via TLS', text: 'x' });
      await assert.rejects(submit({}), /certificate/);
      await submit({ ca: [caCertPem], servername: 'localhost' });
      await first.whenIdle();
    } finally {
      await first.stop();
    }
    assert.ok(fs.existsSync(dir), 'a given data folder is kept');

    const second = await startSandbox({ dir });
    try {
      assert.equal(second.caCertPem, caCertPem);
      const [busta] = await readInbox(second, 'protocollo@pec.beta.test');
      assert.match(busta.toString('latin1'), /Subject: POSTA CERTIFICATA: Via TLS/);
      assert.equal((await readInbox(second, 'studio@pec.alfa.test')).length, 2);
      const lines = fs.readFileSync(path.join(dir, 'submissions.jsonl'), 'utf8').trim().split('\n');
      assert.equal(lines.length, 1);
      assert.equal(second.log.records.length, 0, 'the in-memory log starts empty on every start');
    } finally {
      await second.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
