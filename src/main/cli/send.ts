// `pecdesk campaign …`: bulk sends from the command line.
//   status ID [--json]      state, D/A/C/E, counts per status, the recipients in error
//   export ID OUT.zip       the evidence archive (sent .eml, receipts, report, SHA-256 manifest)
//   run ID                  (hidden) sends a campaign until it is done; used by the crash test.
//                           A campaign left 'sending' by a killed process resumes, doubtful
//                           messages reconciled first. Options: --grace-ms N --connections N
// All take --store DIR. Passwords come from <store>/secrets.json, encrypted with
// $PECDESK_SECRET_KEY (or <store>/secret.key), as every headless PecDesk does.
import path from 'node:path';
import { FileKeySecretStore, headlessPassphrase } from '../accounts';
import { Campaigns, createSendEngine, DEFAULT_RECONCILE_GRACE_MS, STATUS_LABELS, type CampaignDetail, type RecipientView, type SendNotice } from '../send';
import { createServices } from '../services';
import { defaultStoreDir, hasStore, tryOpenStore, type CampaignRepo, type StoreChange } from '../store';
import { CliError, parseArgs, type CliCommand, type CliIO } from './command';

/** The file holding the encrypted account passwords of a headless store. */
export const SECRETS_FILE = 'secrets.json';

const USAGE = 'usage: pecdesk campaign status ID [--json] | export ID OUT.zip  [--store DIR]';

function campaignId(value: string | undefined): number {
  const id = Number(value);
  if (!value || !Number.isSafeInteger(id) || id <= 0) throw new CliError(`campaign needs a campaign id (got ${value ?? 'nothing'})\n${USAGE}`);
  return id;
}

function storeDir(flags: Record<string, string | boolean>): string {
  const dir = typeof flags.store === 'string' ? flags.store : defaultStoreDir();
  if (!hasStore(dir)) throw new CliError(`no PecDesk store in ${dir}`, 1);
  return dir;
}

async function withCampaigns<T>(dir: string, fn: (campaigns: Campaigns) => Promise<T>): Promise<T> {
  const opened = tryOpenStore(dir);
  if (!opened.ok) throw new CliError(opened.detail, 1);
  try {
    return await fn(new Campaigns(opened.store));
  } finally {
    // The daily backup taken at open finishes before the command ends (closing would abandon it).
    await opened.store.dailyBackup;
    opened.store.close();
  }
}

function summary(c: CampaignDetail): string {
  const { counts: n, dac } = c;
  return [
    `Campagna ${c.id}: ${c.subject}`,
    `stato: ${c.state}${c.stateDetail ? ` (${c.stateDetail})` : ''}`,
    `D/A/C/E: ${dac.D}/${dac.A}/${dac.C}/${dac.E}`,
    `destinatari ${n.total} · in coda ${n.pending + n.preparing + n['retry-wait']} · in invio ${n.submitting} · inviati ${n.submitted + n.accepted + n.warning} · consegnati ${n.delivered} · errori ${n.error + n.failed} · annullati ${n.cancelled} · in ritardo ${n.overdue}`,
    // Never silent: a recipient the provider took twice (a resend after an interrupted submission).
    ...(n.duplicates > 0 ? [`inviati più volte: ${n.duplicates} destinatari (vedi sotto)`] : []),
  ].join('\n');
}

function duplicates(rows: RecipientView[]): string {
  if (!rows.length) return '';
  return ['', 'Destinatari a cui il messaggio è stato inviato più volte:', ...rows.map((r) => `  ${r.address}  inviato ${r.submissions} volte  ${r.messageId ?? ''}`.trimEnd())].join('\n');
}

function problems(rows: RecipientView[]): string {
  if (!rows.length) return '';
  return ['', 'Destinatari con errore:', ...rows.map((r) => `  ${r.address}  ${STATUS_LABELS[r.status]}  ${r.error ?? ''}`.trimEnd())].join('\n');
}

async function status(args: string[], flags: Record<string, string | boolean>, io: CliIO): Promise<number> {
  const id = campaignId(args[0]);
  return withCampaigns(storeDir(flags), async (campaigns) => {
    const campaign = campaigns.get(id);
    if (!campaign) throw new CliError(`no campaign ${id}`, 1);
    const recipients = campaigns.recipients(id, { limit: Number.MAX_SAFE_INTEGER }).rows;
    if (flags.json) io.stdout.write(JSON.stringify({ campaign, recipients }) + '\n');
    else {
      const failed = problems(recipients.filter((r) => r.status === 'error' || r.status === 'failed'));
      io.stdout.write(summary(campaign) + failed + duplicates(recipients.filter((r) => r.submissions > 1)) + '\n');
    }
    return 0;
  });
}

