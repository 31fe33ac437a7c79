// The import report, computed before anything is written: what happens to every row and why.
// Every data row of the sheet gets exactly one outcome, so nothing is dropped without being listed.
import { addressProblem, buildContact, emptyRecord, normalizeAddress, normalizeTags, type ColumnName } from '../normalize';
import type { ImportProblemWording } from '../../../shared/import-problem-texts';
import { italianProblemWords, worded, wording } from '../problem-words';
import type {
  ColumnTarget, ContactColumn, ContactData, ContactInput, ContactsFailure, DuplicatePolicy, ImportCounts, ImportMapping, ImportOptions,
  ImportPlan, PlannedRow, ProgressCallback, RowOutcome, RowProblem,
} from '../types';
import { columnLetter, headersOf, layoutKeyOf } from './header';
import { sealCleaned } from './sealed';
import { isEmptyRow, widthOf } from './sheet-table';
import type { LoadedTable } from './table';

const contactColumns: readonly ContactColumn[] = ['name', 'firstName', 'lastName', 'organization', 'pec', 'email', 'taxCode', 'notes', 'tags'];

/** Why a mapping cannot be used with this table, or null. */
export function mappingProblem(mapping: ImportMapping, loaded: LoadedTable): ImportProblemWording | null {
  if (mapping.sheetIndex !== loaded.sheetIndex) return wording('mapping-other-sheet');
  if (!Number.isInteger(mapping.headerRowIndex) || mapping.headerRowIndex < -1 || mapping.headerRowIndex >= Math.max(loaded.table.rows.length, 1)) {
    return wording('mapping-no-header-row');
  }
  const seen = new Set<string>();
  for (const target of mapping.columns) {
    const valid = target === 'ignore' || contactColumns.includes(target as ContactColumn) || /^free:[a-z0-9]+(_[a-z0-9]+)*$/.test(target);
    if (!valid) return wording('mapping-unknown-target', { target });
    if (target !== 'ignore' && seen.has(target)) return wording('mapping-same-field', { target });
    seen.add(target);
  }
  if (!mapping.columns.some((t) => t === 'pec' || t === 'email')) return wording('mapping-no-address');
  return null;
}

/**
 * The contact a row would become. Cells go to buildContact as read: it decides what is cleaned
 * (addresses, tax code, tags, one-line names) and what is kept as written (notes, free fields).
 */
function rowInput(row: string[], columns: ColumnTarget[]): ContactInput {
  const input: Record<ContactColumn, string> = { name: '', firstName: '', lastName: '', organization: '', pec: '', email: '', taxCode: '', notes: '', tags: '' };
  const fields = emptyRecord();
  columns.forEach((target, i) => {
    const value = row[i] ?? '';
    if (!value.trim() || target === 'ignore') return;
    if (target.startsWith('free:')) fields[target.slice(5)] = value;
    else input[target as ContactColumn] = value;
  });
  return {
    name: input.name || [input.firstName.trim(), input.lastName.trim()].filter(Boolean).join(' '),
    organization: input.organization,
    pec: input.pec,
    email: input.email,
    taxCode: input.taxCode,
    notes: input.notes,
    tags: normalizeTags(input.tags),
    fields,
  };
}

/** The stored contact already holding one of the addresses, looked up the same way at plan and at commit. */
export function existingMatch(contact: ContactData, index: Map<string, number>): number | null {
  for (const address of [contact.pec, contact.email]) if (address && index.has(address)) return index.get(address)!;
  return null;
}

