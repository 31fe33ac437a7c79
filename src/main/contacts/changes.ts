// Contacts writes and their change records. The store's own ChangeTracker is private to the store
// and its StoreEntity has no 'contacts', so this domain runs its writes in the store's IMMEDIATE
// transactions (ContactsStore.write) and tells its listeners after COMMIT, the same contract as
// the store's onChange (a UI that re-queries on a change sees the committed rows).
import type { ContactsStore } from '../store';
import type { ContactsChange } from './types';

/** Called once per committed write with the contacts and groups it touched. */
export type ContactsListener = (changes: ContactsChange[]) => void;

/** Runs contacts writes in transactions and reports them after commit. */
export class ContactsWriter {
  private readonly listeners = new Set<ContactsListener>();
  private pending: { contacts: Set<number>; groups: Set<number> } | null = null;

  constructor(private readonly store: Pick<ContactsStore, 'write'>) {}

  onChange(listener: ContactsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs fn in one IMMEDIATE transaction (or inside the caller's) and reports after commit. */
  write<T>(fn: () => T): T {
    if (this.pending) return fn();
    const touched = (this.pending = { contacts: new Set<number>(), groups: new Set<number>() });
    let result: T;
    try {
      result = this.store.write(fn);
    } finally {
      this.pending = null;
    }
    this.emit([
      { entity: 'contacts', ids: [...touched.contacts] },
      { entity: 'groups', ids: [...touched.groups] },
    ]);
    return result;
  }

  /** Records rows touched by the current write. */
  note(entity: ContactsChange['entity'], ids: Iterable<number>): void {
    if (!this.pending) throw new Error(`contacts bug: ${entity} changed outside ContactsWriter.write`);
    const set = this.pending[entity];
    for (const id of ids) set.add(id);
  }

  /** Reports a write done elsewhere (an import committed by a worker on its own connection). */
  announce(changes: ContactsChange[]): void {
    this.emit(changes);
  }

  private emit(changes: ContactsChange[]): void {
    const touched = changes.filter((c) => c.ids.length);
    if (!touched.length) return;
    for (const listener of this.listeners) {
      try {
        listener(touched);
      } catch (err) {
        // Committed already: a failing listener is its own bug, reported without undoing the write.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
