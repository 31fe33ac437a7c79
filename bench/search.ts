// Search over a 100,000-message mailbox: the first result page (200 rows, the list's page, with the
// total) of typed queries of five shapes, p95 over 50 queries each, against a baseline measured in
// the same run: the first 200-row page of the inbox, a plain indexed SELECT on the date order.
//
// The mailbox is filed through the store's own Ingester (rows, attachments, full-text words,
// triggers, verdicts: what a sync files) in one transaction per 5,000 messages, with synthetic
// analyses built from one real envelope and no raw files: writing and fsyncing 100,000 files is
// what bench/store.ts and bench/sync.ts measure, and search never reads them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { PecAnalysis } from '../src/shared/pec';
import { analyzeMessage } from '../src/main/pec';
import { searchMessages } from '../src/main/search';
import { openStore, type Store } from '../src/main/store';
import { ChangeTracker } from '../src/main/store/changes';
import { Ingester, type IngestInput } from '../src/main/store/ingest';
import { Linker } from '../src/main/store/link';
import { rawRelPath } from '../src/main/store/rawStore';
import { benchLine, timeMs, type BenchLine } from './line';

// BENCH_SEARCH_MESSAGES files a smaller mailbox to try the bench out; the lines keep their 100k names only at 100,000.
const MESSAGES = Number(process.env.BENCH_SEARCH_MESSAGES ?? 100_000);
const SIZE = MESSAGES === 100_000 ? '100k' : `${MESSAGES / 1000}k`;
const BATCH = 5_000;
const QUERIES = 50;
const PAGE = 200;
const ENVELOPE = path.resolve(__dirname, '../test/fixtures/pec-real/aruba-2023-posta-certificata-completa.eml');

