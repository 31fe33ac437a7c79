// Is the database file one SQLite can trust? Checked when a store opens, before anything writes
// to it: a file truncated to 0 bytes by a crash, overwritten by another program or with damaged
// pages must never be taken for a new empty store or written into (a write can spread the damage
// and make a restore lose more). The raw/ folder and the backups are never touched here.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { listPacks } from './packStore';

/** The database file in a store folder. */
export const DATABASE_NAME = 'pecdesk.sqlite';

/** Why a database cannot be trusted, with the words a person acts on (English; the UI translates by code). */
export type IntegrityProblem =
  | { code: 'db-empty-file'; detail: string }
  | { code: 'db-missing'; detail: string }
  | { code: 'db-damaged'; detail: string };

/** Thrown by openStore when the database fails its check; nothing was written into it. */
export class StoreDamagedError extends Error {
  constructor(readonly problem: IntegrityProblem) {
    super(problem.detail);
    this.name = 'StoreDamagedError';
  }
}

const HOW_TO_RECOVER = 'run `pecdesk db restore` to go back to the latest good backup (the damaged file is kept aside)';

/**
 * Before opening: a 0-byte database file, or no database file in a folder that already holds
 * messages, is a lost database, not a new one.
 */
export function checkBeforeOpen(dir: string, file: string): IntegrityProblem | null {
  const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? null;
  if (size === 0) return { code: 'db-empty-file', detail: `the database ${file} is empty (0 bytes): it was damaged, ${HOW_TO_RECOVER}` };
  if (size === null && holdsMessages(dir)) {
    return { code: 'db-missing', detail: `the database ${file} is missing but ${path.join(dir, 'raw')} holds messages: ${HOW_TO_RECOVER}, or \`pecdesk db reindex\` to rebuild it from the stored messages` };
  }
  return null;
}

/** PRAGMA quick_check (or the slower integrity_check, which also compares every index with its table). */
export function checkDatabase(db: Database.Database, full = false): IntegrityProblem | null {
  let lines: string[];
  try {
    const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Record<string, string>[];
    lines = rows.map((row) => Object.values(row)[0]);
  } catch (err) {
    // A file that is not SQLite at all ("file is not a database") fails the check itself; any
    // other failure (a full disk, an unreadable folder) says nothing about the file's state.
    if (!isCorruption(err)) throw err;
    lines = [err instanceof Error ? err.message : String(err)];
  }
  if (lines.length === 1 && lines[0] === 'ok') return null;
  const shown = lines.slice(0, 3).join('; ').replace(/\s+/g, ' ');
  return { code: 'db-damaged', detail: `the database ${db.name} is damaged (${shown}): ${HOW_TO_RECOVER}` };
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

function holdsMessages(dir: string): boolean {
  try {
    return fs.readdirSync(path.join(dir, 'raw')).some((entry) => /^[0-9a-f]{2}$/.test(entry)) || listPacks(dir).length > 0;
  } catch {
    return false;
  }
}
