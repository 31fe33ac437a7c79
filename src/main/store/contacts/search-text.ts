// Accent-insensitive word-prefix search over contacts (column contacts.search_text, migration 2).
// The column holds the folded words of name, organization and addresses as " w1 w2 … "; each
// typed word must start one of them: "nicolo ross" finds "Nicolò Rossi", "mario.rossi@pe" finds
// mario.rossi@pec.it. Words are split on anything but letters and digits, on both sides.
import { foldText } from '../../../shared/api-contacts';
import type { ContactData } from './types';

function words(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The search_text value of a contact. */
export function searchText(contact: Pick<ContactData, 'name' | 'organization' | 'pec' | 'email'>): string {
  return ` ${words(`${contact.name} ${contact.organization} ${contact.pec} ${contact.email}`).join(' ')} `;
}

/** SQL condition (on alias c) and arguments for a typed query; null when it has no letter or digit. */
export function searchCondition(query: string): { sql: string; args: string[] } | null {
  const typed = words(query);
  if (!typed.length) return null;
  // Only letters and digits remain, so no word can carry a LIKE wildcard.
  return { sql: typed.map(() => 'c.search_text LIKE ?').join(' AND '), args: typed.map((w) => `% ${w}%`) };
}
