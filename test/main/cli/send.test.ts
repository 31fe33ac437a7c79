// `pecdesk campaign run` killed with SIGKILL at random moments while it sends a 300-recipient
// campaign through the PEC sandbox, restarted each time, then left to finish: the sandbox's
// submission log shows every recipient exactly once. Then `campaign status` and `campaign export`
// on the same store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, SANDBOX_PASSWORD, type Sandbox } from '../../../sandbox';
import { AccountsService, FileKeySecretStore, settingsFromPreset, storeAccountsStorage } from '../../../src/main/accounts';
import { Campaigns } from '../../../src/main/send';
import { openStore } from '../../../src/main/store';
import { collectServerErrors } from '../send/helpers';

const repoRoot = path.resolve(__dirname, '../../..');
const SECRET_KEY = 'chiave di prova del test';
const SENDER = 'studio@pec.alfa.test';
const RECIPIENTS = 300;
// 20 a second: 300 messages take some 15 s, so the kills land while sending.
const PER_MINUTE = 1_200;
// The sandbox answers with an accettazione within milliseconds, a busy one within a second or two.
const GRACE_MS = 5_000;

function cli(args: string[]): ChildProcess & { done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, PECDESK_SECRET_KEY: SECRET_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(child, { done });
}

/** Saves the sandbox account (password in <store>/secrets.json under SECRET_KEY) and a draft campaign. */
async function prepareStore(sandbox: Sandbox, storeDir: string, addresses: string[]): Promise<number> {
  const store = openStore(storeDir);
  try {
    const accounts = new AccountsService(storeAccountsStorage(store), new FileKeySecretStore(path.join(storeDir, 'secrets.json'), SECRET_KEY));
    const settings = settingsFromPreset('sandbox', { name: 'Studio', address: SENDER, imap: { port: sandbox.imap.port }, smtp: { port: sandbox.smtp.port } });
    assert.ok(settings.ok);
    const saved = await accounts.save({ ...settings.settings, rateLimit: { perMinute: PER_MINUTE } }, SANDBOX_PASSWORD);
    assert.ok(saved.ok);
    const created = new Campaigns(store).create({
      accountId: Number(saved.value.id),
      subject: 'Comunicazione {{nome}}',
      text: 'Gentile {{nome}},\nsi comunica.\n',
      receiptVariant: 'sintetica',
      recipients: addresses.map((address, i) => ({ address, name: `Cliente ${i + 1}` })),
    });
    assert.ok(created.ok);
    return created.value.id;
  } finally {
    store.close();
  }
}

test('killed with SIGKILL five times mid-send and restarted, the campaign reaches each of 300 recipients exactly once', async () => {
  const serverErrors = collectServerErrors();
  const sandbox = await startSandbox({ onError: () => undefined });
  serverErrors.restore();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-crash-'));
  try {
    const addresses = Array.from({ length: RECIPIENTS }, (_, i) => `destinatario${String(i + 1).padStart(3, '0')}@pec.alfa.test`);
    await sandbox.addMailboxes(addresses.map((address) => ({ address })));
    const storeDir = path.join(dir, 'store');
    const id = await prepareStore(sandbox, storeDir, addresses);
    const runArgs = ['campaign', 'run', String(id), '--store', storeDir, '--grace-ms', String(GRACE_MS)];
    const accepted = () => sandbox.log.accepted().filter((r) => r.sender === SENDER);

    const progressAtKill: number[] = [];
    for (let kill = 0; kill < 5; kill++) {
      const before = accepted().length;
      const child = cli(runArgs);
      // Killed at a random moment once this run is sending (it starts in a second or two).
      let exited = false;
      void child.done.then(() => (exited = true));
      while (!exited && accepted().length === before) await new Promise((resolve) => setTimeout(resolve, 20));
      if (!exited) await new Promise((resolve) => setTimeout(resolve, Math.random() * 1_200));
      if (exited) assert.fail(`run ${kill + 1} ended by itself: ${(await child.done).stderr}${(await child.done).stdout}`);
      child.kill('SIGKILL');
      const ended = await child.done;
      assert.equal(ended.signal, 'SIGKILL', `run ${kill + 1} ended by itself (${ended.code}): ${ended.stderr}${ended.stdout}`);
      progressAtKill.push(accepted().length);
    }
    console.log(`# submissions at each kill: ${progressAtKill.join(', ')}`);
    const last = await cli(runArgs).done;
    assert.equal(last.code, 0, last.stderr + last.stdout);
    assert.ok(progressAtKill.every((n) => n < RECIPIENTS), `killed after the end: ${progressAtKill.join(', ')}`);
    assert.ok(serverErrors.errors.every((e) => (e as NodeJS.ErrnoException).code === 'ECONNRESET'), String(serverErrors.errors[0]));

    const perRecipient = new Map<string, number>();
    for (const r of accepted()) for (const to of r.recipients) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const twice = [...perRecipient].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], 'no recipient got two copies');
    assert.deepEqual([...perRecipient.keys()].sort(), addresses, 'every recipient got one');

    const status = await cli(['campaign', 'status', String(id), '--store', storeDir, '--json']).done;
    assert.equal(status.code, 0, status.stderr);
    const report = JSON.parse(status.stdout) as { campaign: { state: string; counts: { submitted: number; total: number } }; recipients: { messageId: string }[] };
    assert.equal(report.campaign.state, 'done');
    assert.equal(report.campaign.counts.submitted, RECIPIENTS);
    // Each recipient's one submission carries the Message-ID its row recorded before sending.
    const logged = new Set(accepted().map((r) => r.messageId));
    assert.ok(report.recipients.every((r) => logged.has(r.messageId)));

    const human = await cli(['campaign', 'status', String(id), '--store', storeDir]).done;
    assert.match(human.stdout, new RegExp(`^stato: done$`, 'm'));
    const out = path.join(dir, 'prove.zip');
    const exported = await cli(['campaign', 'export', String(id), out, '--store', storeDir]).done;
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /300 destinatari/);
    assert.ok(fs.statSync(out).size > 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await sandbox.stop();
  }
});
