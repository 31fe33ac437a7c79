// Cleaning contact data once, where a contact is built (CONTRIBUTING.md "Validate and clean once, at
// the edge"): addresses, tax codes, tags and free-field keys. The import, the forms and the merge all
// go through here.
// What is normalized and what is kept as written: addresses, tax codes and tags are identifiers
// and are cleaned; name and organization are one-line labels (whitespace runs become one space,
// and the report says so when tabs or line breaks were among them); notes and free fields are the
// user's text and are kept exactly as written, leading TAB or CR included (only a value of nothing
// but whitespace counts as empty).
import { checkDomain, type DomainScript } from '../../shared/address-domain';
import { fieldKeyOf, foldText } from '../../shared/api-contacts';
import type { ImportProblemWording } from '../../shared/import-problem-texts';
import { italianProblemWords, worded, wording } from './problem-words';
import type { ContactData, ContactInput, RowProblem } from './types';

/** Lowercase without accents: the key for matching names and headers ("Nicolò" → "nicolo"). */
export { foldText };

// Invisible characters that come along when addresses are copied from web pages and PDFs.
const invisible = /[\u00a0\u200b-\u200d\u2060\ufeff]/g;

/**
 * The address as stored and compared: "mailto:", angle brackets and a display name removed,
 * trimmed, lowercased. Providers treat the local part case-insensitively (store/values.ts).
 */
export function normalizeAddress(value: string): string {
  let text = value.replace(invisible, ' ').trim();
  const bracketed = /<([^<>]*)>\s*$/.exec(text);
  if (bracketed) text = bracketed[1].trim();
  text = text.replace(/^mailto:/i, '').split('?')[0];
  return text.trim().toLowerCase();
}

// RFC 5322 dot-atom for the local part; LDH labels (or IDN letters) for the domain, with a TLD.
const localPart = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/u;
const domainLabel = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** Why a normalized address cannot be used (its words, without the column and the address), or null when it can. */
export function addressProblem(address: string): AddressProblem | null {
  if (!address) return { code: 'address-missing', ...worded('address-missing') };
  if (/[\s,;]/.test(address) && (address.match(/@/g) ?? []).length > 1) {
    return { code: 'several-addresses', ...worded('several-addresses') };
  }
  const at = address.lastIndexOf('@');
  if (at < 0) return { code: 'address-syntax', ...worded('address-no-at') };
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!local || local.length > 64 || !localPart.test(local)) return { code: 'address-syntax', ...worded('address-local-part') };
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => !domainLabel.test(l)) || !/^\p{L}{2,}$/u.test(labels[labels.length - 1])) {
    return { code: 'address-syntax', ...worded('address-domain') };
  }
  const check = checkDomain(domain);
  if (check.verdict === 'invalid') return { code: 'address-syntax', ...worded('address-domain') };
  if (check.verdict === 'mixed') {
    return { code: 'address-mixed-script', ...worded('address-mixed-script', { scripts: scriptNames(check.scripts), ascii: check.ascii }) };
  }
  return null;
}

/** An address's problem: its code and words, which a row's problem puts inside "PEC: … («address»)". */
export type AddressProblem = Pick<RowProblem, 'code' | 'message' | 'text' | 'params'>;

/** The scripts' names, each a text, joined by the language ("latino e cirillico"). */
function scriptNames(scripts: DomainScript[]): ImportProblemWording[] {
  return scripts.map((script) => wording(`script-${script}`));
}

/** A column's name in a problem: the sheet's header as written, or a text ("Colonna D", "PEC"). */
export type ColumnName = string | ImportProblemWording;

/** The name as RowProblem.column holds it (Italian, like the message). */
function columnText(column: ColumnName): string {
  return typeof column === 'string' ? column : italianProblemWords(column);
}

/**
 * A valid address as stored: an internationalized domain ("münchen.de") in its ASCII form
 * ("xn--mnchen-3ya.de"), the one the mail servers use and the one that cannot pass for another
 * domain, with a note saying so.
 */
function storedAddress(address: string, label: ColumnName): { address: string; note: RowProblem | null } {
  const at = address.lastIndexOf('@');
  const check = at < 0 ? null : checkDomain(address.slice(at + 1));
  if (!check || check.verdict !== 'idn') return { address, note: null };
  const ascii = `${address.slice(0, at)}@${check.ascii}`;
  return { address: ascii, note: { code: 'address-idn', column: columnText(label), ...worded('address-idn', { column: label, ascii, address }) } };
}

/**
 * Codice fiscale or partita IVA, uppercased without spaces. An all-digit value shorter than 11
 * digits is a partita IVA whose leading zeros a spreadsheet dropped when it stored it as a
 * number: padded back, and said so.
 */
export function normalizeTaxCode(value: string): { taxCode: string; problem: 'tax-code-padded' | 'tax-code-suspicious' | null } {
  let taxCode = value.replace(/\s+/g, '').toUpperCase();
  if (/^\d{1,10}$/.test(taxCode)) return { taxCode: taxCode.padStart(11, '0'), problem: 'tax-code-padded' };
  if (/^IT\d{11}$/.test(taxCode)) taxCode = taxCode.slice(2);
  const valid = taxCode === '' || /^\d{11}$/.test(taxCode) || /^[A-Z0-9]{16}$/.test(taxCode);
  return { taxCode, problem: valid ? null : 'tax-code-suspicious' };
}

