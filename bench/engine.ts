// The UI's event loop while the engine works: perf_hooks.monitorEventLoopDelay on this process,
// which plays the host (the web bridge's process, the Electron main process: it forwards calls and
// relays every event, serialized as the bridge does), while the engine, a worker thread, runs the
// existing benches' heavy jobs through the API: a 10,000-message full sync from Dovecot (bench/sync.ts's
// mailbox), a 1,000-recipient campaign (bench/send.ts's; the sandbox runs in a process of its own)
// with its view open (as the renderer's useLiveQuery does: on each store-changed 'campaigns' the
// campaign, its pacing and its first page of 100 recipients are asked again through this process,
// one round in flight, at most one every 250 ms), the evidence export of that campaign, and a
// 50,000-row contacts import (bench/contacts.ts's file).
// Each job gives a p99 and a max line; the baseline of each is the same figure measured right
// after it on the same host, idle with the engine started, for as long as the job took (at least
// 3 s, at most 60 s): a max over minutes must be compared with a max over a similar time on the
// same (possibly busy) machine. Figures are Node's: the interval between ticks of a 10 ms timer,
// so an idle loop reads about 10 ms.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createSandboxPki } from '../sandbox';
import { startDovecot } from '../sandbox/dovecot';
import type { Result } from '../src/shared/api';
import { settingsFromPreset } from '../src/main/accounts';
import type { Host } from '../src/main/api';
import { startEngine, workerEngine, type EngineClient } from '../src/main/engine';
import { createServices, headlessSecretStore, type Services } from '../src/main/services';
import { writeFiles, ROWS } from './contacts';
import { LiveGate } from '../src/shared/live-gate';
import { benchLine, type BenchLine } from './line';
import { ATTACHMENT, PASSWORD as SANDBOX_PASSWORD, recipientsOf, SENDER, text } from './send-process';

const recipients = recipientsOf(1_000);
import { COUNT, mailbox, PASSWORD, seed, templates, USER } from './sync';

const RESOLUTION_MS = 10;
const IDLE_MIN_MS = 3_000;
const IDLE_MAX_MS = 60_000;
const ROOT = path.resolve(__dirname, '..');

interface LoopFigures {
  p99: number;
  max: number;
  ms: number;
}

async function loopDuring(work: () => Promise<unknown>): Promise<LoopFigures> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const start = Date.now();
  histogram.enable();
  try {
    await work();
  } finally {
    histogram.disable();
  }
  return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6, ms: Date.now() - start };
}

/** The job measured, then the idle host for about as long. */
async function measured(work: () => Promise<unknown>): Promise<{ busy: LoopFigures; quiet: LoopFigures }> {
  const busy = await loopDuring(work);
  const idleMs = Math.min(IDLE_MAX_MS, Math.max(IDLE_MIN_MS, busy.ms));
  const quiet = await loopDuring(() => new Promise((resolve) => setTimeout(resolve, idleMs)));
  return { busy, quiet };
}

function lines(job: string, { busy, quiet }: { busy: LoopFigures; quiet: LoopFigures }): BenchLine[] {
  const baseline = `baseline: the same host idle for ${Math.round(quiet.ms / 1000)} s right after, the engine started; the job took ${Math.round(busy.ms / 1000)} s`;
  return [
    benchLine(`ui.event-loop p99 during ${job}`, busy.p99, 'ms', quiet.p99, `p99 ≤ 50 ms; ${baseline}`),
    benchLine(`ui.event-loop max during ${job}`, busy.max, 'ms', quiet.max, `max ≤ 200 ms; ${baseline}`),
  ];
}

function value<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** The services in-process to set a data folder up (accounts, campaigns) before the engine opens it. */
async function prepare(dataDir: string, fill: (services: Services) => Promise<void>): Promise<void> {
  const services = await createServices({ dataDir, secrets: headlessSecretStore(dataDir) });
  try {
    await fill(services);
  } finally {
    await services.close();
  }
}

