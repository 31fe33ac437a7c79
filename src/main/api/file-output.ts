// Handing the user a file the main process writes (an import report, a contacts export): the
// desktop app asks where with a "Save as" dialog and writes it there; the browser build has no
// such dialog, so the file is written to a private temporary folder and its bytes go back for
// the page to download, then the copy is removed.
import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../../shared/api';
import type { FileOutput } from '../../shared/api-contacts';
import type { EvidenceExport } from '../../shared/api-send';
import type { ExportSummary } from '../../shared/api-send-values';
import type { ApiContext } from './context';
import { ok } from './result';

/**
 * Writes a file named like defaultName where the user wants it. `write` gets the path to write
 * and resolves to the path it actually wrote (it may add an extension the user left out).
 */
export async function deliverFile(
  ctx: ApiContext,
  defaultName: string,
  contentType: string,
  write: (file: string) => Promise<Result<string>>,
): Promise<Result<FileOutput>> {
  if (ctx.host.chooseSaveFile) {
    const chosen = await ctx.host.chooseSaveFile(defaultName);
    if (!chosen) return ok({ kind: 'cancelled' });
    const written = await write(chosen);
    return written.ok ? ok({ kind: 'saved', path: written.value }) : written;
  }
  const dir = fs.mkdtempSync(path.join(ctx.scratchDir(), 'out-'));
  try {
    const written = await write(path.join(dir, defaultName));
    if (!written.ok) return written;
    const bytes = await fs.promises.readFile(written.value);
    return ok({ kind: 'download', filename: path.basename(written.value), contentType, dataBase64: bytes.toString('base64') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes an evidence .zip like deliverFile; `write` makes the archive at the path it gets and says what it holds. */
export async function deliverEvidence(
  ctx: ApiContext,
  defaultName: string,
  write: (file: string) => Promise<Result<ExportSummary>>,
): Promise<Result<EvidenceExport>> {
  let summary: ExportSummary | null = null;
  const delivered = await deliverFile(ctx, defaultName, 'application/zip', async (file) => {
    const written = await write(file);
    if (!written.ok) return written;
    summary = written.value;
    return ok(written.value.file);
  });
  return delivered.ok ? ok({ ...delivered.value, summary }) : delivered;
}