/** A deterministic pseudo-random sequence (mulberry32), so every run files the same mailbox. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ra', 'to', 'ci', 'ze', 'mo', 'lu', 'pe', 'sta', 'ri', 'no', 'ga', 'ver', 'di', 'be', 'so', 'tri', 'ca', 'fe', 'li', 'an'];
const NAMES = ['Mario', 'Giulia', 'Luca', 'Anna', 'Paolo', 'Sara', 'Marco', 'Elena', 'Franco', 'Chiara'];
const SURNAMES = ['Rossi', 'Bianchi', 'Russo', 'Ferrari', 'Esposito', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'Costa', 'Giordano', 'Mancini', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri'];
const DOCUMENTS = ['fattura', 'atto_citazione', 'decreto', 'ricorso', 'parcella', 'verbale', 'contratto', 'sentenza', 'perizia', 'preventivo'];

/** 3,000 words, used with a Zipf-like frequency as in real text: a few very common, most rare. */
const VOCABULARY = Array.from({ length: 3_000 }, (_, i) => {
  const r = random(i + 1);
  const n = 2 + Math.floor(r() * 3);
  return Array.from({ length: n }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join('') + (i % 7);
});
const pickWord = (r: () => number) => VOCABULARY[Math.floor(VOCABULARY.length * r() ** 3)];
const pick = <T>(r: () => number, list: readonly T[]) => list[Math.floor(r() * list.length)];

interface Synthetic {
  input: IngestInput;
  body: string;
  original: PecAnalysis['original'];
}

function synthetic(i: number, base: PecAnalysis, folderId: number): Synthetic {
  const r = random(1_000_003 + i);
  const name = `${pick(r, NAMES)} ${pick(r, SURNAMES)}`;
  const sender = `${name.toLowerCase().replace(' ', '.')}${Math.floor(r() * 200)}@pec.studio${Math.floor(r() * 50)}.it`;
  const subject = `${pick(r, ['Trasmissione', 'Invio', 'Richiesta', 'Sollecito', 'Notifica'])} ${pick(r, DOCUMENTS).replace('_', ' ')} n. ${i} ${pickWord(r)}`;
  const body = Array.from({ length: 40 + Math.floor(r() * 40) }, () => pickWord(r)).join(' ');
  const attachments = r() < 0.4 ? [{ filename: `${pick(r, DOCUMENTS)}_${i}.pdf`, contentType: 'application/pdf', size: 40_000 }] : [];
  const date = new Date(Date.UTC(2020, 0, 1) + i * 900_000).toISOString();
  const analysis: PecAnalysis = {
    ...base,
    outer: { ...base.outer, messageId: `opec.bench.${i}@pec.aruba.it`, subject: `POSTA CERTIFICATA: ${subject}`, date },
    original: base.original && { ...base.original, from: `${name} <${sender}>`, to: ['studio@pec.alfa.test'], subject, attachments, messageId: `bench.${i}@studio.it` },
    identificativo: `opec.bench.${i}@pec.aruba.it`,
    certified: base.certified && { ...base.certified, sender, msgid: `bench.${i}@studio.it` },
  };
  const raw = Buffer.from(`X-Bench: ${i}\r\n`);
  return { input: { raw, analysis: { ok: true, analysis }, bodyText: body, senderNames: name, location: { folderId, uid: i + 1, flags: ['\\Seen'] }, receivedAt: date }, body, original: analysis.original };
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

interface Mailbox {
  inbox: number;
  archive: number;
  /** Bodies of a sample of the messages filed, to take phrases and words from. */
  samples: { i: number; body: string; sender: string; attachment: string | null }[];
}

/** Files MESSAGES synthetic envelopes: 80 % in INBOX, 15 % in Archivio, 5 % in Posta inviata. */
async function fileMailbox(store: Store): Promise<Mailbox> {
  const envelope = await analyzeMessage(fs.readFileSync(ENVELOPE));
  if (!envelope.ok) throw new Error('the bench envelope is not readable');
  const saved = store.saveAccount({ name: 'Studio Bench', address: 'studio@pec.alfa.test', kind: 'pec' });
  if (!saved.ok) throw new Error('cannot create the bench account');
  const inbox = store.upsertFolder(saved.accountId, { path: 'INBOX', role: 'inbox' });
  const archive = store.upsertFolder(saved.accountId, { path: 'Archivio' });
  const sent = store.upsertFolder(saved.accountId, { path: 'Posta inviata', specialUse: '\\Sent' });
  // Filed on a connection of the bench's own (the store hands out none) with a 256 MB page cache: at
  // SQLite's default 2 MB every insert into the FTS5 and index b-trees of a 100k-message database
  // re-reads pages through the OS, and filing takes minutes. The queries are then timed on the
  // store's own connection at its own (default) cache size.
  const db = new Database(path.join(store.dir, 'pecdesk.sqlite'));
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -262144');
  const changes = new ChangeTracker(db);
  const ingester = new Ingester(db, store.dir, changes, new Linker(db, changes), () => null);
  const samples: Mailbox['samples'] = [];
  for (let start = 0; start < MESSAGES; start += BATCH) {
    const batch = Array.from({ length: BATCH }, (_, k) => {
      const i = start + k;
      const share = i % 20;
      return synthetic(i, envelope.analysis, share < 16 ? inbox : share < 19 ? archive : sent);
    });
    // No raw files: the rows name where they would be (see the top of this file).
    const results = ingester.commit(batch.map((s) => s.input), batch.map((s, k) => ({ ok: true as const, sha256: (start + k).toString(16).padStart(64, '0'), relPath: rawRelPath((start + k).toString(16).padStart(64, '0')), offset: null, length: null })));
    if (results.some((res) => !res.ok)) throw new Error('a synthetic message was not filed');
    if ((start + BATCH) % 20_000 === 0) process.stderr.write(`search: ${start + BATCH} messages filed\n`);
    for (let k = 0; k < BATCH; k += 997) {
      const { original } = batch[k];
      samples.push({ i: start + k, body: batch[k].body, sender: original?.from ?? '', attachment: original?.attachments[0]?.filename ?? null });
    }
  }
  db.close();
  return { inbox, archive, samples };
}

/** QUERIES queries of one shape, made from the sample messages. */
function queriesOf(mailbox: Mailbox, shape: (sample: Mailbox['samples'][number], r: () => number) => string): string[] {
  const r = random(42);
  return Array.from({ length: QUERIES }, (_, q) => shape(mailbox.samples[(q * 7) % mailbox.samples.length], r));
}

function wordsOf(body: string, r: () => number, n: number): string[] {
  const words = body.split(' ');
  const at = Math.floor(r() * (words.length - n));
  return words.slice(at, at + n);
}

/** p95 ms of the first result page of each query; fails when one finds nothing (a bench of empty results proves little). */
async function p95Of(store: Store, queries: string[]): Promise<number> {
  const times: number[] = [];
  for (const query of queries) {
    let total = 0;
    times.push(await timeMs(() => {
      const found = searchMessages(store, { query, folderId: null, offset: 0, limit: PAGE, sort: 'date', direction: 'desc' });
      if (!found.ok) throw new Error(`${query}: ${found.error.problem}`);
      total = found.page.total;
    }));
    if (total === 0) throw new Error(`the bench query ${query} found nothing`);
  }
  return p95(times);
}

/** Five lines: search.<shape> 100k p95, each against the first page of the inbox. */
export async function benchSearch(): Promise<BenchLine[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-bench-search-'));
  const store = openStore(path.join(dir, 'store'));
  try {
    let filed: Mailbox | null = null;
    const filing = await timeMs(async () => (filed = await fileMailbox(store)));
    const mb: Mailbox = filed!;
    const shapes: Record<string, string[]> = {
      words: queriesOf(mb, (s, r) => wordsOf(s.body, r, 2).join(' ')),
      phrase: queriesOf(mb, (s, r) => `"${wordsOf(s.body, r, 3).join(' ')}"`),
      'attachment name': queriesOf(mb, (s) => `allegato:${(mb.samples.find((x) => x.attachment && x.i >= s.i) ?? mb.samples.find((x) => x.attachment)!).attachment!.replace('.pdf', '')}`),
      sender: queriesOf(mb, (s) => `da:${/<([^@]+)@/.exec(s.sender)![1]}`),
      // Common enough words that each query finds something in Archivio (15 % of the mailbox).
      'words with a folder filter': queriesOf(mb, (_, r) => `${pickWord(r)} cartella:archivio`),
    };
    const firstPage = () => store.listMessages({ folderId: mb.inbox, offset: 0, limit: PAGE, sort: 'date', direction: 'desc' });
    const baselineTimes: number[] = [];
    for (let q = 0; q < QUERIES; q++) baselineTimes.push(await timeMs(firstPage));
    const baseline = p95(baselineTimes);
    const lines = [benchLine(`search.file ${SIZE} synthetic messages`, filing, 'ms', null, '≤ 60 s to file the bench mailbox (rows, words, attachments; no raw files)')];
    // Filing takes most of a minute: each figure goes to stderr as soon as it is measured.
    process.stderr.write(`search: filed ${MESSAGES} messages in ${Math.round(filing)} ms; inbox first page p95 ${baseline.toFixed(1)} ms\n`);
    for (const [shape, queries] of Object.entries(shapes)) {
      lines.push(benchLine(`search.${shape} ${SIZE} p95`, await p95Of(store, queries), 'ms', baseline, `p95 ≤ 50 ms for the first ${PAGE}-row page with its total; baseline: the first page of the 80k inbox`));
      process.stderr.write(`search: ${JSON.stringify(lines[lines.length - 1])}\n`);
    }
    return lines;
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchSearch().then((lines) => {
    for (const line of lines) process.stdout.write(JSON.stringify(line) + '\n');
  });
}
