// The bulk-send engine under a burst: a 1,000-recipient campaign through the PEC sandbox with no
// rate limit, from "start" until every message is submitted (each one built, stored, committed as
// submitting before its SMTP transaction, answered and recorded). Baseline measured in the same
// run: a bare nodemailer pool (same number of connections, same messages per connection) composing
// and sending the same 1,000 personalized messages with nothing stored: the same headers and
// attachment, so the same size within the few bytes of PecDesk's longer Message-ID. Peak memory is
// its own line, and so is the CPU time the sending process spent in that same timed span (user +
// system, all its threads, libuv's pool with its file writes and fsyncs included; the same
// measurement on both sides): on a machine shared with other work the wall time swings with the
// load, the CPU time much less, so it says whether a change made the engine cheaper.
//
// Each side first sends 50 messages untimed (a warm-up campaign for the engine, a pool for the
// bare side), so both are timed warm.
// Each side runs in a child process (bench/send-process.ts) and the sandbox in this one: both
// sides get the same split of the two cores, and the memory line is the sending process's own,
// not the sandbox's, which holds every message it took. The sandbox holds its receipts back
// (accettazione delay), so both runs measure submission alone; receipts and their linking are
// covered by test/main/send and bench/store.ts. The two sides run in turn three times; the lines
// give the round of median ratio, each side's median CPU time and its highest peak memory.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox';
import { benchLine, type BenchLine } from './line';
import type { SendProcessArgs } from './send-process';

const RECIPIENTS = 1_000;
const ROUNDS = 3;

/** Runs one side in a child process; its time and peak RSS. */
function runSide(args: SendProcessArgs): Promise<{ ms: number; cpuMs: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'send-process.ts'), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench/send-process.ts ${args.side} exited ${code}: ${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; cpuMs: number; peakRssMb: number });
    });
  });
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Three lines: the 1k campaign against a bare pool, the sending process's CPU time and its peak
 * memory. A single pair of runs swings by ±10 % on this machine (the claims' fsyncs), so the two
 * sides run in turn ROUNDS times, each round in fresh processes, a fresh sandbox and a fresh store;
 * the time line is the round of median ratio, CPU the medians of each side, memory the highest peak.
 */
export async function benchSend(): Promise<BenchLine[]> {
  const runs: Record<SendProcessArgs['side'], { ms: number; cpuMs: number; peakRssMb: number }[]> = { pool: [], engine: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of ['pool', 'engine'] as const) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-bench-send-'));
      try {
        runs[name].push(await withSandbox((sandbox) => runSide({ side: name, smtpPort: sandbox.smtp.port, imapPort: sandbox.imap.port, dir, recipients: RECIPIENTS })));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const of = (name: SendProcessArgs['side']) => ({
    cpuMs: median(runs[name].map((r) => r.cpuMs)),
    peakRssMb: Math.max(...runs[name].map((r) => r.peakRssMb)),
  });
  const [baseline, engine] = [of('pool'), of('engine')];
  // Each round compares the two sides run one right after the other, under the same load: the line
  // is the round whose ratio is the median (a ratio of the sides' medians could pair a quick
  // round of one with a slow round of the other).
  const ratios = runs.engine.map((r, i) => r.ms / runs.pool[i].ms);
  const medianRound = ratios.indexOf(median(ratios));
  const rounds = ratios.map((r) => r.toFixed(2)).join(', ');
  return [
    benchLine('send.campaign 1k recipients (no rate limit)', runs.engine[medianRound].ms, 'ms', runs.pool[medianRound].ms, `ratio ≤ 1.3 vs a bare nodemailer pool; the median of ${ROUNDS} rounds, each side in turn (each round's ratio: ${rounds})`),
    benchLine('send.campaign 1k cpu time (sending process)', engine.cpuMs, 'ms', baseline.cpuMs, 'informative: what the wall-time ratio costs in CPU (medians)'),
    benchLine('send.campaign 1k peak rss (sending process)', engine.peakRssMb, 'MB', baseline.peakRssMb, '≤ 300 MB (the highest of the rounds)'),
  ];
}
