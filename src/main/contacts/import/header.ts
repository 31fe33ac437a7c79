// Finding the header row of a sheet and proposing what each column becomes, from header names
// as Italian (and English) offices write them: "Ragione sociale", "P.IVA", "E-mail PEC" …
import crypto from 'node:crypto';
import { foldText, normalizeFieldKey } from '../normalize';
import { isKnownPecDomain } from '../pec-domains';
import type { ColumnTarget, ContactColumn } from '../types';

/** A header as compared: accents folded, lowercase, punctuation as single spaces ("P.IVA" → "p iva"). */
export function normalizeHeader(text: string): string {
  return foldText(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

const aliases: Record<ContactColumn, string[]> = {
  name: ['nominativo', 'nome e cognome', 'nome cognome', 'cognome e nome', 'cognome nome', 'nome completo', 'full name', 'name', 'contatto', 'contact', 'destinatario', 'intestatario', 'referente'],
  firstName: ['nome', 'first name', 'firstname', 'given name'],
  lastName: ['cognome', 'last name', 'lastname', 'surname', 'family name'],
  organization: ['ragione sociale', 'organizzazione', 'azienda', 'societa', 'ente', 'denominazione', 'ditta', 'impresa', 'amministrazione', 'company', 'company name', 'organization', 'organisation'],
  pec: ['pec', 'indirizzo pec', 'email pec', 'e mail pec', 'mail pec', 'casella pec', 'posta certificata', 'posta elettronica certificata', 'domicilio digitale', 'certified email', 'pec address'],
  email: ['email', 'e mail', 'mail', 'indirizzo email', 'indirizzo e mail', 'posta elettronica', 'email ordinaria', 'peo', 'email address', 'e mail address'],
  taxCode: [
    'codice fiscale', 'cf', 'c f', 'partita iva', 'p iva', 'piva', 'codice fiscale partita iva', 'codice fiscale p iva', 'cf piva', 'cf p iva',
    'p iva cf', 'partita iva codice fiscale', 'tax code', 'tax id', 'vat', 'vat number', 'vat id', 'fiscal code',
  ],
  notes: ['note', 'notes', 'annotazioni', 'commenti', 'commento', 'osservazioni'],
  tags: ['tag', 'tags', 'etichette', 'etichetta', 'categorie', 'labels'],
};
const byAlias = new Map(Object.entries(aliases).flatMap(([target, names]) => names.map((n) => [n, target as ContactColumn])));

/** The contact field a header names, or null. */
export function headerTarget(header: string): ContactColumn | null {
  const normalized = normalizeHeader(header);
  const exact = byAlias.get(normalized);
  if (exact) return exact;
  const words = normalized.split(' ');
  if (words.includes('pec') || normalized.includes('certificata')) return 'pec';
  if (words.includes('email') || normalized.includes('e mail')) return 'email';
  return null;
}

/**
 * The header row among the first rows: the one naming most known fields. A file whose first
 * filled row already holds addresses has no header row (-1).
 */
export function detectHeaderRow(rows: string[][]): number {
  let best = -1;
  let bestScore = 0;
  for (const [i, row] of rows.slice(0, 20).entries()) {
    // A cell holding an address is data, even "mario@pec.it", whose words include "pec".
    const score = new Set(row.filter((cell) => !cell.includes('@')).map(headerTarget).filter(Boolean)).size;
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  if (best >= 0) return best;
  const first = rows.findIndex((row) => row.some((cell) => cell.trim()));
  if (first < 0) return 0;
  return rows[first].some((cell) => cell.includes('@')) ? -1 : first;
}

/** "A", "B" … "AA": the column's letter as the spreadsheet shows it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The column's header text, or "Colonna X" when it has none: what the report calls it. */
export function columnLabel(headers: string[], index: number): string {
  return headers[index]?.trim() || `Colonna ${columnLetter(index)}`;
}

/** Header texts of the header row (none for -1), one per column of the widest row. */
export function headersOf(rows: string[][], headerRowIndex: number, width: number): string[] {
  const row = headerRowIndex >= 0 ? (rows[headerRowIndex] ?? []) : [];
  return Array.from({ length: width }, (_, i) => (row[i] ?? '').trim());
}

/** Key under which the mapping of files with these header names is remembered. */
export function layoutKeyOf(headers: string[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(headers.map(normalizeHeader))).digest('hex').slice(0, 32);
}

/**
 * What each column becomes: a known field (each used once, the first column naming it wins), a
 * free field named after its header, or ignored when it has neither header nor data. A full-name
 * column outranks "Nome"/"Cognome", which then become free fields; "Nome" alone is the name.
 */
export function suggestColumns(headers: string[], dataRows: string[][]): ColumnTarget[] {
  const filled = headers.map((_, i) => dataRows.some((row) => row[i]?.trim()));
  const targets = headers.every((h) => !h) ? targetsByValues(dataRows, filled) : headers.map(headerTarget);
  const has = (t: ContactColumn) => targets.includes(t);
  if (has('name')) targets.forEach((t, i) => (t === 'firstName' || t === 'lastName') && (targets[i] = null));
  else if (!has('lastName')) targets.forEach((t, i) => t === 'firstName' && (targets[i] = 'name'));
  const used = new Set<string>();
  return headers.map((header, i): ColumnTarget => {
    const target = targets[i];
    if (target && !used.has(target)) {
      used.add(target);
      return target;
    }
    const base = normalizeFieldKey(header) || (filled[i] ? `colonna_${columnLetter(i).toLowerCase()}` : '');
    if (!base) return 'ignore';
    let key = base;
    for (let n = 2; used.has(`free:${key}`); n++) key = `${base}_${n}`;
    used.add(`free:${key}`);
    return `free:${key}`;
  });
}

/** No header row: address columns by their values, the first other filled column as the name. */
function targetsByValues(dataRows: string[][], filled: boolean[]): (ContactColumn | null)[] {
  const sample = dataRows.slice(0, 50);
  let nameGiven = false;
  return filled.map((isFilled, i) => {
    if (!isFilled) return null;
    const values = sample.map((row) => row[i]?.trim() ?? '').filter(Boolean);
    const addresses = values.filter((v) => v.includes('@'));
    if (addresses.length * 2 >= values.length) return addresses.filter(isKnownPecDomain).length * 2 >= addresses.length ? 'pec' : 'email';
    if (nameGiven) return null;
    nameGiven = true;
    return 'name';
  });
}
