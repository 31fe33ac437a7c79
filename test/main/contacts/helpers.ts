// A fresh store in a temp folder with the contacts domain over it, removed after the test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Contacts } from '../../../src/main/contacts';
import { openStore, type Store, type StoreOptions } from '../../../src/main/store';

/** The contacts fixtures folder. */
export const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'contacts');

/** Path of a fixture file. */
export function fixture(name: string): string {
  return path.join(fixtures, name);
}

/** Runs fn with contacts over a new store; the folder is removed afterwards. */
export async function withContacts<T>(fn: (contacts: Contacts, store: Store, dir: string) => Promise<T> | T, options: { maxRows?: number } & StoreOptions = {}): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-contacts-'));
  const store = openStore(dir, { trustIndex: options.trustIndex });
  try {
    return await fn(new Contacts(store, options), store, dir);
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Unwraps a result, failing the test with its detail. */
export function ok<T>(result: { ok: true; value: T } | { ok: false; code: string; detail: string }): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.detail}`);
  return result.value;
}
