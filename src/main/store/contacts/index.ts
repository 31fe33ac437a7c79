// The contacts tables of the store (migration 2) as one role: the contacts domain writes them only
// through these statements, inside write(), and notes what it touched: listeners hear of it on the
// store's one change stream (Store.onChange, entities 'contacts' and 'groups') after COMMIT.
import type Database from 'better-sqlite3';
import type { ChangeTracker } from '../changes';
import { ContactRows } from './contact-rows';
import { GroupRows } from './group-rows';
import { LayoutRows } from './layout-rows';
import { PecEvidenceRows } from './pec-evidence-rows';

/** The contacts, groups, PEC evidence and import layouts of one store. */
export interface ContactsStore {
  /** Runs fn in one IMMEDIATE transaction (or inside the caller's): all of it lands or none; its notes are announced after COMMIT. */
  write<T>(fn: () => T): T;
  /** Records contacts or groups touched by the current write. */
  note(entity: 'contacts' | 'groups', ids: Iterable<number>): void;
  /** Announces contacts and groups an import committed on its own connection (in a worker). */
  announce(changes: { entity: 'contacts' | 'groups'; ids: number[] }[]): void;
  readonly rows: ContactRows;
  readonly groups: GroupRows;
  readonly evidence: PecEvidenceRows;
  readonly layouts: LayoutRows;
}

export function contactsStore(db: Database.Database, changes: ChangeTracker): ContactsStore {
  return {
    write: (fn) => changes.write(fn),
    note: (entity, ids) => changes.note(entity, ids),
    announce: (touched) => changes.announce(touched.filter((c) => c.ids.length)),
    rows: new ContactRows(db),
    groups: new GroupRows(db),
    evidence: new PecEvidenceRows(db),
    layouts: new LayoutRows(db),
  };
}

export type { ContactRows, GroupRows, LayoutRows, PecEvidenceRows };
export { searchCondition as contactSearchCondition } from './search-text';
export type * from './types';
