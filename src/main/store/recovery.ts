// Getting back to a database that can be trusted: check it, put the latest good backup in its
// place (the damaged file is moved aside, never deleted), and file again the raw messages the
// restored database does not know (the ones newer than the backup). The raw files and packs are
// content-addressed and written before their rows, so they hold everything the rows were made of.
import fs from 'node:fs';
import path from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';
import Database from 'better-sqlite3';
import { parseHeaderBlock } from '../pec';
import { fsyncFile, listBackups, verifyBackup } from './backup';
import { checkBeforeOpen, checkDatabase, DATABASE_NAME, type IntegrityProblem } from './integrity';
import { listPacks, packEntries, readPacked } from './packStore';
import { fsyncFolder, rawRelPath, readRaw, type RawReadResult } from './rawStore';
import type { Store } from './store';

/** Checks the database of the store in dir without changing it (quick_check, or integrity_check when full). */
export function checkStoreFile(dir: string, full = false): IntegrityProblem | null {
  const file = path.join(dir, DATABASE_NAME);
  const lost = checkBeforeOpen(dir, file);
  if (lost) return lost;
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (err) {
    return { code: 'db-damaged', detail: `${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    return checkDatabase(db, full);
  } finally {
    db.close();
  }
}

/** Outcome of restoreStore. */
export type RestoreResult =
  | { ok: true; from: string; damagedKeptAs: string | null; skipped: { file: string; detail: string }[] }
  | { ok: false; code: 'no-backup' | 'no-good-backup'; detail: string; skipped: { file: string; detail: string }[] };

/**
 * Puts a backup in place of the database: `from`, or the newest backup that passes
 * integrity_check. The current database (with its -wal and -shm) is renamed
 * pecdesk.sqlite.damaged-<date>; nothing is deleted. The store must not be open meanwhile.
 */
export function restoreStore(dir: string, from?: string, now = new Date()): RestoreResult {
  const candidates = from ? [path.resolve(from)] : listBackups(dir).map((b) => b.file);
  const skipped: { file: string; detail: string }[] = [];
  if (candidates.length === 0) return { ok: false, code: 'no-backup', detail: `there is no backup in ${path.join(dir, 'backups')}`, skipped };
  const chosen = candidates.find((file) => {
    const problem = fs.existsSync(file) ? verifyBackup(file) : { detail: `${file}: no such file` };
    if (problem) skipped.push({ file, detail: problem.detail });
    return !problem;
  });
  if (!chosen) return { ok: false, code: 'no-good-backup', detail: 'no backup passed integrity_check', skipped };
  const damagedKeptAs = setAside(dir, now);
  const database = path.join(dir, DATABASE_NAME);
  const temp = `${database}.restoring-${process.pid}`;
  fs.copyFileSync(chosen, temp);
  fsyncFile(temp);
  fs.renameSync(temp, database);
  fsyncFolder(dir);
  return { ok: true, from: chosen, damagedKeptAs, skipped };
}

/** Renames the database (with its -wal and -shm) to pecdesk.sqlite.damaged-<date>; returns the new name, or null when there was none. */
export function setAside(dir: string, now = new Date()): string | null {
  const database = path.join(dir, DATABASE_NAME);
  const aside = `${database}.damaged-${now.toISOString().replace(/:/g, '-')}`;
  let kept: string | null = null;
  for (const suffix of ['', '-wal', '-shm']) {
    if (!fs.existsSync(database + suffix)) continue;
    fs.renameSync(database + suffix, aside + suffix);
    if (suffix === '') kept = aside;
  }
  return kept;
}

/** The SHA-256 of every raw file or pack entry no row refers to: messages newer than a restored backup. */
export function unindexedRawFiles(store: Store): string[] {
  return [...unindexedRaw(store).keys()];
}

function unindexedRaw(store: Store): Map<string, RawSource> {
  const known = store.rawHashesNamed();
  return new Map([...rawSources(store.dir)].filter(([sha]) => !known.has(sha)).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Where a stored message's bytes are, and how to read them. */
interface RawSource {
  relPath: string;
  read(): RawReadResult;
}

/** Every stored message's SHA-256 and how to read its bytes: loose files first, then pack entries. */
function rawSources(dir: string): Map<string, RawSource> {
  const sources = new Map<string, RawSource>(rawFileHashes(dir).map((sha) => [sha, { relPath: rawRelPath(sha), read: () => readRaw(dir, sha) }]));
  for (const pack of listPacks(dir)) {
    let entries: ReturnType<typeof packEntries>;
    try {
      entries = packEntries(dir, pack);
    } catch {
      // A pack that cannot be opened names no message this function can offer; the others still count.
      continue;
    }
    for (const entry of entries) if (!sources.has(entry.sha256)) sources.set(entry.sha256, { relPath: entry.relPath, read: () => readPacked(dir, entry) });
  }
  return sources;
}

/** What reindexRawFiles did. */
export interface ReindexReport {
  messages: number;
  sent: number;
  /** relPath: the raw file, or the pack holding the message, relative to the store folder. */
  failed: { sha256: string; relPath: string; reason: string }[];
}

/**
 * Files again every raw file the database does not know. A message whose From is one of the
 * accounts' addresses is a message the user sent (a PEC's provider envelope and receipts come
 * from the provider's own address), recorded as sent so its receipts link to it; the rest are
 * analysed and filed as received, without a folder until the next sync finds them on the server.
 */
export async function reindexRawFiles(store: Store): Promise<ReindexReport> {
  const report: ReindexReport = { messages: 0, sent: 0, failed: [] };
  const accounts = new Map(store.listAccounts().map((a) => [a.address.toLowerCase(), a.id]));
  for (const [sha256, { relPath, read: readBytes }] of unindexedRaw(store)) {
    const read = readBytes();
    if (!read.ok) {
      report.failed.push({ sha256, relPath, reason: read.detail });
      continue;
    }
    const accountId = accounts.get(senderOf(read.raw) ?? '');
    if (accountId !== undefined) {
      const sent = await store.importSentMessage(read.raw, accountId);
      if (sent.ok) {
        report.sent++;
        continue;
      }
    }
    const filed = await store.importMessage(read.raw);
    if (filed.ok) report.messages++;
    else report.failed.push({ sha256, relPath, reason: `${filed.code}: ${filed.detail}` });
  }
  return report;
}

function senderOf(raw: Buffer): string | null {
  const { headers } = parseHeaderBlock(raw, 0, raw.length);
  const from = headers.get('from')?.[0];
  if (!from) return null;
  return addressparser(from, { flatten: true })[0]?.address?.toLowerCase() ?? null;
}

function rawFileHashes(dir: string): string[] {
  const root = path.join(dir, 'raw');
  const hashes: string[] = [];
  let folders: string[];
  try {
    folders = fs.readdirSync(root).filter((f) => /^[0-9a-f]{2}$/.test(f));
  } catch {
    return hashes;
  }
  for (const folder of folders) {
    for (const name of fs.readdirSync(path.join(root, folder))) {
      const m = /^([0-9a-f]{64})\.eml$/.exec(name);
      if (m && m[1].startsWith(folder)) hashes.push(m[1]);
    }
  }
  return hashes.sort();
}
