// Accounts as the rest of PecDesk sees them: settings checked here and kept by a storage
// adapter (the store's `accounts` table, which holds settings only), passwords in a
// SecretStore. The two are kept in step here, so no caller can store one without the other.
import { openPassword, passwordBinding, sealPassword } from './password-binding';
import { parseAccountSettings, type Account, type AccountSettings, type SettingsIssue } from './settings';
import type { SecretErrorCode, SecretStore } from './secret-store';
import { testConnection, type ConnectionReport } from './test-connection';
import type { ConnectOptions } from './connection';

/** A stored row as the storage gives it back: its id and settings still to be checked. */
export interface StoredAccount {
  id: string;
  settings: unknown;
}

/** What happens to a removed account's mail: kept as a read-only archive, or deleted. */
export type AccountRemovalMode = 'archive' | 'delete';

/** Outcome of AccountsStorage.upsert: the row's id, or why the database refused it. */
export type StorageSaveResult = { ok: true; id: string } | { ok: false; code: string; detail: string };

/** What AccountsService needs from a database; sync or async implementations both fit. */
export interface AccountsStorage {
  list(): StoredAccount[] | Promise<StoredAccount[]>;
  get(id: string): StoredAccount | null | Promise<StoredAccount | null>;
  /** Inserts settings without id (the storage assigns one) or updates the row with settings.id. */
  upsert(settings: AccountSettings): StorageSaveResult | Promise<StorageSaveResult>;
  /** 'archive' keeps the account's mail read-only and out of list(); 'delete' (the default) removes it. */
  remove(id: string, mode?: AccountRemovalMode): void | Promise<void>;
}

/** Why an AccountsService operation failed ('address-taken': another account, or a removed one's archive, has the address). */
export type AccountErrorCode = 'invalid-settings' | 'not-found' | 'no-password' | 'password-required' | 'address-taken' | 'storage' | SecretErrorCode;

/** An AccountsService answer. */
export type AccountResult<T> = { ok: true; value: T } | { ok: false; code: AccountErrorCode; detail: string; issues?: SettingsIssue[] };

/** The accounts in storage; rows whose settings no longer validate are listed apart, not hidden. */
export interface AccountListing {
  accounts: Account[];
  unreadable: { id: string; detail: string }[];
}

function toAccount(row: StoredAccount): AccountResult<Account> {
  const parsed = parseAccountSettings(row.settings);
  if (!parsed.ok) return { ok: false, code: 'invalid-settings', detail: `account ${row.id}: ${parsed.detail}`, issues: parsed.issues };
  return { ok: true, value: { ...parsed.settings, id: row.id } };
}

/** Creates, lists, updates and removes accounts, and tests their connection with the saved password. */
export class AccountsService {
  constructor(
    private readonly storage: AccountsStorage,
    private readonly secrets: SecretStore,
  ) {}

  async list(): Promise<AccountListing> {
    const listing: AccountListing = { accounts: [], unreadable: [] };
    for (const row of await this.storage.list()) {
      const account = toAccount(row);
      if (account.ok) listing.accounts.push(account.value);
      else listing.unreadable.push({ id: row.id, detail: account.detail });
    }
    return listing;
  }

  async get(id: string): Promise<AccountResult<Account>> {
    const row = await this.storage.get(id);
    if (!row) return { ok: false, code: 'not-found', detail: `no account with id ${id}` };
    return toAccount(row);
  }

  /**
   * Validates and stores settings (a new account when they have no id) and the password when
   * given. A new account whose password cannot be saved is removed again: a settings row
   * without its password would look usable and fail at the first sync. Changing an account's
   * servers (host, port, security or login) without typing the password again is refused: the
   * saved password is never handed to servers it was not saved for.
   */
  async save(input: unknown, password?: string): Promise<AccountResult<Account>> {
    const parsed = parseAccountSettings(input);
    if (!parsed.ok) return { ok: false, code: parsed.code, detail: parsed.detail, issues: parsed.issues };
    const settings = parsed.settings;
    const binding = passwordBinding(settings);
    if (settings.id !== undefined && password === undefined) {
      const kept = await this.sealed(settings.id);
      if (!kept.ok) return kept;
      if (kept.value && kept.value.binding !== binding) return passwordRequired();
    }
    if (settings.id !== undefined && password !== undefined) {
      const saved = await this.secrets.set(settings.id, sealPassword(password, binding));
      if (!saved.ok) return saved;
    }
    const stored = await this.storage.upsert(settings);
    if (!stored.ok) return { ok: false, code: stored.code === 'not-found' || stored.code === 'address-taken' ? stored.code : 'storage', detail: stored.detail };
    if (settings.id === undefined && password !== undefined) {
      const saved = await this.secrets.set(stored.id, sealPassword(password, binding));
      if (!saved.ok) {
        await this.storage.remove(stored.id);
        return saved;
      }
    }
    return { ok: true, value: { ...settings, id: stored.id } };
  }

  /** Removes an account's settings and its password; its mail is archived or deleted as mode says. */
  async remove(id: string, mode: AccountRemovalMode = 'delete'): Promise<AccountResult<void>> {
    await this.storage.remove(id, mode);
    return this.secrets.delete(id);
  }

  /** The saved password of an account, for the servers its stored settings name. */
  async password(id: string): Promise<AccountResult<string>> {
    const account = await this.get(id);
    // No account, no password: it went with the account.
    if (!account.ok && account.code === 'not-found') return { ok: false, code: 'no-password', detail: `no password saved for account ${id}` };
    if (!account.ok) return account;
    return this.passwordFor(account.value);
  }

  /**
   * The saved password of account `settings.id`, only if it was saved for exactly the servers
   * `settings` names (what a connection test with edited settings is about to contact).
   */
  async passwordFor(settings: Account): Promise<AccountResult<string>> {
    const sealed = await this.sealed(settings.id);
    if (!sealed.ok) return sealed;
    if (sealed.value === null) return { ok: false, code: 'no-password', detail: `no password saved for account ${settings.id}` };
    if (sealed.value.binding !== passwordBinding(settings)) return passwordRequired();
    return { ok: true, value: sealed.value.password };
  }

  /** The stored password with the binding it was saved under; one saved before bindings existed is bound to the stored settings. */
  private async sealed(id: string): Promise<AccountResult<{ password: string; binding: string } | null>> {
    const secret = await this.secrets.get(id);
    if (!secret.ok) return secret;
    if (secret.value === null) return { ok: true, value: null };
    const opened = openPassword(secret.value);
    if (opened.binding !== null) return { ok: true, value: { password: opened.password, binding: opened.binding } };
    const stored = await this.get(id);
    if (!stored.ok) return stored;
    return { ok: true, value: { password: opened.password, binding: passwordBinding(stored.value) } };
  }

  /** testConnection with the saved settings and password of an account. */
  async test(id: string, opts: ConnectOptions = {}): Promise<AccountResult<ConnectionReport>> {
    const account = await this.get(id);
    if (!account.ok) return account;
    const password = await this.passwordFor(account.value);
    if (!password.ok) return password;
    return { ok: true, value: await testConnection(account.value, password.value, opts) };
  }
}

function passwordRequired<T>(): AccountResult<T> {
  return {
    ok: false,
    code: 'password-required',
    detail: 'the saved password was saved for other servers (host, port, security or username changed): type it again',
  };
}
