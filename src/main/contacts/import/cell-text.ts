// A spreadsheet cell as the text a user sees in it. Formulas give their cached result (the value
// Excel computed when it saved; PecDesk never evaluates formulas), rich text its plain text,
// dates an ISO day, a mailto: hyperlink its address when the cell shows something else.
import type ExcelJS from 'exceljs';
import { worded } from '../problem-words';
import type { RowProblem } from '../types';

/** The cell's text, and what went wrong reading it, if anything. */
export interface CellText {
  text: string;
  problem: Pick<RowProblem, 'code' | 'message' | 'text' | 'params'> | null;
}

/** Text of an exceljs cell value; `hyperlink` is the cell's link target when it has one. */
export function cellText(value: ExcelJS.CellValue | undefined, hyperlink?: string): CellText {
  const text = plainText(value);
  if (text.problem || !hyperlink) return text;
  const mailto = /^mailto:([^?]*)/i.exec(hyperlink.trim());
  if (!mailto || text.text.includes('@')) return text;
  return { text: decodeURIComponentSafe(mailto[1]), problem: null };
}

function plainText(value: ExcelJS.CellValue | undefined): CellText {
  if (value === null || value === undefined) return ok('');
  if (typeof value === 'string') return ok(value);
  if (typeof value === 'number') return ok(Number.isFinite(value) ? numberText(value) : '');
  if (typeof value === 'boolean') return ok(value ? 'VERO' : 'FALSO');
  if (value instanceof Date) return ok(dateText(value));
  if ('richText' in value) return ok(value.richText.map((run) => run.text ?? '').join(''));
  if ('error' in value) return { text: '', problem: { code: 'cell-error', ...worded('cell-error', { error: value.error }) } };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue | { error: string } }).result;
    if (result === undefined || result === null) {
      return { text: '', problem: { code: 'formula-without-value', ...worded('formula-without-value') } };
    }
    return plainText(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue, value.hyperlink);
  return ok('');
}

function ok(text: string): CellText {
  return { text, problem: null };
}

/** Integers without exponent (a partita IVA read as a number must keep all its digits). */
function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
}

/** A date cell as YYYY-MM-DD, or with the time when it has one (exceljs gives dates in UTC). */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
