// The store's database file opened beside the store, on a connection of the test's own: the Store
// hands out no database handle (every statement of the product lives in src/main/store/), so a
// test that counts rows or reads a column no method returns opens the file itself.
import path from 'node:path';
import Database from 'better-sqlite3';

/** Runs `read` on a read-only connection to the store's database in `store.dir`, closed afterwards. */
export function readStoreDb<T>(store: { dir: string }, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(store.dir, 'pecdesk.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** How many rows `sql` (a `SELECT count(*) AS n …`) counts, read-only. */
export function countRows(store: { dir: string }, sql: string, ...params: unknown[]): number {
  return readStoreDb(store, (db) => (db.prepare(sql).get(...params) as { n: number }).n);
}

/**
 * Runs `write` on a writable connection of its own, as another process would: only for tests that
 * fabricate a state the product never writes by itself (rows left 'submitting' by a killed
 * process, a verdict column from before it existed). Everything else goes through the Store.
 */
export function writeStoreDb<T>(store: { dir: string }, write: (db: Database.Database) => T): T {
  const db = new Database(path.join(store.dir, 'pecdesk.sqlite'), { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    return write(db);
  } finally {
    db.close();
  }
}
