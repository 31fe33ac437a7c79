// Passwords behind a master password the user types, for systems whose keychain protects nothing:
// on Linux without a keyring Electron's safeStorage falls back to "basic_text", a key hard-coded
// in Chromium, so any process of the user could decrypt what it stores. Same scheme as the
// headless store (scrypt key, AES-256-GCM), but the passphrase lives only in the user's head and
// in this process's memory after unlocking.
import fs from 'node:fs';
import { FileKeySecretStore } from './file-key-secret-store';
import type { SecretResult, SecretStore } from './secret-store';

/** Whether the master password exists yet and whether this process knows it. */
export type MasterPasswordState = 'not-set' | 'locked' | 'unlocked';

// An entry encrypted under the master password proves a typed password right without storing it.
const CHECK_ID = '__master-password-check__';
const CHECK_VALUE = 'PecDesk master password';
/** Shorter master passwords are refused: they guard every mailbox password at once. */
export const MASTER_PASSWORD_MIN_LENGTH = 10;

const LOCKED: SecretResult<never> = { ok: false, code: 'locked', detail: 'Saved passwords are locked: type the master password to unlock them.' };

/** SecretStore that opens only after `unlock` (or `create`) with the master password. */
export class MasterPasswordSecretStore implements SecretStore {
  private open: FileKeySecretStore | null = null;

  constructor(readonly file: string) {}

  state(): MasterPasswordState {
    if (this.open) return 'unlocked';
    return fs.existsSync(this.file) ? 'locked' : 'not-set';
  }

  /** Sets the master password the first time; refuses when one exists already. */
  async create(password: string): Promise<SecretResult<void>> {
    if (this.state() !== 'not-set') return { ok: false, code: 'already-set', detail: 'A master password is already set: unlock with it.' };
    if (password.length < MASTER_PASSWORD_MIN_LENGTH) {
      return { ok: false, code: 'weak-password', detail: `The master password needs at least ${MASTER_PASSWORD_MIN_LENGTH} characters.` };
    }
    const store = new FileKeySecretStore(this.file, password);
    const written = await store.set(CHECK_ID, CHECK_VALUE);
    if (!written.ok) return written;
    this.open = store;
    return { ok: true, value: undefined };
  }

  /** Unlocks with the master password; a wrong one answers decrypt-failed and stays locked. */
  async unlock(password: string): Promise<SecretResult<void>> {
    if (this.open) return { ok: true, value: undefined };
    if (!password) return { ok: false, code: 'decrypt-failed', detail: 'Type the master password.' };
    const store = new FileKeySecretStore(this.file, password);
    const check = await store.get(CHECK_ID);
    if (!check.ok && check.code === 'decrypt-failed') return { ok: false, code: 'decrypt-failed', detail: 'Wrong master password.' };
    if (!check.ok) return check;
    if (check.value !== CHECK_VALUE) return { ok: false, code: 'corrupt', detail: `${this.file} has no master password check: it is damaged.` };
    this.open = store;
    return { ok: true, value: undefined };
  }

  get(accountId: string): Promise<SecretResult<string | null>> {
    return this.open ? this.open.get(accountId) : Promise.resolve(LOCKED);
  }

  set(accountId: string, secret: string): Promise<SecretResult<void>> {
    return this.open ? this.open.set(accountId, secret) : Promise.resolve(LOCKED);
  }

  delete(accountId: string): Promise<SecretResult<void>> {
    return this.open ? this.open.delete(accountId) : Promise.resolve(LOCKED);
  }
}

/** Copies the given accounts' secrets into another store (from a keychain that protects nothing into the master-password one). */
export async function copySecrets(from: SecretStore, to: SecretStore, accountIds: string[]): Promise<SecretResult<number>> {
  let copied = 0;
  for (const id of accountIds) {
    const secret = await from.get(id);
    if (!secret.ok) return secret;
    if (secret.value === null) continue;
    const written = await to.set(id, secret.value);
    if (!written.ok) return written;
    copied++;
  }
  return { ok: true, value: copied };
}
