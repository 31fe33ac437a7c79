// The evidence of a campaign as one .zip a lawyer can hand over (a PEC receipt is opposable to
// third parties, DM 2/11/2005 art. 9):
//   NNN_<address>/messaggio-inviato.eml    the exact bytes submitted to the provider
//   NNN_<address>/NN-<tipo>.eml            accettazione, consegna / errore… as received, byte-exact
//   report.csv, report.xlsx                one line per recipient: status, times, identificativo, error
//   manifest.json                          the campaign, the counters and every file with its SHA-256
//   SHA256SUMS                             `sha256sum -c SHA256SUMS` checks every file, manifest included
// Every byte read back is checked against the hash recorded when it was stored; a mismatch stops
// the export rather than hand over evidence that changed. The archive is written next to its
// destination and renamed at the end, so an interrupted export never leaves half a file.
import fs from 'node:fs';
import path from 'node:path';
import { sha256Hex, type Store } from '../store';
import type { CampaignRepo, CampaignRow } from './campaign-repo';
import { reportCsv, reportRows, reportXlsx } from './report';
import type { CampaignResult, ExportSummary, RecipientView } from './types';
import type { CampaignViews } from './views';
import { safeFileName, ZipFileWriter } from './zip';

/** What the export reads. */
export interface ExportInput {
  store: Store;
  repo: CampaignRepo;
  views: CampaignViews;
  campaign: CampaignRow;
  /** The overdue cutoff, for the report's "in ritardo". */
  cutoff: number;
  now: number;
}

interface FileEntry {
  path: string;
  sha256: string;
  size: number;
}

class EvidenceError extends Error {}

/** Writes the campaign's evidence archive to `file`. */
export async function exportEvidence(input: ExportInput, file: string): Promise<CampaignResult<ExportSummary>> {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.part`);
  let writer: ZipFileWriter;
  try {
    writer = new ZipFileWriter(tmp);
  } catch (err) {
    return { ok: false, code: 'export-failed', detail: `impossibile scrivere ${file}: ${(err as Error).message}` };
  }
  try {
    const summary = await writeArchive(input, writer);
    const bytes = await writer.finish();
    fs.renameSync(tmp, file);
    return { ok: true, value: { file, recipients: summary.recipients, files: summary.files, bytes } };
  } catch (err) {
    writer.abort();
    fs.rmSync(tmp, { force: true });
    const detail = err instanceof EvidenceError ? err.message : `impossibile scrivere ${file}: ${(err as Error).message}`;
    return { ok: false, code: 'export-failed', detail };
  }
}

async function writeArchive(input: ExportInput, writer: ZipFileWriter): Promise<{ recipients: number; files: number }> {
  const { campaign, store } = input;
  const date = new Date(input.now);
  const files: FileEntry[] = [];
  const add = async (name: string, content: Buffer) => {
    await writer.append(name, content, date);
    files.push({ path: name, sha256: sha256Hex(content), size: content.length });
  };

  const views = input.views.recipients(campaign.id, { limit: Number.MAX_SAFE_INTEGER }, input.cutoff).rows;
  const width = Math.max(3, String(views.length).length);
  const reported: { view: RecipientView; folder: string }[] = [];
  for (const [i, view] of views.entries()) {
    const sent = input.repo.sentMessage(view.id);
    if (!sent) {
      // Never built, so never sent: the report says so, there is nothing to prove.
      reported.push({ view, folder: '' });
      continue;
    }
    if (sha256Hex(sent.raw) !== sent.sha256) throw new EvidenceError(`il messaggio inviato a ${view.address} non corrisponde più all'impronta registrata`);
    const folder = `${String(i + 1).padStart(width, '0')}_${safeFileName(view.address, 'destinatario')}`;
    await add(`${folder}/messaggio-inviato.eml`, sent.raw);
    for (const [n, receipt] of view.receipts.entries()) {
      const raw = store.readMessageRaw(receipt.messageRowId);
      if (!raw) throw new EvidenceError(`la ricevuta ${receipt.receiptId} di ${view.address} non è nell'archivio`);
      if (!raw.ok) throw new EvidenceError(`la ricevuta ${receipt.receiptId} di ${view.address}: ${raw.detail}`);
      await add(`${folder}/${String(n + 1).padStart(2, '0')}-${receipt.type}.eml`, raw.raw);
    }
    reported.push({ view, folder });
  }

  const rows = reportRows(reported);
  await add('report.csv', reportCsv(rows));
  await add('report.xlsx', await reportXlsx(rows));
  const manifest = {
    campaign: {
      id: campaign.id,
      subject: campaign.subject,
      state: campaign.state,
      receiptVariant: campaign.receiptVariant,
      createdAt: campaign.createdAt,
      startedAt: campaign.startedAt,
      finishedAt: campaign.finishedAt,
    },
    dac: store.campaignDac(campaign.id),
    generatedAt: date.toISOString(),
    algorithm: 'SHA-256',
    files: [...files],
  };
  await add('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
  // sha256sum's own format: hash, two spaces, path (text mode marker ' ').
  await add('SHA256SUMS', Buffer.from(files.map((f) => `${f.sha256}  ${f.path}\n`).join(''), 'utf8'));
  return { recipients: views.length, files: files.length };
}
