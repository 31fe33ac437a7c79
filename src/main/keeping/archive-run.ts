// "Archivia…": write the archive, read it back, and only then, when asked, remove from the server
// the messages the verified archive holds. A message whose bytes the read-back did not vouch for,
// or one the server cannot remove (PecDesk's local receipts folder), stays where it is.
import type { ArchiveCandidate, Store } from '../store';
import { verifyMailArchive } from './archive-verify';
import { writeMailArchive, type ArchiveProgress, type WriteArchiveOptions } from './archive-write';

/** Removes messages of one folder from the server for good (the mail domain's deleteMessages). */
export type RemoveFromServer = (folderId: number, messageRowIds: number[]) => Promise<{ ok: true; count: number } | { ok: false; message: string }>;

export interface ArchiveRunOptions extends WriteArchiveOptions {
  /** Given: remove the archived messages from the server once the archive is verified. */
  removeFromServer?: RemoveFromServer;
}

/** What an archive run did. */
export interface ArchiveRunReport {
  file: string;
  bytes: number;
  messages: number;
  receipts: number;
  /** Every file was read back from disk and matched its SHA-256. */
  verified: true;
  /** Messages removed from the server (0 unless asked). */
  removed: number;
  /** Folders whose removal the server refused, with its words; their messages stay there. */
  notRemoved: { folder: string; reason: string }[];
}

export type ArchiveRunResult = { ok: true; value: ArchiveRunReport } | { ok: false; code: 'empty' | 'cancelled' | 'changed' | 'io' | 'verify-failed'; detail: string };

/** Archives the selection into `file`, verifies it, and removes it from the server when asked. */
export async function runMailArchive(store: Store, file: string, options: ArchiveRunOptions): Promise<ArchiveRunResult> {
  const written = await writeMailArchive(store, file, options);
  if (!written.ok) return written;
  const { files, candidates } = written.value;
  const progress = (p: ArchiveProgress) => options.onProgress?.(p);
  const verified = await verifyMailArchive(file, files, options.signal, (done) => progress({ phase: 'verifying', done, total: files.length + 2 }));
  if (!verified.ok) return { ok: false, code: 'verify-failed', detail: `${verified.detail} Nulla è stato tolto dal server.` };
  const report: ArchiveRunReport = {
    file,
    bytes: written.value.bytes,
    messages: files.filter((f) => f.role === 'message').length,
    receipts: files.filter((f) => f.role === 'receipt').length,
    verified: true,
    removed: 0,
    notRemoved: [],
  };
  // After a Cancel during the read-back the archive stays (it is whole), but nothing is removed.
  if (!options.removeFromServer || options.signal?.aborted) return { ok: true, value: report };
  const held = new Set(verified.verified.map((f) => f.sha256));
  const byFolder = new Map<number, ArchiveCandidate[]>();
  for (const c of candidates) {
    // A pending sent copy (negative UID) is not on the server under that UID yet.
    if (c.folderId === null || c.uid === null || c.uid <= 0 || !held.has(c.sha256)) continue;
    byFolder.set(c.folderId, [...(byFolder.get(c.folderId) ?? []), c]);
  }
  let done = 0;
  for (const [folderId, inFolder] of byFolder) {
    // Cancel between folders: what was removed stays removed (the archive holds it), the rest stays.
    if (options.signal?.aborted) break;
    progress({ phase: 'removing', done, total: candidates.length });
    const removed = await options.removeFromServer(folderId, [...new Set(inFolder.map((c) => c.messageRowId))]);
    if (removed.ok) report.removed += removed.count;
    else report.notRemoved.push({ folder: `${inFolder[0].accountAddress} ${inFolder[0].folderPath}`, reason: removed.message });
    done += inFolder.length;
  }
  return { ok: true, value: report };
}
