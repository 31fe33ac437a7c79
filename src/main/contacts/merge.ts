// Combining two contacts' data. Merging duplicates loses nothing: the kept contact's non-empty
// values win, the other's fill the blanks, and where both differ the other's moves to a free field
// (email → email_2) so it is still there and usable as {{email_2}}. Updating from an import row
// replaces what the row fills and keeps the rest.
import { emptyRecord, normalizeTags } from './normalize';
import { PLACEHOLDER_KEYS } from './placeholders';
import type { ContactData } from './types';

/** The data part of a contact (what merge and update combine), without its id, badge or groups. */
export function contactData(contact: ContactData): ContactData {
  const { name, organization, pec, email, taxCode, fields, tags, notes, isPec } = contact;
  return { name, organization, pec, email, taxCode, fields, tags, notes, isPec };
}

const textFields = ['name', 'organization', 'pec', 'email', 'taxCode'] as const;

/** keep's data completed with other's; nothing of other's is dropped. */
export function mergeContactData(keep: ContactData, other: ContactData): ContactData {
  const fields = emptyRecord();
  Object.assign(fields, keep.fields);
  for (const [key, value] of Object.entries(other.fields)) {
    if (!fields[key]) fields[key] = value;
    else if (!sameText(fields[key], value)) fields[freeKey(fields, key)] = value;
  }
  const merged: ContactData = { ...keep, fields };
  for (const field of textFields) {
    const mine = keep[field];
    const theirs = other[field];
    if (!mine) merged[field] = theirs;
    else if (theirs && !sameText(mine, theirs)) fields[freeKey(fields, PLACEHOLDER_KEYS[field])] = theirs;
  }
  merged.tags = normalizeTags([...keep.tags, ...other.tags]);
  merged.notes = joinNotes(keep.notes, other.notes);
  merged.isPec = keep.pec ? keep.isPec || (keep.pec === other.pec && other.isPec) : other.isPec;
  return merged;
}

/** existing updated with an import row: the row's non-empty values replace; tags, free fields and notes add up. */
export function updateContactData(existing: ContactData, incoming: ContactData): ContactData {
  const fields = emptyRecord();
  Object.assign(fields, existing.fields, incoming.fields);
  return {
    name: incoming.name || existing.name,
    organization: incoming.organization || existing.organization,
    pec: incoming.pec || existing.pec,
    email: incoming.email || existing.email,
    taxCode: incoming.taxCode || existing.taxCode,
    fields,
    tags: normalizeTags([...existing.tags, ...incoming.tags]),
    notes: joinNotes(existing.notes, incoming.notes),
    isPec: incoming.pec ? incoming.isPec : existing.isPec,
  };
}

function joinNotes(first: string, second: string): string {
  return first && second && !first.includes(second) ? `${first}\n\n${second}` : first || second;
}

function sameText(a: string, b: string): boolean {
  return a.localeCompare(b, 'it', { sensitivity: 'accent' }) === 0;
}

/** key_2, key_3 … the first not taken. */
function freeKey(fields: Record<string, string>, key: string): string {
  let n = 2;
  while (Object.hasOwn(fields, `${key}_${n}`)) n++;
  return `${key}_${n}`;
}
