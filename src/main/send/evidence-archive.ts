// The evidence of a send as one .zip a lawyer can hand over (a PEC receipt is opposable to third
// parties, DM 2/11/2005 art. 9), the same for a campaign (evidence-export.ts) and for one message
// sent to several recipients (sent-evidence.ts):
//   NNN_<address>/messaggio-inviato.eml    the exact bytes submitted to the provider
//   NNN_<address>/NN-<tipo>.eml            accettazione, consegna / errore… as received, byte-exact
//   report.csv, report.xlsx                one line per recipient: status, times, identificativo, error
//   manifest.json                          what was sent, the counters and every file with its SHA-256
//   SHA256SUMS                             `sha256sum -c SHA256SUMS` checks every file, manifest included
// Every byte read back is checked against the hash recorded when it was stored; a mismatch stops
// the export rather than hand over evidence that changed. The archive is written next to its
// destination and renamed at the end, so an interrupted export never leaves half a file.
import fs from 'node:fs';
import path from 'node:path';
import { sha256Hex, type RawReadResult, type Store } from '../store';
import { reportCsv, reportRows, reportXlsx, type ReportLine } from './report';
import type { ExportSummary, RecipientReceipt } from './types';
import { sanitizeFileName } from '../attachments';
import { ZipFileWriter } from './zip';

/**
 * The bytes submitted to a recipient with the SHA-256 recorded when they were stored; or why there
 * are none: never sent (nothing to prove), sent but recorded without them (the receipts still
 * prove it), or the store's copy is gone or changed (the export stops).
 */
export type SentBytes =
  | { ok: true; raw: Buffer; sha256: string }
  | { ok: false; code: 'never-sent' | 'not-stored' }
  | Extract<RawReadResult, { ok: false }>;

/** One recipient's evidence: its report line, the bytes sent to it, the receipts that speak of it in PEC order. */
export interface RecipientEvidence {
  line: ReportLine;
  /** Read when its folder is written, so a campaign of thousands never holds every message at once. */
  sent(): SentBytes;
  receipts: Pick<RecipientReceipt, 'receiptId' | 'messageRowId' | 'type'>[];
}

/** What one archive holds. */
export interface EvidenceArchive {
  store: Store;
  /** What the evidence is of (the campaign or the message, and its D/A/C/E): the head of manifest.json. */
  about: Record<string, unknown>;
  recipients: RecipientEvidence[];
  now: number;
}

/** An export's outcome; failures say in Italian what went wrong. */
export type EvidenceResult = { ok: true; value: ExportSummary } | { ok: false; code: 'not-found' | 'export-failed'; detail: string };

/** The report's note for a recipient whose sent message PecDesk does not hold. */
export const SENT_NOT_STORED_NOTE = 'messaggio inviato non conservato in PecDesk: la cartella contiene solo le ricevute';

class EvidenceError extends Error {}

/** Writes the evidence archive to `file`. */
export async function writeEvidenceArchive(archive: EvidenceArchive, file: string): Promise<EvidenceResult> {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.part`);
  let writer: ZipFileWriter;
  try {
    writer = new ZipFileWriter(tmp);
  } catch (err) {
    return { ok: false, code: 'export-failed', detail: `impossibile scrivere ${file}: ${(err as Error).message}` };
  }
  try {
    const files = await writeEntries(archive, writer);
    const bytes = await writer.finish();
    fs.renameSync(tmp, file);
    return { ok: true, value: { file, recipients: archive.recipients.length, files, bytes } };
  } catch (err) {
    writer.abort();
    fs.rmSync(tmp, { force: true });
    const detail = err instanceof EvidenceError ? err.message : `impossibile scrivere ${file}: ${(err as Error).message}`;
    return { ok: false, code: 'export-failed', detail };
  }
}

interface FileEntry {
  path: string;
  sha256: string;
  size: number;
}

async function writeEntries(archive: EvidenceArchive, writer: ZipFileWriter): Promise<number> {
  const { store } = archive;
  const date = new Date(archive.now);
  const files: FileEntry[] = [];
  const add = async (name: string, content: Buffer) => {
    await writer.append(name, content, date);
    files.push({ path: name, sha256: sha256Hex(content), size: content.length });
  };

  const width = Math.max(3, String(archive.recipients.length).length);
  const reported: { line: ReportLine; folder: string; note: string }[] = [];
  for (const [i, recipient] of archive.recipients.entries()) {
    const { address } = recipient.line;
    const sent = recipient.sent();
    // Never built, so never sent: the report says so, there is nothing to prove.
    if (!sent.ok && sent.code === 'never-sent') {
      reported.push({ line: recipient.line, folder: '', note: '' });
      continue;
    }
    if (!sent.ok && 'detail' in sent) throw new EvidenceError(`il messaggio inviato a ${address}: ${sent.detail}`);
    const folder = `${String(i + 1).padStart(width, '0')}_${sanitizeFileName(address, 'destinatario')}`;
    if (sent.ok) {
      if (sha256Hex(sent.raw) !== sent.sha256) throw new EvidenceError(`il messaggio inviato a ${address} non corrisponde più all'impronta registrata`);
      await add(`${folder}/messaggio-inviato.eml`, sent.raw);
    }
    for (const [n, receipt] of recipient.receipts.entries()) {
      const raw = store.readMessageRaw(receipt.messageRowId);
      if (!raw) throw new EvidenceError(`la ricevuta ${receipt.receiptId} di ${address} non è nell'archivio`);
      if (!raw.ok) throw new EvidenceError(`la ricevuta ${receipt.receiptId} di ${address}: ${raw.detail}`);
      await add(`${folder}/${String(n + 1).padStart(2, '0')}-${receipt.type}.eml`, raw.raw);
    }
    const written = sent.ok || recipient.receipts.length > 0;
    reported.push({ line: recipient.line, folder: written ? folder : '', note: sent.ok ? '' : SENT_NOT_STORED_NOTE });
  }

  const rows = reportRows(reported);
  await add('report.csv', reportCsv(rows));
  await add('report.xlsx', await reportXlsx(rows));
  const manifest = { ...archive.about, generatedAt: date.toISOString(), algorithm: 'SHA-256', files: [...files] };
  await add('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
  // sha256sum's own format: hash, two spaces, path (text mode marker ' ').
  await add('SHA256SUMS', Buffer.from(files.map((f) => `${f.sha256}  ${f.path}\n`).join(''), 'utf8'));
  return files.length;
}
