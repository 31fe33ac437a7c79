// The evidence of a send as one .zip a lawyer can hand over (a PEC receipt is opposable to third
// parties, DM 2/11/2005 art. 9), the same for a campaign (evidence-export.ts) and for one message
// sent to several recipients (sent-evidence.ts):
//   NNN_<address>/messaggio-inviato.eml    the exact bytes submitted to the provider
//   NNN_<address>/NN-<tipo>.eml            accettazione, consegna / errore… as received, byte-exact
//   NNN_<address>/non-valide-come-prova/NN-<tipo>.eml
//                                          receipts that are NOT proof (alterata, non firmata,
//                                          contradicted, headers disagreeing, integra once an index
//                                          is imported): kept byte-exact, apart, never presented as proof
//   report.csv, report.xlsx                one line per recipient: status, times, identificativo, error,
//                                          and the verdict of each of its receipts
//   manifest.json                          what was sent, the counters, the providers' index version
//                                          the verdicts were judged against, and every file with its
//                                          SHA-256 (receipts with their verdict)
// When any receipt in the archive is not attendibile (or not proof), the first line of the report
// and the first field of the manifest say so: a reader must not take an "integra" or worse receipt for proof.
//   SHA256SUMS                             `sha256sum -c SHA256SUMS` checks every file, manifest included
// Every byte read back is checked against the hash recorded when it was stored; a mismatch stops
// the export rather than hand over evidence that changed. The archive is written next to its
// destination, fsynced and renamed at the end, so an interrupted export or a power cut never
// leaves half a file.
import fs from 'node:fs';
import path from 'node:path';
import { isDiskFull, sha256Hex, type RawReadResult, type Store } from '../store';
import type { TrustVerdict } from '../../shared/trust';
import { receiptNote, reportCsv, reportRows, reportXlsx, trustWarning, type ReportLine } from './report';
import type { ExportSummary, RecipientReceipt } from './types';
import { sanitizeFileName } from '../attachments';
import { partFileFor, publishPart, removeAbandonedParts, ZipFileWriter } from './zip';

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
  receipts: Pick<RecipientReceipt, 'receiptId' | 'messageRowId' | 'type' | 'proof' | 'problems'>[];
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

/** Why the archive could not be written, in words: a full disk says what to do. */
function writeFailure(file: string, err: unknown): string {
  if (isDiskFull(err)) return `Disco pieno: impossibile scrivere ${file}. Libera spazio sul disco e ripeti l'esportazione: nulla è stato perso.`;
  return `impossibile scrivere ${file}: ${(err as Error).message}`;
}

/** Writes the evidence archive to `file`. */
export async function writeEvidenceArchive(archive: EvidenceArchive, file: string): Promise<EvidenceResult> {
  removeAbandonedParts(path.dirname(path.resolve(file)));
  const tmp = partFileFor(file);
  let writer: ZipFileWriter;
  try {
    writer = new ZipFileWriter(tmp);
  } catch (err) {
    return { ok: false, code: 'export-failed', detail: writeFailure(file, err) };
  }
  try {
    const files = await writeEntries(archive, writer);
    const bytes = await writer.finish();
    publishPart(tmp, file);
    return { ok: true, value: { file, recipients: archive.recipients.length, files, bytes } };
  } catch (err) {
    writer.abort();
    fs.rmSync(tmp, { force: true });
    const detail = err instanceof EvidenceError ? err.message : writeFailure(file, err);
    return { ok: false, code: 'export-failed', detail };
  }
}

/** Where receipts that are not proof go inside a recipient's folder. */
export const NOT_PROOF_FOLDER = 'non-valide-come-prova';

interface FileEntry {
  path: string;
  sha256: string;
  size: number;
  /** For a receipt: its verdict and whether it is proof. */
  receipt?: { type: string; proof: boolean; problems: string[]; verdict: TrustVerdict | null };
}

