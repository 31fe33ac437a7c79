// The evidence report: one line per recipient (status, times, identificativo, error), as .csv and
// .xlsx for the evidence export of a campaign or of one sent message, with Italian headers and
// status names as the user reads them.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { RecipientStatus, RecipientView } from './types';

/** Status names as the campaign view and the report show them. */
export const STATUS_LABELS: Record<RecipientStatus, string> = {
  pending: 'in coda',
  preparing: 'pronto per l’invio',
  submitting: 'in invio',
  'retry-wait': 'in attesa di un nuovo tentativo',
  submitted: 'inviato',
  accepted: 'accettato',
  warning: 'preavviso di mancata consegna',
  delivered: 'consegnato',
  error: 'errore',
  failed: 'rifiutato dal gestore',
  cancelled: 'annullato',
};

const HEADER = [
  'Destinatario', 'Nome', 'Stato', 'In ritardo', 'Inviato il', 'Accettato il', 'Consegnato il', 'Errore il',
  'Identificativo', 'Message-ID', 'Errore', 'Cartella', 'Note',
];

/** What the report says of one recipient (a campaign's RecipientView is one). */
export type ReportLine = Pick<
  RecipientView,
  'address' | 'name' | 'status' | 'overdue' | 'submittedAt' | 'acceptedAt' | 'deliveredAt' | 'errorAt' | 'identificativo' | 'messageId' | 'error'
>;

/** The report's cells for each recipient, with the folder holding its evidence (or '') and a note on what it lacks. */
export function reportRows(rows: { line: ReportLine; folder: string; note: string }[]): string[][] {
  return rows.map(({ line: r, folder, note }) => [
    r.address,
    r.name ?? '',
    STATUS_LABELS[r.status],
    r.overdue ? 'sì' : 'no',
    r.submittedAt ?? '',
    r.acceptedAt ?? '',
    r.deliveredAt ?? '',
    r.errorAt ?? '',
    r.identificativo ?? '',
    r.messageId ?? '',
    r.error ?? '',
    folder,
    note,
  ]);
}

// A cell starting with = + - @ is run as a formula when a spreadsheet opens the CSV (OWASP "CSV
// injection"); provider error texts are not ours to trust. The apostrophe makes it plain text.
function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The report as CSV: semicolons and a BOM, so Excel in Italian opens it in columns with accents intact. */
export function reportCsv(rows: string[][]): Buffer {
  const text = Papa.unparse({ fields: HEADER, data: rows.map((r) => r.map(inertCell)) }, { delimiter: ';', newline: '\r\n' });
  return Buffer.from('\uFEFF' + text + '\r\n', 'utf8');
}

/** The report as .xlsx: every value a text cell (no formulas), header bold, frozen and filterable. */
export async function reportXlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Destinatari', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = HEADER.map((h) => ({ width: Math.max(14, h.length + 2) }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEADER.length } };
  ws.addRow(HEADER).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
