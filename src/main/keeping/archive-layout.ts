// Where each message goes inside a mailbox archive, and the manifest that lists them:
//   <account>/<folder>/<NNNNN>-<subject>.eml                 a message, byte-exact as stored
//   <account>/<folder>/<NNNNN>-<subject>.ricevute/NN-<tipo>.eml
//                                                            the receipts of a message the user sent, beside it
//   importati/<NNNNN>-<subject>.eml                          a message in no server folder ("Importati")
//   manifest.json                                            every file: SHA-256, size, what it is and where it was
//   manifest.sha256                                          `sha256sum -c manifest.sha256` checks every file
import { sanitizeFileName } from '../attachments';
import type { ArchiveCandidate } from '../store';

/** The archive's own files, never messages. */
export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_SHA256 = 'manifest.sha256';

/** One file of the archive as manifest.json lists it. */
export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
  /** A message of the selection, or a receipt put beside the sent message it speaks of. */
  role: 'message' | 'receipt';
  kind: string | null;
  /** true for a message the user sent (imported back as sent, so its receipts link to it). */
  sent: boolean;
  account: string | null;
  folder: string | null;
  /** For a receipt: the path of the sent message it belongs to. */
  beside?: string;
}

/** manifest.json. */
export interface ArchiveManifest {
  format: 'pecdesk-archive';
  version: 1;
  generatedAt: string;
  algorithm: 'SHA-256';
  /** What was asked for, in words ("cartella INBOX di mario@…, prima del 2024-01-01"). */
  selection: string;
  files: ManifestFile[];
}

/** The folder of a message inside the archive: its account and folder path, each part safe as a file name. */
export function folderOf(candidate: Pick<ArchiveCandidate, 'accountAddress' | 'folderPath'>): string {
  if (candidate.accountAddress === null || candidate.folderPath === null) return 'importati';
  const parts = candidate.folderPath.split('/').map((part) => sanitizeFileName(part, 'cartella'));
  return [sanitizeFileName(candidate.accountAddress, 'account'), ...parts].join('/');
}

/** A message's file name: its number in the archive (so names never clash) and its subject. */
export function messageFileName(n: number, subject: string): string {
  const stem = sanitizeFileName(subject.slice(0, 80), 'messaggio').replace(/\.eml$/i, '');
  return `${String(n).padStart(5, '0')}-${stem}.eml`;
}

/** The folder of the receipts beside a sent message's file. */
export function receiptsFolderOf(messagePath: string): string {
  return messagePath.replace(/\.eml$/, '.ricevute');
}

/** manifest.sha256 in sha256sum's own format: hash, two spaces, path. */
export function sha256Sums(files: { path: string; sha256: string }[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}
