// Value types of the store's contacts tables (migration 2), by the shapes of the API contract: the
// contacts domain's own types are the same shapes, so its values pass in and out unchanged.
import type { ContactDetail } from '../../../shared/api-contacts';

/** A contact's data once checked and cleaned (what the database stores). */
export type ContactData = Omit<ContactDetail, 'id' | 'pecStatus' | 'groupIds' | 'createdAt' | 'updatedAt'>;

/** A stored contact with what receipts recorded of its address (1 certificato, 0 esterno, null nothing); the contacts domain turns that into its badge. */
export type StoredContact = Omit<ContactDetail, 'pecStatus'> & { seenCertified: number | null };

export interface StoredContactPage {
  total: number;
  offset: number;
  rows: StoredContact[];
}

export interface ListContactsOptions {
  groupId?: number;
  /** Words of name, organization, addresses, accents ignored (search-text.ts). */
  query?: string;
  offset?: number;
  limit?: number;
}

/** Contacts sharing one normalized address. */
export interface DuplicateSet {
  address: string;
  contactIds: number[];
}
