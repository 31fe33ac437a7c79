// Automatic copies of the database in <store>/backups/: one before every schema migration and one
// a day, the last few kept. A copy is written under a temporary name, fsynced and renamed, so a
// backup file is always whole. Only the database is copied: the raw messages are content-addressed
// files that never change, and `pecdesk db reindex` brings back rows newer than the backup.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkDatabase, type IntegrityProblem } from './integrity';
import { fsyncFolder } from './rawStore';

/** Backups kept; older ones are removed after each new one. */
export const BACKUPS_KEPT = 5;
/** A daily backup is due when the newest one is older than this. */
export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;

const NAME = /^pecdesk-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-v(\d+)\.sqlite$/;

/** A backup file, newest first in listBackups. */
export interface BackupFile {
  file: string;
  /** When it was taken (from its name). */
  takenAt: Date;
  /** The schema version of the copy. */
  schemaVersion: number;
}

export function backupsDir(storeDir: string): string {
  return path.join(storeDir, 'backups');
}

/** The backups in the store folder, newest first. */
export function listBackups(storeDir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupsDir(storeDir));
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const m = NAME.exec(name);
      if (!m) return [];
      const iso = m[1].replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
      return [{ file: path.join(backupsDir(storeDir), name), takenAt: new Date(iso), schemaVersion: Number(m[2]) }];
    })
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.file.localeCompare(a.file));
}

/** Whether the newest backup is older than a day (or there is none). */
export function backupDue(storeDir: string, now = Date.now()): boolean {
  const newest = listBackups(storeDir)[0];
  return !newest || now - newest.takenAt.getTime() >= BACKUP_EVERY_MS;
}

/**
 * A copy taken now, synchronously, before a migration changes the schema: VACUUM INTO is SQLite's
 * own consistent copy of a live database, and openStore must not go on until it is on disk.
 */
export function backupNow(db: Database.Database, storeDir: string, schemaVersion: number, now = new Date()): BackupFile {
  const { temp, file } = backupPaths(storeDir, schemaVersion, now);
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    return place(temp, file, storeDir, schemaVersion, now);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * The daily copy, with SQLite's online backup (better-sqlite3's db.backup): it copies a few
 * pages at a time between the other work of this thread, so opening the store does not wait for
 * it. A connection closed meanwhile ends it, leaving only the temporary file, which is removed.
 */
export async function backupOnline(db: Database.Database, storeDir: string, schemaVersion: number, now = new Date()): Promise<BackupFile> {
  const { temp, file } = backupPaths(storeDir, schemaVersion, now);
  try {
    await db.backup(temp);
    return place(temp, file, storeDir, schemaVersion, now);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** integrity_check of a backup file, opened read-only. */
export function verifyBackup(file: string): IntegrityProblem | null {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return { code: 'db-damaged', detail: `${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    return checkDatabase(db, true);
  } finally {
    db.close();
  }
}

function backupPaths(storeDir: string, schemaVersion: number, now: Date): { temp: string; file: string } {
  const folder = backupsDir(storeDir);
  fs.mkdirSync(folder, { recursive: true });
  const stamp = now.toISOString().replace(/:/g, '-').replace('.', '-');
  const file = path.join(folder, `pecdesk-${stamp}-v${schemaVersion}.sqlite`);
  return { temp: `${file}.${process.pid}.tmp`, file };
}

function place(temp: string, file: string, storeDir: string, schemaVersion: number, now: Date): BackupFile {
  fsyncFile(temp);
  fs.renameSync(temp, file);
  fsyncFolder(backupsDir(storeDir));
  for (const old of listBackups(storeDir).slice(BACKUPS_KEPT)) fs.rmSync(old.file, { force: true });
  return { file, takenAt: now, schemaVersion };
}

/** fsync of a file's bytes, so a copy that reached its final name survives a power cut. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