/** The engine in a worker, its events serialized as the web bridge does before sending them. */
async function engineOn(dataDir: string, host: Host): Promise<EngineClient> {
  const engine = await startEngine({ spawn: workerEngine(), config: { dataDir, secrets: 'key-file', startBackground: false }, host });
  let relayed = 0;
  engine.onEvent((event) => (relayed += JSON.stringify({ event }).length));
  return engine;
}

async function duringSync(dir: string): Promise<BenchLine[]> {
  const [alfa, beta] = (await createSandboxPki()).providers;
  const { envelopes, receipts, sent } = templates(alfa, beta);
  const server = await startDovecot({ dir: path.join(dir, 'dovecot'), users: [{ address: USER, password: PASSWORD }] });
  try {
    seed(server, mailbox(envelopes, receipts));
    const dataDir = path.join(dir, 'sync');
    await prepare(dataDir, async (services) => {
      const endpoint = { host: '127.0.0.1', port: server.imapPort, security: 'none' as const, username: USER };
      const saved = await services.saveAccount({ name: USER, address: USER, kind: 'pec', imap: endpoint, smtp: endpoint, receiptsMode: 'local' }, PASSWORD);
      if (!saved.ok) throw new Error(saved.detail);
      for (const message of sent) services.store.recordSent({ ...message, accountId: Number(saved.value.id) });
    });
    const engine = await engineOn(dataDir, { kind: 'web', version: 'bench', defaultSaveDir: dir });
    try {
      const figures = await measured(async () => {
        const finished = new Promise<void>((resolve, reject) => {
          const off = engine.onEvent((event) => {
            if (event.type !== 'sync-progress' || event.state === 'running') return;
            off();
            if (event.state === 'error') reject(new Error(`sync failed: ${event.error}`));
            else resolve();
          });
        });
        value(await engine.dispatch('syncNow', {}), 'syncNow');
        await finished;
      });
      const inbox = value<{ path: string; total: number }[]>(await engine.dispatch('listFolders', {}), 'listFolders').reduce((n, f) => n + f.total, 0);
      if (inbox !== COUNT) throw new Error(`the sync filed ${inbox} of ${COUNT} messages`);
      return lines('10k sync', figures);
    } finally {
      await engine.close();
    }
  } finally {
    await server.stop();
  }
}

