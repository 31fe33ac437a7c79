// The evidence report: one line per recipient (status, times, identificativo, error), as .csv and
// .xlsx for the evidence export of a campaign or of one sent message, with Italian headers and
// status names as the user reads them.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { TrustVerdict } from '../../shared/trust';
import { guardCsvCell } from '../contacts';
import type { RecipientReceipt, RecipientStatus, RecipientView } from './types';

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
  'Identificativo', 'Message-ID', 'Errore', 'Cartella', 'Note', 'Ricevute (verifica)',
];

const LEVEL_WORDS: Record<TrustVerdict['level'], string> = {
  attendibile: 'attendibile',
  integra: 'integra, gestore non verificato',
  alterata: 'alterata',
  'non-firmata': 'non firmata',
};

const PROBLEM_WORDS: Record<RecipientReceipt['problems'][number], string> = {
  'headers-disagree': "l'intestazione non firmata indica un altro messaggio di daticert.xml",
  'recipient-not-sent': 'destinatario a cui il messaggio non è stato inviato',
  'message-refused': 'il messaggio era stato rifiutato (non accettazione)',
  'other-account': 'riguarda un messaggio di un altro account',
};

/** The first line of a report (and manifest) whose receipts are not all attendibile. */
export function trustWarning(count: number): string {
  return `ATTENZIONE: ${count === 1 ? '1 ricevuta non è attendibile o non vale come prova' : `${count} ricevute non sono attendibili o non valgono come prova`} (gestore non verificato nell'indice dei gestori PEC, firma alterata o assente, o contraddetta dal messaggio inviato): vedere la colonna «Ricevute (verifica)»; quelle che non valgono come prova sono nelle cartelle «non-valide-come-prova».`;
}

/** What the report says of one receipt: its file, verdict, and why it is not proof. */
export function receiptNote(file: string, receipt: Pick<RecipientReceipt, 'proof' | 'problems'>, verdict: TrustVerdict | null): string {
  const level = verdict ? LEVEL_WORDS[verdict.level] : 'non verificata';
  const problems = receipt.problems.map((p) => PROBLEM_WORDS[p]);
  return `${file}: ${level}${problems.length ? ` (${problems.join(', ')})` : ''}${receipt.proof ? '' : ' - non vale come prova'}`;
}

/** What the report says of one recipient (a campaign's RecipientView is one). */
export type ReportLine = Pick<
  RecipientView,
  'address' | 'name' | 'status' | 'overdue' | 'submittedAt' | 'acceptedAt' | 'deliveredAt' | 'errorAt' | 'identificativo' | 'messageId' | 'error'
>;

/** The report's cells for each recipient, with the folder holding its evidence (or '') and a note on what it lacks. */
export function reportRows(rows: { line: ReportLine; folder: string; note: string; receipts: string }[]): string[][] {
  return rows.map(({ line: r, folder, note, receipts }) => [
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
    receipts,
  ]);
}

/** The report as CSV: semicolons and a BOM, so Excel in Italian opens it in columns with accents intact; the trust warning, if any, first. */
export function reportCsv(rows: string[][], warning: string | null = null): Buffer {
  // Provider error texts are not ours to trust: a value a spreadsheet would run as a formula becomes plain text.
  const text = Papa.unparse({ fields: HEADER, data: rows.map((r) => r.map(guardCsvCell)) }, { delimiter: ';', newline: '\r\n' });
  // Our own words, with no ; " or line break: one plain cell, so the line reads the same in a text editor.
  const first = warning ? warning.replace(/[;"\r\n]/g, ' ') + '\r\n' : '';
  return Buffer.from('\uFEFF' + first + text + '\r\n', 'utf8');
}

/** The report as .xlsx: every value a text cell (no formulas), header bold, frozen and filterable. */
export async function reportXlsx(rows: string[][], warning: string | null = null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const head = warning ? 2 : 1;
  const ws = workbook.addWorksheet('Destinatari', { views: [{ state: 'frozen', ySplit: head }] });
  ws.columns = HEADER.map((h) => ({ width: Math.max(14, h.length + 2) }));
  if (warning) ws.addRow([warning]).font = { bold: true, color: { argb: 'FFC00000' } };
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: head, column: HEADER.length } };
  ws.addRow(HEADER).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
