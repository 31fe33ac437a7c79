// Writes and their change records. Every write runs in one transaction that notes which rows it
// touched; listeners hear about them only after COMMIT, so a UI that re-queries on a change
// always sees the committed rows (server → mail → store → change → renderer, CONTRIBUTING.md
// "The store is the single writer, and the UI re-queries on change events").
import type Database from 'better-sqlite3';
import type { ChangeListener, StoreChange, StoreEntity } from './types';

/** Runs writes in transactions and tells listeners what each committed write touched. */
export class ChangeTracker {
  private readonly listeners = new Set<ChangeListener>();
  private pending: Map<StoreEntity, Set<number>> | null = null;
  /**
   * BEGIN IMMEDIATE … COMMIT around a function, made once: better-sqlite3's db.transaction() builds
   * four wrappers and their properties at every call, about 20 µs, and a bulk send commits several
   * hundred times a second.
   */
  private readonly immediate: (fn: () => unknown) => unknown;

  constructor(db: Database.Database) {
    this.immediate = db.transaction((fn: () => unknown) => fn()).immediate;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs fn in a transaction (or inside the caller's) and emits its changes after commit. */
  write<T>(fn: () => T): T {
    if (this.pending) return fn();
    this.pending = new Map();
    let touched: Map<StoreEntity, Set<number>>;
    let result: T;
    try {
      result = this.immediate(fn) as T;
    } finally {
      touched = this.pending;
      this.pending = null;
    }
    this.emit(touched);
    return result;
  }

  /** Records that rows of a table changed in the current write. */
  note(entity: StoreEntity, ids: Iterable<number | bigint>): void {
    if (!this.pending) throw new Error(`store bug: ${entity} changed outside ChangeTracker.write`);
    let set = this.pending.get(entity);
    if (!set) this.pending.set(entity, (set = new Set()));
    for (const id of ids) set.add(Number(id));
  }

  /** Tells listeners about a write committed on another connection (the contacts import's worker). */
  announce(changes: StoreChange[]): void {
    this.emit(new Map(changes.map((c) => [c.entity, new Set(c.ids)])));
  }

  private emit(touched: Map<StoreEntity, Set<number>>): void {
    const changes: StoreChange[] = [];
    for (const [entity, ids] of touched) if (ids.size) changes.push({ entity, ids: [...ids] });
    if (!changes.length) return;
    for (const listener of this.listeners) {
      try {
        listener(changes);
      } catch (err) {
        // The write is committed: a failing listener is its own bug, reported without undoing it.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
