// A single PEC from the composer, its process killed with SIGKILL while the message is on the wire
// (the provider took it and holds back its 250), then started again: the send queue finds the
// message doubtful, looks for it at the provider (its accettazione in the mailbox) and records it as
// sent without sending it again. And one killed the moment sendMessage answered (enqueued; whether
// it reached the wire yet is up to the race): it ends sent once after the restart. The provider's
// submission log is the truth.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createServices, headlessSecretStore } from '../../src/main/services';
import { openStore } from '../../src/main/store';
import { configureSandboxAccounts } from '../../src/main/webbridge/sandbox-demo';
import { collectServerErrors } from '../main/send/helpers';
import { FaultTable } from './table';
import { readStoreDb } from '../helpers/store-db';
import { watched, type Ended } from './watched-child';

const SENDER = 'mario.rossi@pec.alfa.test';
const repoRoot = path.resolve(__dirname, '../..');
const table = new FaultTable('single PEC kill');
let sandbox: Sandbox;

before(async () => {
  const serverErrors = collectServerErrors();
  // Every 250 comes 3 s after the provider took the message: the kill lands in between.
  sandbox = await startSandbox({ answerDelayMs: 3_000, onError: () => undefined });
  serverErrors.restore();
});
after(async () => {
  await sandbox.stop();
  table.summary();
});

function child(args: string[]): ChildProcess & { done: Promise<Ended>; out(): string } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/faults/single-send-child.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  return watched(proc);
}

async function dataDirWithAccount(t: { after(fn: () => void): void }): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-single-kill-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const services = await createServices({ dataDir: dir, secrets: headlessSecretStore(dir) });
  try {
    await configureSandboxAccounts(services, sandbox, [SENDER]);
  } finally {
    await services.close();
  }
  return dir;
}

/** The queue row of the one single PEC in the data folder. */
function taskRow(dataDir: string): { state: string; attempts: number } {
  const store = openStore(dataDir);
  try {
    return readStoreDb(store, (db) =>
      db.prepare(`SELECT r.state, r.attempts FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id WHERE c.kind = 'single'`).get() as { state: string; attempts: number },
    );
  } finally {
    store.close();
  }
}

async function waitFor(check: () => boolean, what: string, exited: () => boolean): Promise<void> {
  const until = Date.now() + 60_000;
  while (!check()) {
    if (exited()) assert.fail(`the process ended before ${what}`);
    if (Date.now() > until) assert.fail(`no ${what} within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const takenFor = (to: string) => sandbox.log.accepted().filter((r) => r.sender === SENDER && r.recipients.includes(to));

test('a single PEC killed on the wire (taken, 250 not yet answered) and restarted is found at the provider and never sent twice', async (t) => {
  const to = 'ufficio@pec.beta.test';
  const dataDir = await dataDirWithAccount(t);
  const first = child([dataDir, 'send', '4000', to]);
  let exited = false;
  void first.done.then(() => (exited = true));
  await waitFor(() => takenFor(to).length > 0, 'the provider taking the message', () => exited);
  first.kill('SIGKILL');
  const killed = await first.done;
  assert.equal(killed.signal, 'SIGKILL', `it ended by itself: ${killed.stderr}${killed.stdout}`);
  assert.equal(taskRow(dataDir).state, 'submitting', 'the claim was durable before SMTP: the message is doubtful, not lost');

  const second = await child([dataDir, 'resume', '4000']).done;
  assert.equal(second.code, 0, second.stderr + second.stdout);
  assert.equal(takenFor(to).length, 1, 'the provider took it once');
  assert.deepEqual(taskRow(dataDir), { state: 'submitted', attempts: 1 }, 'recorded as sent, never submitted again');
  table.record({ scenario: 'single PEC kill on the wire', injected: 'kill -9 after DATA, before the 250 (3 s late)', lost: 0, duplicated: takenFor(to).length - 1, outcome: 'reconciled as sent, 1 submission' });
});

test('a single PEC killed as soon as sendMessage answered is sent once after the restart', async (t) => {
  const to = 'protocollo@pec.beta.test';
  const dataDir = await dataDirWithAccount(t);
  const first = child([dataDir, 'send', '4000', to]);
  let exited = false;
  void first.done.then(() => (exited = true));
  await waitFor(() => first.out().includes('"enqueued"'), 'the message being enqueued', () => exited);
  first.kill('SIGKILL');
  const killed = await first.done;
  assert.equal(killed.signal, 'SIGKILL', `it ended by itself: ${killed.stderr}${killed.stdout}`);
  const before = taskRow(dataDir);
  assert.ok(['preparing', 'submitting'].includes(before.state), `the enqueued message is in the queue: ${JSON.stringify(before)}`);

  const second = await child([dataDir, 'resume', '4000']).done;
  assert.equal(second.code, 0, second.stderr + second.stdout);
  assert.equal(takenFor(to).length, 1, 'the provider took it once');
  assert.equal(taskRow(dataDir).state, 'submitted');
  table.record({ scenario: 'single PEC kill after enqueue', injected: `kill -9 once enqueued (row ${before.state})`, lost: 1 - takenFor(to).length, duplicated: 0, outcome: 'sent once after the restart' });
});
