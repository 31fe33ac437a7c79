// Passwords encrypted with the operating system's keychain through Electron's safeStorage
// (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux). The app passes
// safeStorage in; this file never imports electron, so it runs under plain Node too.
import type { SafeStorage } from 'electron';
import { SecretsFile, type SecretResult, type SecretStore } from './secret-store';

/** The part of Electron's safeStorage this store uses. */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

/** SecretStore over Electron safeStorage; refuses to store when the OS offers no encryption. */
export class SafeStorageSecretStore implements SecretStore {
  private readonly file: SecretsFile;

  constructor(
    file: string,
    private readonly safeStorage: SafeStorageLike,
  ) {
    this.file = new SecretsFile(file, 'safe-storage');
  }

  private unavailable(): SecretResult<never> {
    // On Linux without a keyring safeStorage falls back to a hard-coded key ("basic_text");
    // isEncryptionAvailable() is false then only when even that is missing. Either way we
    // refuse rather than keep a password a copy of the file would reveal.
    return { ok: false, code: 'encryption-unavailable', detail: 'The system keychain is not available: the password was not saved.' };
  }

  async get(accountId: string): Promise<SecretResult<string | null>> {
    const entry = this.file.entry(accountId);
    if (!entry.ok) return entry;
    const blob = entry.value;
    if (blob === undefined) return { ok: true, value: null };
    if (!this.safeStorage.isEncryptionAvailable()) return this.unavailable();
    try {
      return { ok: true, value: this.safeStorage.decryptString(Buffer.from(blob, 'base64')) };
    } catch (err) {
      return { ok: false, code: 'decrypt-failed', detail: `The saved password cannot be decrypted on this system: ${(err as Error).message}` };
    }
  }

  async set(accountId: string, secret: string): Promise<SecretResult<void>> {
    if (!this.safeStorage.isEncryptionAvailable()) return this.unavailable();
    const content = this.file.read();
    if (!content.ok) return content;
    const next = content.value ?? { version: 1 as const, scheme: 'safe-storage' as const, entries: {} };
    next.entries[accountId] = this.safeStorage.encryptString(secret).toString('base64');
    return this.file.write(next);
  }

  async delete(accountId: string): Promise<SecretResult<void>> {
    return this.file.remove(accountId);
  }
}