async function writeEntries(archive: EvidenceArchive, writer: ZipFileWriter): Promise<number> {
  const { store } = archive;
  const date = new Date(archive.now);
  const files: FileEntry[] = [];
  const add = async (name: string, content: Buffer, receipt?: FileEntry['receipt']) => {
    await writer.append(name, content, date);
    files.push({ path: name, sha256: sha256Hex(content), size: content.length, ...(receipt ? { receipt } : {}) });
  };
  let notAttendibile = 0;
  const indexVersions = new Set<number | null>();

  const width = Math.max(3, String(archive.recipients.length).length);
  const reported: { line: ReportLine; folder: string; note: string; receipts: string }[] = [];
  for (const [i, recipient] of archive.recipients.entries()) {
    const { address } = recipient.line;
    const sent = recipient.sent();
    // Never built, so never sent: the report says so, there is nothing to prove.
    if (!sent.ok && sent.code === 'never-sent') {
      reported.push({ line: recipient.line, folder: '', note: '', receipts: '' });
      continue;
    }
    if (!sent.ok && 'detail' in sent) throw new EvidenceError(`il messaggio inviato a ${address}: ${sent.detail}`);
    const folder = `${String(i + 1).padStart(width, '0')}_${sanitizeFileName(address, 'destinatario')}`;
    if (sent.ok) {
      if (sha256Hex(sent.raw) !== sent.sha256) throw new EvidenceError(`il messaggio inviato a ${address} non corrisponde più all'impronta registrata`);
      await add(`${folder}/messaggio-inviato.eml`, sent.raw);
    }
    const notes: string[] = [];
    for (const [n, receipt] of recipient.receipts.entries()) {
      const raw = store.readMessageRaw(receipt.messageRowId);
      if (!raw) throw new EvidenceError(`la ricevuta ${receipt.receiptId} di ${address} non è nell'archivio`);
      if (!raw.ok) throw new EvidenceError(`la ricevuta ${receipt.receiptId} di ${address}: ${raw.detail}`);
      const verdict = store.getMessage(receipt.messageRowId)?.trust ?? null;
      if (verdict?.level !== 'attendibile' || !receipt.proof) notAttendibile++;
      indexVersions.add(verdict?.indexVersionId ?? null);
      const name = `${String(n + 1).padStart(2, '0')}-${receipt.type}.eml`;
      const where = receipt.proof ? `${folder}/${name}` : `${folder}/${NOT_PROOF_FOLDER}/${name}`;
      await add(where, raw.raw, { type: receipt.type, proof: receipt.proof, problems: receipt.problems, verdict });
      notes.push(receiptNote(name, receipt, verdict));
    }
    const written = sent.ok || recipient.receipts.length > 0;
    reported.push({ line: recipient.line, folder: written ? folder : '', note: sent.ok ? '' : SENT_NOT_STORED_NOTE, receipts: notes.join(' | ') });
  }

  const warning = notAttendibile ? trustWarning(notAttendibile) : null;
  const rows = reportRows(reported);
  await add('report.csv', reportCsv(rows, warning));
  await add('report.xlsx', await reportXlsx(rows, warning));
  const manifest = {
    ...(warning ? { warning } : {}),
    ...archive.about,
    trust: {
      // null: judged with no providers' index imported (integra counts then, marked as such).
      indexVersionIds: [...indexVersions].sort(),
      // Receipts not attendibile, or not proof (see the first line of the report).
      notAttendibileReceipts: notAttendibile,
      notProofFolder: NOT_PROOF_FOLDER,
    },
    generatedAt: date.toISOString(),
    algorithm: 'SHA-256',
    files: [...files],
  };
  await add('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
  // sha256sum's own format: hash, two spaces, path (text mode marker ' ').
  await add('SHA256SUMS', Buffer.from(files.map((f) => `${f.sha256}  ${f.path}\n`).join(''), 'utf8'));
  return files.length;
}
