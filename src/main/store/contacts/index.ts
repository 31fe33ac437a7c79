// The contacts tables of the store (migration 2) as one role: the contacts domain writes them only
// through these statements, inside write().
import type Database from 'better-sqlite3';
import { ContactRows } from './contact-rows';
import { GroupRows } from './group-rows';
import { LayoutRows } from './layout-rows';
import { PecEvidenceRows } from './pec-evidence-rows';

/** The contacts, groups, PEC evidence and import layouts of one store. */
export interface ContactsStore {
  /** Runs fn in one IMMEDIATE transaction (or inside the caller's): all of it lands or none. */
  write<T>(fn: () => T): T;
  readonly rows: ContactRows;
  readonly groups: GroupRows;
  readonly evidence: PecEvidenceRows;
  readonly layouts: LayoutRows;
}

export function contactsStore(db: Database.Database): ContactsStore {
  return {
    write: (fn) => db.transaction(fn).immediate(),
    rows: new ContactRows(db),
    groups: new GroupRows(db),
    evidence: new PecEvidenceRows(db),
    layouts: new LayoutRows(db),
  };
}

export type { ContactRows, GroupRows, LayoutRows, PecEvidenceRows };
export { searchCondition as contactSearchCondition } from './search-text';
export type * from './types';
