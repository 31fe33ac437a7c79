// Importing mail back from an archive (a .zip, or a folder of .eml files, ours or anyone's): every
// message stored byte-exact, classified and judged, its receipts linked, and listed in "Importati".
// With our manifest.json, each file is checked against its SHA-256 first (a changed one is still
// stored, never lost, and named in the report), and the messages the user sent are recorded as sent
// again, so their receipts count for them.
import fs from 'node:fs';
import path from 'node:path';
import { isDiskFull, sha256Hex, type Store } from '../store';
import { MANIFEST_JSON, type ArchiveManifest, type ManifestFile } from './archive-layout';
import { findMessages, zipMessages } from './messages-in';

/** What an import did. */
export interface ArchiveImportReport {
  stored: number;
  alreadyPresent: number;
  /** Messages the user sent, recorded as sent again (from the manifest). */
  sent: number;
  /** Files that differ from the SHA-256 the archive's manifest gives them (stored all the same). */
  changed: string[];
  failed: { name: string; reason: string }[];
  /** The import stopped because the disk is full: what is stored stays, the same import can run again. */
  diskFull?: boolean;
}

export interface ImportArchiveOptions {
  /** The account whose mailbox the messages came from (receipts link to its sent messages); null: none. */
  accountId: number | null;
  signal?: AbortSignal;
  onProgress?(done: number): void;
}

/** Imports every message under `source` (a .zip or a folder). */
export async function importMailArchive(store: Store, source: string, options: ImportArchiveOptions): Promise<ArchiveImportReport> {
  const report: ArchiveImportReport = { stored: 0, alreadyPresent: 0, sent: 0, changed: [], failed: [] };
  const manifest = await manifestOf(source);
  const listed = new Map((manifest?.files ?? []).map((f): [string, ManifestFile] => [f.path, f]));
  let done = 0;
  for await (const found of findMessages(source)) {
    if (options.signal?.aborted) break;
    const name = relativeName(source, found.name);
    if ('error' in found) {
      report.failed.push({ name, reason: found.error });
      continue;
    }
    const entry = listed.get(name);
    if (entry && entry.sha256 !== sha256Hex(found.raw)) report.changed.push(name);
    if (entry?.sent) {
      const sent = await store.importSentMessage(found.raw, options.accountId ?? undefined);
      if (sent.ok && sent.created) report.sent++;
    }
    const result = await store.importMessage(found.raw, { accountId: options.accountId, importedFrom: 'archive' });
    if (!result.ok && isDiskFull(result.detail)) return { ...report, diskFull: true };
    if (!result.ok) report.failed.push({ name, reason: result.detail });
    else if (result.status === 'stored') report.stored++;
    else report.alreadyPresent++;
    options.onProgress?.(++done);
  }
  return report;
}

/** The archive's manifest.json when it is one of ours; null for any other archive or folder. */
async function manifestOf(source: string): Promise<ArchiveManifest | null> {
  let bytes: Buffer | null = null;
  if (fs.statSync(source).isDirectory()) {
    const file = path.join(source, MANIFEST_JSON);
    bytes = fs.existsSync(file) ? fs.readFileSync(file) : null;
  } else {
    for await (const found of zipMessages(source, /^manifest\.json$/)) if ('raw' in found) bytes = found.raw;
  }
  if (!bytes) return null;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as ArchiveManifest;
    return parsed.format === 'pecdesk-archive' && Array.isArray(parsed.files) ? parsed : null;
  } catch {
    return null;
  }
}

/** A found file's path inside the archive or folder, as the manifest names it. */
function relativeName(source: string, name: string): string {
  if (name.startsWith(`${source}:`)) return name.slice(source.length + 1);
  return path.relative(source, name).split(path.sep).join('/') || path.basename(name);
}
