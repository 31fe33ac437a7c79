// One side of bench/send.ts in its own process, so its time and peak memory are the sender's
// alone (the PEC sandbox it sends to runs in the parent): `pool` is the baseline (a bare
// nodemailer pool), `engine` the bulk-send engine with its store. Prints one JSON line:
// { ms, cpuMs, peakRssMb }, all of the timed send alone (cpuMs: this process's user + system CPU
// time, every thread of it, libuv's pool included): the set-up before it (the secret store's
// scrypt key, ~128 MiB for a moment, the campaign's creation) is not the bulk send's memory.
import path from 'node:path';
import nodemailer from 'nodemailer';
import { AccountsService, FileKeySecretStore, settingsFromPreset, storeAccountsStorage } from '../src/main/accounts';
import { createSendEngine } from '../src/main/send';
import { openStore } from '../src/main/store';
import { timeMs } from './line';

type Measured = { ms: number; cpuMs: number; peakRssMb: number };

/** Times fn, measures the CPU time it took and samples this process's RSS while it runs. */
async function measured(fn: () => Promise<unknown>): Promise<Measured> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
  try {
    const cpuBefore = process.cpuUsage();
    const ms = await timeMs(fn);
    const cpu = process.cpuUsage(cpuBefore);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: Math.max(peakRss, process.memoryUsage.rss()) / (1024 * 1024) };
  } finally {
    clearInterval(sampler);
  }
}

/** What the parent says: the side to run, where the sandbox listens, the store folder. */
export interface SendProcessArgs {
  side: 'pool' | 'engine';
  smtpPort: number;
  imapPort: number;
  dir: string;
  recipients: number;
}

export const CONNECTIONS = 5;
export const SENDER = 'mario.rossi@pec.alfa.test';
const SENDER_NAME = 'Mario Rossi';
export const PASSWORD = 'sandbox';
const HOST = '127.0.0.1';
// A 20 KB attachment and a short personalized text: a typical communication to clients.
export const ATTACHMENT = { filename: 'comunicazione.pdf', content: Buffer.alloc(20_000, 0x25) };
const subject = (name: string) => `Comunicazione per ${name}`;
export const text = (name: string) => `Gentile ${name},\n\nin allegato la comunicazione che la riguarda.\n\nCordiali saluti\n`;
export const recipientsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ address: `cliente${i + 1}@pec.beta.test`, name: `Cliente ${i + 1}` }));

async function barePool(args: SendProcessArgs, list: { address: string; name: string }[]): Promise<Measured> {
  const pool = nodemailer.createTransport({
    pool: true,
    maxConnections: CONNECTIONS,
    host: HOST,
    port: args.smtpPort,
    secure: false,
    ignoreTLS: true,
    auth: { user: SENDER, pass: PASSWORD },
  });
  try {
    return await measured(() =>
      Promise.all(
        list.map((r) =>
          // The message PecDesk builds, header for header (the sender's name, X-TipoRicevuta): the same
          // size within the few bytes of a longer Message-ID, on the wire in CRLF lines either way.
          pool.sendMail({ from: { name: SENDER_NAME, address: SENDER }, to: { name: r.name, address: r.address }, subject: subject(r.name), text: text(r.name), attachments: [ATTACHMENT], headers: { 'X-TipoRicevuta': 'breve' } }),
        ),
      ),
    );
  } finally {
    pool.close();
  }
}

// Each side first sends this many messages untimed, so that both are timed with their code
// compiled and warm (a pool and its connections, a runner and its connections, are new for the
// timed run on both sides). Until 2026-12-07 only the pool side was warmed.
const WARM_UP = 50;

async function poolRun(args: SendProcessArgs): Promise<Measured> {
  const list = recipientsOf(args.recipients);
  await barePool(args, list.slice(0, WARM_UP));
  return barePool(args, list);
}

async function engineRun(args: SendProcessArgs): Promise<Measured> {
  const store = openStore(path.join(args.dir, 'store'));
  const accounts = new AccountsService(storeAccountsStorage(store), new FileKeySecretStore(path.join(args.dir, 'secrets.json'), 'bench'));
  const settings = settingsFromPreset('sandbox', { name: SENDER_NAME, address: SENDER, imap: { port: args.imapPort }, smtp: { port: args.smtpPort } });
  if (!settings.ok) throw new Error(settings.detail);
  // "No rate limit": PEC accounts default to 30/min, so state a limit no burst reaches.
  const saved = await accounts.save({ ...settings.settings, rateLimit: { perMinute: 1_000_000 } }, PASSWORD);
  if (!saved.ok) throw new Error(saved.detail);
  const engine = createSendEngine({ store, accounts, maxConnections: CONNECTIONS, overdueCheckEveryMs: 0 });
  const campaign = (recipients: number) => {
    const created = engine.campaigns.create({
      accountId: Number(saved.value.id),
      subject: 'Comunicazione per {{nome}}',
      text: text('{{nome}}'),
      attachments: [ATTACHMENT],
      receiptVariant: 'breve',
      recipients: recipientsOf(recipients),
    });
    if (!created.ok) throw new Error(created.detail);
    return created.value.id;
  };
  const send = async (campaignId: number) => {
    const started = await engine.start(campaignId);
    if (!started.ok) throw new Error(started.detail);
    const state = await engine.whenSettled(campaignId);
    if (state !== 'done') throw new Error(`campaign ended ${state}`);
  };
  try {
    await send(campaign(WARM_UP));
    const timed = campaign(args.recipients);
    const result = await measured(() => send(timed));
    const counts = engine.campaigns.get(timed)!.counts;
    if (counts.submitted !== args.recipients) throw new Error(`not every message was submitted: ${JSON.stringify(counts)}`);
    return result;
  } finally {
    await engine.dispose();
    store.close();
  }
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as SendProcessArgs;
  const result = args.side === 'pool' ? await poolRun(args) : await engineRun(args);
  process.stdout.write(JSON.stringify(result) + '\n');
}

if (require.main === module) void main();
