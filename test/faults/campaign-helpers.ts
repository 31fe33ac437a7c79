// A bulk send killed with SIGKILL and restarted, for the campaign fault tests: the `pecdesk
// campaign run` CLI as the sending process, the sandbox's submission log as the provider's truth,
// and the campaign's own report (`campaign status --json`) as what the user sees.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, SANDBOX_PASSWORD, type Sandbox } from '../../sandbox';
import { AccountsService, FileKeySecretStore, settingsFromPreset, storeAccountsStorage } from '../../src/main/accounts';
import { Campaigns } from '../../src/main/send';
import { openStore } from '../../src/main/store';
import { collectServerErrors, syncUntil, type SendFixture } from '../main/send/helpers';
import { readStoreDb } from '../helpers/store-db';
import { watched, type Ended } from './watched-child';

const repoRoot = path.resolve(__dirname, '../..');
const SECRET_KEY = 'chiave di prova del test';
const SENDER = 'studio@pec.alfa.test';

function cli(args: string[]): ChildProcess & { done: Promise<Ended> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, PECDESK_SECRET_KEY: SECRET_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watched(child);
}

async function prepareStore(sandbox: Sandbox, storeDir: string, addresses: string[]): Promise<number> {
  const store = openStore(storeDir);
  try {
    const accounts = new AccountsService(storeAccountsStorage(store), new FileKeySecretStore(path.join(storeDir, 'secrets.json'), SECRET_KEY));
    const settings = settingsFromPreset('sandbox', { name: 'Studio', address: SENDER, imap: { port: sandbox.imap.port }, smtp: { port: sandbox.smtp.port } });
    assert.ok(settings.ok);
    const saved = await accounts.save({ ...settings.settings, rateLimit: { perMinute: 100_000 } }, SANDBOX_PASSWORD);
    assert.ok(saved.ok, JSON.stringify(saved));
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

/** The queue rows by state, read from the store the killed process left. */
function queueStates(storeDir: string, campaignId: number): Record<string, number> {
  const store = openStore(storeDir);
  try {
    const rows = readStoreDb(store, (db) => db.prepare('SELECT state, count(*) AS n FROM campaign_recipients WHERE campaign_id = ? GROUP BY state').all(campaignId) as { state: string; n: number }[]);
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    store.close();
  }
}

/** A campaign run killed at given shares of its recipients. */
export interface KillPlan {
  recipients: number;
  /** The provider's delay of each 250 after DATA. */
  answerDelayMs: number;
  /** Shares (0..1) of recipients taken by the provider at which the process is killed. */
  killAt: number[];
  /** SMTP connections of the sending process (`--connections`): transactions under way at once. */
  connections: number;
  /** Reconciliation grace of the doubtful messages (`--grace-ms`). */
  graceMs: number;
}

/** What the provider and the campaign report say after the kills and the last run. */
export interface KillOutcome {
  lost: number;
  /** Recipients the provider took twice whose row does not say so. */
  silentDuplicates: number;
  /** Recipients the provider took twice (shown as "inviato 2 volte"). */
  duplicates: number;
  dac: { D: number; A: number; C: number; E: number };
  /** Most messages left doubtful by one kill. */
  maxDoubtful: number;
}

/** Runs `campaign run`, kills it with SIGKILL at each share, runs it to the end, then syncs its receipts. */
export async function killAndResume(plan: KillPlan): Promise<KillOutcome> {
  const serverErrors = collectServerErrors();
  const sandbox = await startSandbox({ answerDelayMs: plan.answerDelayMs, onError: () => undefined });
  serverErrors.restore();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-fault-'));
  try {
    const addresses = Array.from({ length: plan.recipients }, (_, i) => `destinatario${String(i + 1).padStart(3, '0')}@pec.alfa.test`);
    await sandbox.addMailboxes(addresses.map((address) => ({ address })));
    const storeDir = path.join(dir, 'store');
    const id = await prepareStore(sandbox, storeDir, addresses);
    const runArgs = ['campaign', 'run', String(id), '--store', storeDir, '--grace-ms', String(plan.graceMs), '--connections', String(plan.connections)];
    const accepted = () => sandbox.log.accepted().filter((r) => r.sender === SENDER);

    let maxDoubtful = 0;
    for (const [i, share] of plan.killAt.entries()) {
      const target = Math.ceil(plan.recipients * share);
      const child = cli(runArgs);
      let exited = false;
      void child.done.then(() => (exited = true));
      while (!exited && accepted().length < target) await new Promise((resolve) => setTimeout(resolve, 10));
      if (exited) assert.fail(`run ${i + 1} ended by itself: ${(await child.done).stderr}${(await child.done).stdout}`);
      child.kill('SIGKILL');
      const ended = await child.done;
      assert.equal(ended.signal, 'SIGKILL', `run ${i + 1} ended by itself (${ended.code}): ${ended.stderr}`);
      const states = queueStates(storeDir, id);
      const doubtful = states.submitting ?? 0;
      const waiting = (states.pending ?? 0) + (states.preparing ?? 0) + (states['retry-wait'] ?? 0);
      maxDoubtful = Math.max(maxDoubtful, doubtful);
      console.log(`# kill ${i + 1} at ${Math.round(share * 100)} %: ${accepted().length}/${plan.recipients} taken by the provider, ${doubtful} doubtful, ${waiting} never transmitted and free to go`);
      // At most one SMTP transaction per connection was under way when the process died.
      assert.ok(doubtful <= plan.connections, `${doubtful} messages marked in flight after the kill, at most ${plan.connections} were on the wire: ${JSON.stringify(states)}`);
    }
    const last = await cli(runArgs).done;
    assert.equal(last.code, 0, last.stderr + last.stdout);
    assert.ok(serverErrors.errors.every((e) => (e as NodeJS.ErrnoException).code === 'ECONNRESET'), String(serverErrors.errors[0]));

    const perRecipient = new Map<string, number>();
    for (const r of accepted()) for (const to of r.recipients) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const lost = addresses.filter((a) => !perRecipient.has(a));
    const twice = [...perRecipient].filter(([, n]) => n > 1);

    // Once the receipts are in: every message accepted and delivered, no error.
    const store = openStore(storeDir);
    try {
      const accounts = new AccountsService(storeAccountsStorage(store), new FileKeySecretStore(path.join(storeDir, 'secrets.json'), SECRET_KEY));
      const [account] = (await accounts.list()).accounts;
      const fixture = { dir, store, accounts, account, accountId: Number(account.id), cleanup: () => undefined } as SendFixture;
      await syncUntil(fixture, () => store.campaignDac(id).C >= plan.recipients - lost.length, 120_000);
    } finally {
      store.close();
    }
    const status = await cli(['campaign', 'status', String(id), '--store', storeDir, '--json']).done;
    assert.equal(status.code, 0, status.stderr);
    const report = JSON.parse(status.stdout) as {
      campaign: { state: string; dac: KillOutcome['dac']; counts: { duplicates: number } };
      recipients: { address: string; submissions: number }[];
    };
    assert.equal(report.campaign.state, 'done');
    // A second copy the provider took must show on its row ("inviato 2 volte").
    const recorded = new Map(report.recipients.map((r) => [r.address, r.submissions]));
    const silent = twice.filter(([address, n]) => (recorded.get(address) ?? 0) < n);
    assert.equal(report.campaign.counts.duplicates, twice.length);
    return { lost: lost.length, silentDuplicates: silent.length, duplicates: twice.length, dac: report.campaign.dac, maxDoubtful };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/** "D/A/C/E 60/60/60/0". */
export function dacWords(dac: KillOutcome['dac']): string {
  return `D/A/C/E ${dac.D}/${dac.A}/${dac.C}/${dac.E}`;
}