async function exportZip(args: string[], flags: Record<string, string | boolean>, io: CliIO): Promise<number> {
  const id = campaignId(args[0]);
  if (!args[1]) throw new CliError(`campaign export needs the output file\n${USAGE}`);
  const out = path.resolve(args[1]);
  return withCampaigns(storeDir(flags), async (campaigns) => {
    const exported = await campaigns.exportEvidence(id, out);
    if (!exported.ok) throw new CliError(exported.detail, 1);
    const { recipients, files, bytes } = exported.value;
    io.stdout.write(`${out}: ${recipients} destinatari, ${files} file, ${bytes} byte\n`);
    return 0;
  });
}

function positiveInt(value: string | boolean | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isSafeInteger(n) || n <= 0) throw new CliError(`--${name} needs a positive whole number`);
  return n;
}

function describe(notice: SendNotice): string | null {
  if (notice.kind === 'problem') return `account ${notice.accountId}: ${notice.code}: ${notice.detail}`;
  return null;
}

/** Writes a line each time a campaign's state (or why) changes, as the store's change stream tells it. */
function campaignStates(repo: CampaignRepo, write: (line: string) => void): (changes: StoreChange[]) => void {
  const line = (id: number): string | null => {
    const row = repo.get(id);
    return row && `campagna ${id}: ${row.state}${row.stateDetail ? ` (${row.stateDetail})` : ''}`;
  };
  // What stands at the start is no change: only what moves from here on is written.
  const told = new Map(repo.list().map((row) => [row.id, line(row.id)]));
  return (changes) => {
    for (const id of changes.find((c) => c.entity === 'campaigns')?.ids ?? []) {
      const now = line(id);
      if (now === null || told.get(id) === now) continue;
      told.set(id, now);
      write(now);
    }
  };
}

async function run(args: string[], flags: Record<string, string | boolean>, io: CliIO): Promise<number> {
  const id = campaignId(args[0]);
  const dir = storeDir(flags);
  const services = await createServices({ dataDir: dir, secrets: new FileKeySecretStore(path.join(dir, SECRETS_FILE), headlessPassphrase(dir)) });
  const engine = createSendEngine({
    store: services.store,
    accounts: services.accounts,
    connect: services.connect,
    reconcileGraceMs: positiveInt(flags['grace-ms'], 'grace-ms', DEFAULT_RECONCILE_GRACE_MS),
    maxConnections: positiveInt(flags.connections, 'connections', 1),
    overdueCheckEveryMs: 0,
    pecStatus: (address) => services.contacts.pecStatus(address),
  });
  engine.onNotice((notice) => {
    const line = describe(notice);
    if (line) io.stderr.write(line + '\n');
  });
  const stopStates = services.store.onChange(campaignStates(engine.campaigns.repo, (line) => io.stdout.write(line + '\n')));
  // Ctrl-C: stop launching, let the messages on the wire get their answer, then exit.
  const stop = () => void engine.dispose();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const campaign = engine.campaigns.get(id);
    if (!campaign) throw new CliError(`no campaign ${id}`, 1);
    if (campaign.state === 'draft' || campaign.state === 'ready') {
      const started = await engine.start(id);
      if (!started.ok) throw new CliError(started.detail, 1);
    } else if (campaign.state === 'paused') {
      const resumed = engine.resume(id);
      if (!resumed.ok) throw new CliError(resumed.detail, 1);
    }
    // Also picks up what a killed run left: doubtful messages of this and other campaigns.
    engine.resumeInterrupted();
    const state = await engine.whenSettled(id);
    io.stdout.write(summary(engine.campaigns.get(id)!) + '\n');
    return state === 'done' ? 0 : 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await engine.dispose();
    stopStates();
    await services.close();
  }
}

export const campaignCommand: CliCommand = {
  async run(args: string[], io: CliIO): Promise<number> {
    const { flags, positional } = parseArgs(args, { booleans: ['json'], values: ['store', 'grace-ms', 'connections'] });
    const [sub, ...rest] = positional;
    if (sub === 'status') return status(rest, flags, io);
    if (sub === 'export') return exportZip(rest, flags, io);
    if (sub === 'run') return run(rest, flags, io);
    throw new CliError(`unknown campaign command "${sub ?? ''}"\n${USAGE}`);
  },
};
