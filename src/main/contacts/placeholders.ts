// The values a bulk send substitutes for {{key}} in a message, per contact.
import { emptyRecord } from './normalize';
import type { ContactData } from './types';

/** Placeholder keys of the built-in fields, in Italian as the users write their templates. */
export const PLACEHOLDER_KEYS = {
  name: 'nome',
  organization: 'ragione_sociale',
  pec: 'pec',
  email: 'email',
  taxCode: 'codice_fiscale',
} as const;

/**
 * Every placeholder value of a contact by normalized key: the built-in fields ({{nome}},
 * {{ragione_sociale}}, {{pec}}, {{email}}, {{codice_fiscale}}, {{partita_iva}} for the same
 * tax code), then the free fields, which win over a built-in of the same key because the user
 * imported them on purpose. Prototype-less: {{constructor}} finds nothing unless given.
 */
export function placeholderFields(contact: ContactData): Record<string, string> {
  const values = emptyRecord();
  for (const [field, key] of Object.entries(PLACEHOLDER_KEYS) as [keyof typeof PLACEHOLDER_KEYS, string][]) values[key] = contact[field];
  values.partita_iva = contact.taxCode;
  for (const [key, value] of Object.entries(contact.fields)) values[key] = value;
  return values;
}
