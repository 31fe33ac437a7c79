// A full disk, recognised wherever it shows: Node's ENOSPC for the raw files, SQLite's SQLITE_FULL
// ("database or disk is full") for the database, and free space read with statfs.
import fs from 'node:fs';

/** Below this much free space the store does no optional writing (PRAGMA optimize at close). */
export const LOW_SPACE_BYTES = 1024 * 1024;

/** Whether an error (or an error's detail text) says the disk is full. */
export function isDiskFull(err: unknown): boolean {
  if (typeof err === 'string') return /ENOSPC|no space left on device|database or disk is full|SQLITE_FULL/i.test(err);
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOSPC' || code === 'SQLITE_FULL' || isDiskFull(err.message);
}

/**
 * isDiskFull, or an I/O error where the disk has no room left: SQLite reports the shared-memory
 * file it cannot grow on a full disk as "disk I/O error" (SQLITE_IOERR_SHMSIZE and the like).
 */
export function isDiskFullAt(err: unknown, dir: string): boolean {
  if (isDiskFull(err)) return true;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_IOERR')) return false;
  const free = freeBytes(dir);
  return free !== null && free < LOW_SPACE_BYTES;
}

/** Bytes an unprivileged process may still write in the filesystem holding dir; null if unknown. */
export function freeBytes(dir: string): number | null {
  try {
    const stats = fs.statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/** freeBytes without blocking the thread, for the sync's wait for space. */
export async function freeBytesAsync(dir: string): Promise<number | null> {
  try {
    const stats = await fs.promises.statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}
