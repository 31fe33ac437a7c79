// AccountsStorage over the store's `accounts` table: name, address and kind in their own
// columns, the endpoints in imap/smtp JSON, the other preferences in settings JSON.
// Type-only import: the store is handed in by services.ts, accounts/ does not open it.
import type { AccountRow, AccountsStore } from '../store';
import type { AccountsStorage, StoredAccount } from './service';

/** The part of the Store this adapter uses. */
export type AccountTable = Pick<AccountsStore, 'saveAccount' | 'listAccounts' | 'removeAccount'>;

// The store numbers its rows; the rest of PecDesk (API, SecretStore) names accounts by string.
function toStored(row: AccountRow): StoredAccount {
  return { id: String(row.id), settings: { ...row.settings, name: row.name, address: row.address, kind: row.kind, imap: row.imap, smtp: row.smtp } };
}

function rowIdOf(id: string): number | null {
  const n = Number(id);
  return /^[1-9]\d*$/.test(id) && Number.isSafeInteger(n) ? n : null;
}

/** Adapts the store's account queries to AccountsService. */
export function storeAccountsStorage(store: AccountTable): AccountsStorage {
  return {
    list: () => store.listAccounts().map(toStored),
    get: (id) => {
      const row = store.listAccounts().find((r) => String(r.id) === id);
      return row ? toStored(row) : null;
    },
    upsert: (settings) => {
      const { id, name, address, kind, imap, smtp, ...preferences } = settings;
      const rowId = id === undefined ? undefined : rowIdOf(id);
      if (rowId === null) return { ok: false, code: 'not-found', detail: `no account with id ${id}` };
      const saved = store.saveAccount({ id: rowId, name, address, kind, imap: { ...imap }, smtp: { ...smtp }, settings: preferences });
      return saved.ok ? { ok: true, id: String(saved.accountId) } : saved;
    },
    remove: (id, mode) => {
      const rowId = rowIdOf(id);
      if (rowId !== null) store.removeAccount(rowId, mode);
    },
  };
}
