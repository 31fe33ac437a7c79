// Which kind of file the user chose, from its bytes rather than its name: people rename
// "elenco.xls" to ".xlsx" and receive CSV files called ".xls".
import fs from 'node:fs';
import type { ContactsFailure } from '../types';
import { LimitExceeded, tooLarge } from './limits';
import { openZip } from './zip';

/** A spreadsheet PecDesk can read. */
export type SheetFormat = 'xlsx' | 'csv';

const zipMagic = Buffer.from('504b0304', 'hex');
const oleMagic = Buffer.from('d0cf11e0a1b11ae1', 'hex');

/** The file's format, or why it cannot be imported, in words that say what to do. */
export async function sniffFormat(file: string): Promise<{ ok: true; format: SheetFormat } | ContactsFailure> {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(8);
      head = buffer.subarray(0, fs.readSync(fd, buffer, 0, 8, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    return { ok: false, code: 'file-unreadable', detail: `Impossibile leggere il file: ${(err as Error).message}` };
  }
  if (head.length === 0) return { ok: false, code: 'empty-file', detail: 'Il file è vuoto.' };
  if (head.equals(oleMagic)) {
    // An OLE2 container: Excel 97-2003, or an Excel file protected by a password (Office wraps
    // encrypted .xlsx in OLE2 too, MS-OFFCRYPTO).
    return {
      ok: false,
      code: 'legacy-xls',
      detail:
        'È un file Excel 97-2003 (.xls) o un file Excel protetto da password: PecDesk non lo legge. ' +
        'Aprilo in Excel o LibreOffice, togli l\u2019eventuale password e usa "Salva con nome" scegliendo "Cartella di lavoro di Excel (.xlsx)", poi importa il nuovo file.',
    };
  }
  if (head.subarray(0, 4).equals(zipMagic)) return zipFormat(file);
  return { ok: true, format: 'csv' };
}

async function zipFormat(file: string): Promise<{ ok: true; format: SheetFormat } | ContactsFailure> {
  let names: string[];
  let mimetype: string | null = null;
  try {
    const zip = await openZip(file);
    try {
      names = zip.names();
      if (names.includes('mimetype')) mimetype = (await zip.text('mimetype'))?.trim() ?? null;
    } finally {
      zip.close();
    }
  } catch (err) {
    if (err instanceof LimitExceeded) return tooLarge(err.why);
    return { ok: false, code: 'xlsx-unreadable', detail: `Il file sembra un archivio .xlsx ma è danneggiato (${(err as Error).message}). Riaprilo in Excel e salvalo di nuovo.` };
  }
  if (names.includes('xl/workbook.xml')) return { ok: true, format: 'xlsx' };
  if (mimetype?.startsWith('application/vnd.oasis.opendocument.spreadsheet')) {
    return {
      ok: false,
      code: 'ods-unsupported',
      detail: 'È un foglio OpenDocument (.ods): PecDesk legge solo .xlsx e .csv. In LibreOffice usa "Salva con nome" e scegli "Excel 2007-365 (.xlsx)", poi importa il nuovo file.',
    };
  }
  return { ok: false, code: 'unsupported-format', detail: 'Il file è un archivio zip ma non un foglio Excel (.xlsx). Salva i contatti come .xlsx o .csv e riprova.' };
}