/** What each row will do, against the addresses already stored (address → contact id). */
export function planRows(
  file: string,
  loaded: LoadedTable,
  mapping: ImportMapping,
  options: ImportOptions,
  existing: Map<string, number>,
  onProgress?: ProgressCallback,
): { ok: true; plan: ImportPlan } | ContactsFailure {
  const problem = mappingProblem(mapping, loaded);
  if (problem) return { ok: false, code: 'invalid-mapping', detail: `Mappatura delle colonne non valida: ${italianProblemWords(problem)}.`, problems: [problem] };
  const rows = loaded.table.rows;
  const width = Math.max(mapping.columns.length, widthOf(rows));
  const headers = headersOf(rows, mapping.headerRowIndex, width);
  const label = (target: ColumnTarget) => {
    const i = mapping.columns.indexOf(target);
    return i < 0 ? undefined : columnName(headers, i);
  };
  const labels = { pec: label('pec'), email: label('email'), taxCode: label('taxCode'), name: label('name'), organization: label('organization') };
  const emailColumn = mapping.columns.indexOf('email');
  const inFile = new Map<string, number>();
  const planned: PlannedRow[] = [];
  const total = rows.length - mapping.headerRowIndex - 1;
  for (let i = mapping.headerRowIndex + 1; i < rows.length; i++) {
    planned.push(planRow(i, rows[i], loaded.table.problems.get(i) ?? []));
    if (onProgress && planned.length % 5000 === 0) onProgress({ phase: 'checking', done: planned.length, total });
  }
  return {
    ok: true,
    plan: {
      file,
      format: loaded.format,
      sheetName: loaded.sheetName,
      layoutKey: layoutKeyOf(headers),
      mapping,
      headers,
      options,
      counts: countOutcomes(planned),
      rows: planned,
      createdAt: new Date().toISOString(),
    },
  };

  function planRow(index: number, row: string[], cellProblems: RowProblem[]): PlannedRow {
    const base: PlannedRow = { row: index + 1, outcome: 'invalid', contact: null, cells: null, problems: [], duplicateOfRow: null, existingContactId: null };
    // A formula without value in a column nobody imports is nobody's problem.
    const mappedProblems = cellProblems.filter((p) => p.column === null || !['ignore', undefined].includes(mapping.columns[columnOf(p.column)]));
    if (mappedProblems.some((p) => p.code === 'csv-malformed')) return { ...base, cells: row, problems: mappedProblems };
    if (isEmptyRow(row)) return { ...base, outcome: 'empty' };
    const { input, ignored } = withoutBadFormulaEmail(index, rowInput(row, mapping.columns));
    const built = buildContact(input, labels);
    const named = [...mappedProblems, ...ignored].map((p) => (p.column ? { ...p, ...worded('in-column', { column: cellName(p.column, headers), problem: wording(p.text, p.params) }) } : p));
    if (!built.ok) return { ...base, cells: row, problems: [...built.problems, ...named] };
    const contact = sealCleaned(built.data);
    const problems = [...built.notes, ...named];
    const addresses = [contact.pec, contact.email].filter(Boolean);
    const earlier = addresses.map((a) => inFile.get(a)).find((r) => r !== undefined);
    const existingId = existingMatch(contact, existing);
    for (const a of addresses) if (!inFile.has(a)) inFile.set(a, index + 1);
    const policy = options.duplicatePolicy;
    const outcome = duplicateOutcome[policy];
    if (earlier !== undefined) {
      problems.push({ code: 'duplicate-in-file', column: null, ...worded(`duplicate-in-file-${policy}`, { row: earlier }) });
      return { ...base, outcome, contact, problems, duplicateOfRow: earlier };
    }
    if (existingId !== null) {
      // Skipped or updated, the stored contact joins the import's group; keep-both makes a second contact instead.
      const words = options.groupName && policy !== 'keep-both'
        ? worded(`duplicate-existing-${policy}-group`, { contact: existingId, group: options.groupName })
        : worded(`duplicate-existing-${policy}`, { contact: existingId });
      problems.push({ code: 'duplicate-existing', column: null, ...words });
      return { ...base, outcome, contact, problems, existingContactId: existingId };
    }
    return { ...base, outcome: 'create', contact, problems };
  }

  /**
   * The e-mail is the optional address: when its cell is a formula whose saved result is no
   * address (a name, 0, a text the formula built wrong), or the text of a formula with no result
   * at all (a CSV holds "=LOWER(A2)&…" as written), and the PEC is good, the row is imported
   * without it and the report says so, instead of losing the contact over a secondary cell.
   */
  function withoutBadFormulaEmail(index: number, input: ContactInput): { input: ContactInput; ignored: RowProblem[] } {
    if (emailColumn < 0) return { input, ignored: [] };
    const cached = loaded.table.formulas?.get(index)?.has(emailColumn) ?? false;
    const formulaText = /^\s*=/.test(input.email ?? '');
    if (!cached && !formulaText) return { input, ignored: [] };
    const email = normalizeAddress(input.email ?? '');
    const pec = normalizeAddress(input.pec ?? '');
    if (!email || !addressProblem(email) || !pec || addressProblem(pec)) return { input, ignored: [] };
    const words = cached ? worded('formula-ignored-result', { result: email }) : worded('formula-ignored-no-value', { formula: (input.email ?? '').trim() });
    return { input: { ...input, email: '' }, ignored: [{ code: 'formula-ignored', column: `${columnLetters(emailColumn)}${index + 1}`, ...words }] };
  }
}

/** 0 → "A", 27 → "AB". */
function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** What a duplicate row becomes under each policy (the group membership is added in every case). */
const duplicateOutcome: Record<DuplicatePolicy, RowOutcome> = { skip: 'link', update: 'update', 'keep-both': 'create' };

/** Cell problems carry the cell reference ("D5") or a column label; reports show the header. */
function columnOf(column: string): number {
  const letters = /^([A-Z]+)\d+$/.exec(column)?.[1];
  if (!letters) return -1;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A column as problems name it: its header as written, or "Colonna D" (a text, worded in the window's language). */
function columnName(headers: string[], index: number): ColumnName {
  return headers[index]?.trim() || wording('column-letter', { letter: columnLetter(index) });
}

/** A cell problem's column: "Header (cella D5)"; a column that is no cell reference as it is. */
function cellName(column: string, headers: string[]): ColumnName {
  const i = columnOf(column);
  return i < 0 ? column : wording('cell-in-column', { column: columnName(headers, i), cell: column });
}

function countOutcomes(rows: PlannedRow[]): ImportCounts {
  const counts: ImportCounts = { rows: rows.length, create: 0, update: 0, link: 0, invalid: 0, empty: 0, duplicatesInFile: 0, duplicatesExisting: 0 };
  for (const row of rows) {
    counts[row.outcome]++;
    if (row.duplicateOfRow !== null) counts.duplicatesInFile++;
    if (row.existingContactId !== null) counts.duplicatesExisting++;
  }
  return counts;
}