/** A free field's key as placeholders use it: the contract's rule, so the renderer shows the key stored. */
export const normalizeFieldKey = fieldKeyOf;

/** Tags from a list or from "a, b; c", trimmed, without repeats (case-insensitive). */
export function normalizeTags(tags: string[] | string): string[] {
  const parts = (typeof tags === 'string' ? [tags] : tags).flatMap((t) => t.split(/[,;|]/));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of parts) {
    const tag = part.trim();
    const key = foldText(tag);
    if (tag && !seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

/** A record with no prototype, so a key such as "constructor" finds nothing it was not given. */
export function emptyRecord(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** Free fields with normalized keys and their values as written; empty keys and blank values dropped. */
export function normalizeFields(fields: Record<string, string> | undefined): Record<string, string> {
  const out = emptyRecord();
  for (const [label, value] of Object.entries(fields ?? {})) {
    const key = normalizeFieldKey(label);
    const text = keptText(value);
    if (key && text) out[key] = text;
  }
  return out;
}

/** Free text as written; '' when it is nothing but whitespace. */
function keptText(value: string | undefined): string {
  const text = String(value ?? '');
  return /\S/.test(text) ? text : '';
}

/** Checked contact data, or the problems that stop it from being stored. */
export type BuiltContact = { ok: true; data: ContactData; notes: RowProblem[] } | { ok: false; problems: RowProblem[] };

/** The columns a contact's values came from, for its problems; a form's contact has none, and its fields' names are used. */
export interface ContactColumns {
  pec?: ColumnName;
  email?: ColumnName;
  taxCode?: ColumnName;
  name?: ColumnName;
  organization?: ColumnName;
}

/** The fields' names for a contact with no columns (made once: buildContact runs for every row). */
const fieldNames = {
  pec: wording('label-pec'),
  email: wording('label-email'),
  name: wording('label-name'),
  organization: wording('label-organization'),
  taxCode: wording('label-tax-code'),
};

/** Cleans a contact; an address that is present must be valid, and at least one must be present. */
export function buildContact(input: ContactInput, columns: ContactColumns = {}): BuiltContact {
  const pec = normalizeAddress(input.pec ?? '');
  const email = normalizeAddress(input.email ?? '');
  const pecLabel = columns.pec ?? fieldNames.pec;
  const emailLabel = columns.email ?? fieldNames.email;
  const problems: RowProblem[] = [];
  for (const [address, label] of [[pec, pecLabel], [email, emailLabel]] as const) {
    const problem = address ? addressProblem(address) : null;
    if (problem) problems.push({ code: problem.code, column: columnText(label), ...worded('address-in-column', { column: label, problem: wording(problem.text, problem.params), address }) });
  }
  if (!pec && !email) problems.push({ code: 'address-missing', column: null, ...worded('no-address') });
  if (problems.length) return { ok: false, problems };
  const notes: RowProblem[] = [];
  const stored = { pec: storedAddress(pec, pecLabel), email: storedAddress(email, emailLabel) };
  for (const { note } of Object.values(stored)) if (note) notes.push(note);
  const name = cleanLabel(input.name, columns.name ?? fieldNames.name);
  const organization = cleanLabel(input.organization, columns.organization ?? fieldNames.organization);
  for (const { note } of [name, organization]) if (note) notes.push(note);
  const tax = normalizeTaxCode(input.taxCode ?? '');
  if (tax.problem) {
    const taxLabel = columns.taxCode ?? fieldNames.taxCode;
    notes.push({ code: tax.problem, column: columnText(taxLabel), ...worded(tax.problem, { column: taxLabel, taxCode: tax.taxCode }) });
  }
  return {
    ok: true,
    notes,
    data: {
      name: name.text,
      organization: organization.text,
      pec: stored.pec.address,
      email: stored.email.address,
      taxCode: tax.taxCode,
      fields: normalizeFields(input.fields),
      tags: normalizeTags(input.tags ?? []),
      notes: keptText(input.notes),
      isPec: input.isPec ?? pec !== '',
    },
  };
}

/** A one-line label: whitespace runs as one space; a note when tabs or line breaks were among them. */
function cleanLabel(text: string | undefined, label: ColumnName): { text: string; note: RowProblem | null } {
  const raw = text ?? '';
  const cleaned = raw.replace(invisible, ' ').replace(/\s+/g, ' ').trim();
  // Spaces (also the no-break ones of web pages) are how cells are typed; a TAB, CR or LF was put
  // there on purpose, so replacing it is said.
  const note: RowProblem | null = /[\t\r\n]/.test(raw)
    ? { code: 'text-cleaned', column: columnText(label), ...worded('text-cleaned', { column: label, text: cleaned }) }
    : null;
  return { text: cleaned, note };
}
