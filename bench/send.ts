// The bulk-send engine under a burst: a 1,000-recipient campaign through the PEC sandbox with no
// rate limit, from "start" until every message is submitted (each one built, stored, committed as
// submitting before its SMTP transaction, answered and recorded). Baseline measured in the same
// run: a bare nodemailer pool (same number of connections) composing and sending the same 1,000
// personalized messages with nothing stored. Peak memory (RSS sampled during the campaign) is its
// own line. The sandbox holds its receipts back (accettazione delay), so both runs measure
// submission alone; receipts and their linking are covered by test/main/send and bench/store.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { startSandbox, type Sandbox } from '../sandbox';
import { AccountsService, FileKeySecretStore, settingsFromPreset, storeAccountsStorage } from '../src/main/accounts';
import { createSendEngine } from '../src/main/send';
import { openStore } from '../src/main/store';
import { benchLine, timeMs, type BenchLine } from './line';

export const RECIPIENTS = 1_000;
const CONNECTIONS = 5;
export const SENDER = 'mario.rossi@pec.alfa.test';
export const PASSWORD = 'sandbox';
// A 20 KB attachment and a short personalized text: a typical communication to clients.
export const ATTACHMENT = { filename: 'comunicazione.pdf', content: Buffer.alloc(20_000, 0x25) };
export const recipients = Array.from({ length: RECIPIENTS }, (_, i) => ({ address: `cliente${i + 1}@pec.beta.test`, name: `Cliente ${i + 1}` }));
const subject = (name: string) => `Comunicazione per ${name}`;
export const text = (name: string) => `Gentile ${name},\n\nin allegato la comunicazione che la riguarda.\n\nCordiali saluti\n`;

async function barePool(sandbox: Sandbox, list: typeof recipients): Promise<number> {
  const pool = nodemailer.createTransport({
    pool: true,
    maxConnections: CONNECTIONS,
    host: sandbox.smtp.host,
    port: sandbox.smtp.port,
    secure: false,
    ignoreTLS: true,
    auth: { user: SENDER, pass: PASSWORD },
  });
  try {
    return await timeMs(() =>
      Promise.all(list.map((r) => pool.sendMail({ from: SENDER, to: { name: r.name, address: r.address }, subject: subject(r.name), text: text(r.name), attachments: [ATTACHMENT] }))),
    );
  } finally {
    pool.close();
  }
}

async function engineRun(sandbox: Sandbox, dir: string): Promise<{ ms: number; peakRss: number }> {
  const store = openStore(path.join(dir, 'store'));
  const accounts = new AccountsService(storeAccountsStorage(store), new FileKeySecretStore(path.join(dir, 'secrets.json'), 'bench'));
  const settings = settingsFromPreset('sandbox', { name: 'Mario Rossi', address: SENDER, imap: { port: sandbox.imap.port }, smtp: { port: sandbox.smtp.port } });
  if (!settings.ok) throw new Error(settings.detail);
  // "No rate limit": PEC accounts default to 30/min, so state a limit no burst reaches.
  const saved = await accounts.save({ ...settings.settings, rateLimit: { perMinute: 1_000_000 } }, PASSWORD);
  if (!saved.ok) throw new Error(saved.detail);
  const engine = createSendEngine({ store, accounts, maxConnections: CONNECTIONS, overdueCheckEveryMs: 0 });
  try {
    const created = engine.campaigns.create({
      accountId: Number(saved.value.id),
      subject: 'Comunicazione per {{nome}}',
      text: text('{{nome}}'),
      attachments: [ATTACHMENT],
      receiptVariant: 'breve',
      recipients,
    });
    if (!created.ok) throw new Error(created.detail);
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
    try {
      const ms = await timeMs(async () => {
        const started = await engine.start(created.value.id);
        if (!started.ok) throw new Error(started.detail);
        const state = await engine.whenSettled(created.value.id);
        if (state !== 'done') throw new Error(`campaign ended ${state}`);
      });
      const counts = engine.campaigns.get(created.value.id)!.counts;
      if (counts.submitted !== RECIPIENTS) throw new Error(`not every message was submitted: ${JSON.stringify(counts)}`);
      return { ms, peakRss };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await engine.dispose();
    store.close();
  }
}

/** A fresh sandbox per measurement: the one before holds its messages for the receipts it delays. */
async function withSandbox<T>(fn: (sandbox: Sandbox) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox({ delays: { accettazioneMs: 3_600_000 }, onError: () => undefined });
  try {
    const result = await fn(sandbox);
    const accepted = sandbox.log.accepted().length;
    if (accepted < RECIPIENTS) throw new Error(`the sandbox accepted ${accepted} messages, expected at least ${RECIPIENTS}`);
    return result;
  } finally {
    await sandbox.stop();
  }
}

/** Two lines: the 1k campaign against a bare pool, and the engine's peak memory. */
export async function benchSend(): Promise<BenchLine[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-bench-send-'));
  try {
    // Both sides run nodemailer's composer and SMTP client: warm them up before either is timed.
    const baseline = await withSandbox(async (sandbox) => {
      await barePool(sandbox, recipients.slice(0, 50));
      return barePool(sandbox, recipients);
    });
    const { ms, peakRss } = await withSandbox((sandbox) => engineRun(sandbox, dir));
    return [
      benchLine('send.campaign 1k recipients (no rate limit)', ms, 'ms', baseline, 'ratio ≤ 1.3 vs a bare nodemailer pool'),
      benchLine('send.campaign 1k peak rss', peakRss / (1024 * 1024), 'MB', null),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