/** The sandbox in a child process; resolves with its ports and the way to stop it. */
async function sandboxProcess(): Promise<{ imapPort: number; smtpPort: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'sandbox-process.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then(() => reject(new Error('the sandbox process ended before serving')));
  });
  const ports = JSON.parse(line) as { imapPort: number; smtpPort: number };
  return {
    ...ports,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The queries of an open campaign view while it sends, coalesced as the renderer's useLiveQuery does (the same LiveGate). */
function campaignView(engine: EngineClient, id: number): { stop(): Promise<number> } {
  let rounds = 0;
  let last: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const round = async () => {
    const detail = value<{ state: string; accountId: number }>(await engine.dispatch('campaignGet', { id }), 'campaignGet');
    if (detail.state === 'sending') value(await engine.dispatch('campaignPacing', { accountId: String(detail.accountId) }), 'campaignPacing');
    value(await engine.dispatch('campaignRecipients', { id, offset: 0, limit: 100 }), 'campaignRecipients');
    rounds++;
  };
  const gate = new LiveGate(
    () =>
      (last = round().catch((err: unknown) => {
        failure ??= err;
      })),
  );
  const off = engine.onEvent((event) => {
    if (event.type === 'store-changed' && event.entities.includes('campaigns')) gate.request(false);
  });
  return {
    async stop() {
      off();
      gate.dispose();
      await last;
      if (failure) throw failure;
      return rounds;
    },
  };
}

async function duringCampaign(dir: string): Promise<BenchLine[]> {
  const sandbox = await sandboxProcess();
  try {
    const dataDir = path.join(dir, 'send');
    let campaignId = 0;
    await prepare(dataDir, async (services) => {
      const settings = settingsFromPreset('sandbox', { name: 'Mario Rossi', address: SENDER, imap: { port: sandbox.imapPort }, smtp: { port: sandbox.smtpPort } });
      if (!settings.ok) throw new Error(settings.detail);
      const saved = await services.saveAccount({ ...settings.settings, rateLimit: { perMinute: 1_000_000 } }, SANDBOX_PASSWORD);
      if (!saved.ok) throw new Error(saved.detail);
      const created = services.send.campaigns.create({
        accountId: Number(saved.value.id),
        subject: 'Comunicazione per {{nome}}',
        text: text('{{nome}}'),
        attachments: [ATTACHMENT],
        receiptVariant: 'breve',
        recipients,
      });
      if (!created.ok) throw new Error(created.detail);
      campaignId = created.value.id;
    });
    // The desktop host: the archive goes where "Save as" says, written by the engine.
    const saveDir = path.join(dir, 'saved');
    fs.mkdirSync(saveDir);
    const engine = await engineOn(dataDir, { kind: 'electron', version: 'bench', defaultSaveDir: saveDir, chooseSaveFile: async (name) => path.join(saveDir, name) });
    try {
      const campaign = await measured(async () => {
        const view = campaignView(engine, campaignId);
        value(await engine.dispatch('campaignStart', { id: campaignId }), 'campaignStart');
        for (;;) {
          const state = value<{ state: string }>(await engine.dispatch('campaignGet', { id: campaignId }), 'campaignGet').state;
          if (state === 'done') break;
          if (state !== 'sending') throw new Error(`the campaign ended ${state}`);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        if ((await view.stop()) === 0) throw new Error('the campaign view never queried again: no store-changed campaigns');
      });
      const exported = await measured(async () => {
        const out = value<{ kind: string }>(await engine.dispatch('campaignExport', { id: campaignId }), 'campaignExport');
        if (out.kind !== 'saved') throw new Error(`the evidence was not saved: ${out.kind}`);
      });
      return [...lines('1k campaign', campaign), ...lines('evidence export of 1k campaign', exported)];
    } finally {
      await engine.close();
    }
  } finally {
    await sandbox.stop();
  }
}

async function duringContactsImport(dir: string): Promise<BenchLine[]> {
  const { xlsx } = await writeFiles(dir);
  const dataDir = path.join(dir, 'contacts');
  await prepare(dataDir, async () => undefined);
  const engine = await engineOn(dataDir, { kind: 'electron', version: 'bench', defaultSaveDir: dir, chooseSpreadsheetFile: async () => xlsx });
  try {
    const figures = await measured(async () => {
      const file = value<{ fileId: string }>(await engine.dispatch('chooseSpreadsheetFile', {}), 'chooseSpreadsheetFile');
      const preview = value<{ suggestedMapping: unknown }>(await engine.dispatch('importPreview', { fileId: file.fileId }), 'importPreview');
      const plan = value<{ planId: string }>(await engine.dispatch('importPlan', { fileId: file.fileId, mapping: preview.suggestedMapping, duplicatePolicy: 'skip', groupName: 'Bench' }), 'importPlan');
      const done = value<{ created: number }>(await engine.dispatch('importCommit', { planId: plan.planId }), 'importCommit');
      if (done.created !== ROWS) throw new Error(`the import created ${done.created} of ${ROWS} contacts`);
    });
    return lines('50k contacts import', figures);
  } finally {
    await engine.close();
  }
}

/** Eight lines: p99 and max of the host's event loop during each job, each against the idle host. */
export async function benchEngine(): Promise<BenchLine[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-bench-engine-'));
  try {
    return [...(await duringSync(dir)), ...(await duringCampaign(dir)), ...(await duringContactsImport(dir))];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
