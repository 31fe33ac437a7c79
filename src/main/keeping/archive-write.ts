// Writing a mailbox archive (layout in archive-layout.ts): every message of the selection as its
// stored bytes, each checked against the SHA-256 recorded when it was stored, the receipts of the
// messages the user sent beside them, and a manifest of every file with its SHA-256.
// The archive is written to a hidden temporary file beside its destination, fsynced and renamed at
// the end: a crash or a Cancel never leaves a half archive under the final name.
import fs from 'node:fs';
import path from 'node:path';
import { sha256Hex, type ArchiveCandidate, type ArchiveScope, type Store } from '../store';
import { partFileFor, publishPart, removeAbandonedParts, ZipFileWriter } from '../send';
import { folderOf, MANIFEST_JSON, MANIFEST_SHA256, messageFileName, receiptsFolderOf, sha256Sums, type ArchiveManifest, type ManifestFile } from './archive-layout';

/** Where an archive run stands, for a progress bar. */
export interface ArchiveProgress {
  phase: 'writing' | 'verifying' | 'removing';
  done: number;
  total: number;
}

export interface WriteArchiveOptions {
  scope: ArchiveScope;
  /** The selection in words, for the manifest. */
  selection: string;
  now?: Date;
  signal?: AbortSignal;
  onProgress?(progress: ArchiveProgress): void;
}

/** A written archive: its files as the manifest lists them and the places its messages were taken from. */
export interface WrittenArchive {
  file: string;
  bytes: number;
  files: ManifestFile[];
  /** The selection's messages at each place they sit in (what a removal from the server may act on). */
  candidates: ArchiveCandidate[];
}

export type WriteArchiveResult =
  | { ok: true; value: WrittenArchive }
  | { ok: false; code: 'empty' | 'cancelled' | 'changed' | 'io'; detail: string };

class ArchiveError extends Error {
  constructor(
    readonly code: 'cancelled' | 'changed' | 'io',
    message: string,
  ) {
    super(message);
  }
}

/** A name in `dir` like `PecDesk-archivio-2026-12-06.zip` that no file has yet. */
export function freeArchiveName(dir: string, now: Date): string {
  const stem = `PecDesk-archivio-${now.toISOString().slice(0, 10)}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${stem}.zip` : `${stem}-${n}.zip`;
    if (!fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
}

/** Writes the archive of `options.scope` to `file` (which must not exist). */
export async function writeMailArchive(store: Store, file: string, options: WriteArchiveOptions): Promise<WriteArchiveResult> {
  const candidates = store.archiveCandidates(options.scope);
  if (candidates.length === 0) return { ok: false, code: 'empty', detail: 'Nessun messaggio da archiviare in questa scelta.' };
  removeAbandonedParts(path.dirname(path.resolve(file)));
  const tmp = partFileFor(file);
  let writer: ZipFileWriter;
  try {
    writer = new ZipFileWriter(tmp);
  } catch (err) {
    return { ok: false, code: 'io', detail: `Impossibile scrivere ${file}: ${(err as Error).message}` };
  }
  try {
    const files = await writeEntries(store, writer, candidates, options);
    const bytes = await writer.finish();
    if (fs.existsSync(file)) throw new ArchiveError('io', `${path.basename(file)} esiste già: nulla è stato sovrascritto.`);
    publishPart(tmp, file);
    return { ok: true, value: { file, bytes, files, candidates } };
  } catch (err) {
    writer.abort();
    fs.rmSync(tmp, { force: true });
    if (err instanceof ArchiveError) return { ok: false, code: err.code, detail: err.message };
    return { ok: false, code: 'io', detail: `Impossibile scrivere ${file}: ${(err as Error).message}` };
  }
}

async function writeEntries(store: Store, writer: ZipFileWriter, candidates: ArchiveCandidate[], options: WriteArchiveOptions): Promise<ManifestFile[]> {
  const date = options.now ?? new Date();
  const files: ManifestFile[] = [];
  const add = async (name: string, raw: Buffer, entry: Omit<ManifestFile, 'path' | 'sha256' | 'size'>) => {
    await writer.append(name, raw, date);
    files.push({ path: name, sha256: sha256Hex(raw), size: raw.length, ...entry });
  };
  // Each message once, at its first place in the selection.
  const messages = [...new Map(candidates.map((c) => [c.messageRowId, c])).values()];
  const besideSent = new Set(messages.flatMap((m) => (m.sentMessageId === null ? [] : store.receiptsOf(m.sentMessageId).map((r) => r.messageRowId))));
  const written = new Set<number>();
  for (const [i, message] of messages.entries()) {
    if (options.signal?.aborted) throw new ArchiveError('cancelled', 'Archiviazione annullata: nessun file è stato lasciato a metà.');
    options.onProgress?.({ phase: 'writing', done: i, total: messages.length });
    // A receipt of a selected sent message goes beside that message, not at its own place.
    if (besideSent.has(message.messageRowId)) continue;
    const name = `${folderOf(message)}/${messageFileName(i + 1, message.subject)}`;
    await add(name, readChecked(store, message.messageRowId, message.sha256), {
      role: 'message', kind: message.kind, sent: message.sentMessageId !== null, account: message.accountAddress, folder: message.folderPath,
    });
    written.add(message.messageRowId);
    if (message.sentMessageId === null) continue;
    for (const [n, receipt] of store.receiptsOf(message.sentMessageId).entries()) {
      if (written.has(receipt.messageRowId)) continue;
      const stored = store.getMessage(receipt.messageRowId);
      if (!stored) continue;
      await add(`${receiptsFolderOf(name)}/${String(n + 1).padStart(2, '0')}-${receipt.type}.eml`, readChecked(store, receipt.messageRowId, stored.sha256), {
        role: 'receipt', kind: 'receipt', sent: false, account: message.accountAddress, folder: null, beside: name,
      });
      written.add(receipt.messageRowId);
    }
  }
  options.onProgress?.({ phase: 'writing', done: messages.length, total: messages.length });
  const manifest: ArchiveManifest = { format: 'pecdesk-archive', version: 1, generatedAt: date.toISOString(), algorithm: 'SHA-256', selection: options.selection, files };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  await writer.append(MANIFEST_JSON, manifestBytes, date);
  const listed = [...files, { path: MANIFEST_JSON, sha256: sha256Hex(manifestBytes) }];
  await writer.append(MANIFEST_SHA256, Buffer.from(sha256Sums(listed), 'utf8'), date);
  return files;
}

/** The stored bytes, refused when they no longer match the SHA-256 recorded when they were stored. */
function readChecked(store: Store, messageRowId: number, sha256: string): Buffer {
  const read = store.readMessageRaw(messageRowId);
  if (!read) throw new ArchiveError('changed', `Il messaggio ${messageRowId} non è più nell'archivio di PecDesk.`);
  if (!read.ok) throw new ArchiveError('changed', `Il messaggio ${messageRowId}: ${read.detail}`);
  if (sha256Hex(read.raw) !== sha256) throw new ArchiveError('changed', `Il messaggio ${messageRowId} non corrisponde più all'impronta registrata: archiviazione fermata.`);
  return read.raw;
}
