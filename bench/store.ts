// The store under a bulk send: a campaign of 1,000 sent messages, then an accettazione and an
// avvenuta-consegna for each (2,000 receipts) filed and linked one by one, as the sync would.
// Baselines measured in the same run: writing the same raw files alone as evidence needs them
// (temp file, fsync, rename, folder fsync), and a bare count over the same receipts for D/A/C/E.
// The receipts are the real Aruba 2018 pair, each copy made distinct by one extra header line;
// their analysis is computed once and re-keyed per copy (classification is bench/classify.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PecAnalysis } from '../src/shared/pec';
import { analyzeMessage } from '../src/main/pec';
import Database from 'better-sqlite3';
import { openStore, sha256Hex } from '../src/main/store';
import { benchLine, timeMs, type BenchLine } from './line';

const REAL_DIR = path.resolve(__dirname, '../test/fixtures/pec-real');
const MESSAGES = 1_000;

async function analysisOf(file: string): Promise<{ raw: Buffer; analysis: PecAnalysis }> {
  const raw = fs.readFileSync(path.join(REAL_DIR, file));
  const result = await analyzeMessage(raw);
  if (!result.ok || !result.analysis.receipt) throw new Error(`${file} is not a receipt`);
  return { raw, analysis: result.analysis };
}

/** A copy of a receipt about message i: distinct bytes, its own Message-ID and identificativo. */
function copyFor(i: number, base: { raw: Buffer; analysis: PecAnalysis }): { raw: Buffer; analysis: PecAnalysis } {
  const ref = `bench.${i}@pecdesk.test`;
  const receipt = { ...base.analysis.receipt!, refMessageId: ref, identificativo: `opec.bench.${i}@pec.test`, deliveredTo: base.analysis.receipt!.deliveredTo && `dest${i}@pec.test` };
  return {
    raw: Buffer.concat([Buffer.from(`X-Bench-Copy: ${i}\n`), base.raw]),
    // The signed daticert facts are re-keyed too: a copy whose outer header disagreed with them would be flagged, not counted.
    analysis: {
      ...base.analysis,
      receipt,
      identificativo: receipt.identificativo,
      outer: { ...base.analysis.outer, refMessageId: ref },
      certified: base.analysis.certified && { ...base.analysis.certified, msgid: ref, deliveredTo: receipt.deliveredTo },
    },
  };
}

/** Two lines: filing + linking 2,000 receipts, and campaignDac over 1,000 recipients. */
export async function benchStore(): Promise<BenchLine[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-bench-store-'));
  const store = openStore(path.join(dir, 'store'));
  try {
    const campaign = store.createCampaign({ subject: 'Bench' });
    for (let i = 0; i < MESSAGES; i++) {
      store.recordSent({ messageId: `bench.${i}@pecdesk.test`, campaignId: campaign, subject: `Bench ${i}`, to: [`dest${i}@pec.test`] });
    }
    const bases = [await analysisOf('aruba-2018-accettazione.eml'), await analysisOf('aruba-2018-avvenuta-consegna-completa.eml')];
    const copies = Array.from({ length: MESSAGES }, (_, i) => bases.map((b) => copyFor(i, b))).flat();
    const baseline = await timeMs(() => {
      const rawDir = path.join(dir, 'baseline');
      for (const c of copies) {
        const sha = sha256Hex(c.raw);
        const file = path.join(rawDir, sha.slice(0, 2), `${sha}.eml`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const fd = fs.openSync(`${file}.tmp`, 'wx');
        fs.writeSync(fd, c.raw);
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fs.renameSync(`${file}.tmp`, file);
        const folder = fs.openSync(path.dirname(file), 'r');
        fs.fsyncSync(folder);
        fs.closeSync(folder);
      }
    });
    const ingest = await timeMs(() => {
      for (const c of copies) store.ingest({ raw: c.raw, analysis: { ok: true, analysis: c.analysis } });
    });
    const dac = store.campaignDac(campaign);
    if (dac.D !== MESSAGES || dac.A !== MESSAGES || dac.C !== MESSAGES || store.unlinkedReceiptsCount() !== 0) {
      throw new Error(`receipts not linked as expected: ${JSON.stringify(dac)}, ${store.unlinkedReceiptsCount()} unlinked`);
    }
    // The baseline reads on a read-only connection of its own (the store hands out none), over the same file.
    const reader = new Database(path.join(store.dir, 'pecdesk.sqlite'), { readonly: true });
    const count = reader.prepare('SELECT count(*) FROM receipts r JOIN deliveries d ON d.id = r.delivery_id');
    const runs = 20;
    const dacMs = (await timeMs(() => { for (let i = 0; i < runs; i++) store.campaignDac(campaign); })) / runs;
    const countMs = (await timeMs(() => { for (let i = 0; i < runs; i++) count.get(); })) / runs;
    reader.close();
    return [
      benchLine('store.ingest+link 2k receipts', ingest, 'ms', baseline, 'ratio ≤ 2 vs writing the raw files alone'),
      benchLine('store.campaignDac 1k recipients', dacMs, 'ms', countMs, '< 50 ms'),
    ];
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchStore().then((lines) => {
    for (const line of lines) process.stdout.write(JSON.stringify(line) + '\n');
  });
}
