// Which password store the desktop app uses. Electron's safeStorage is real encryption with the
// OS keychain (DPAPI, Keychain, libsecret, KWallet) — except on Linux with no keyring, where it
// reports the "basic_text" backend: a key hard-coded in Chromium, which protects nothing.
import type { SafeStorage } from 'electron';

/** How the desktop app keeps passwords, and why. */
export type KeychainChoice =
  | { kind: 'keychain'; backend: string }
  | { kind: 'master-password'; reason: 'basic-text' | 'unavailable'; backend: string };

/** The part of safeStorage the choice reads. */
export type KeychainProbe = Pick<SafeStorage, 'isEncryptionAvailable'> & Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/** Keychain when it encrypts for real; otherwise a master password the user types. */
export function chooseKeychain(safeStorage: KeychainProbe, platform: NodeJS.Platform = process.platform): KeychainChoice {
  const backend = platform === 'linux' && safeStorage.getSelectedStorageBackend ? safeStorage.getSelectedStorageBackend() : 'os';
  if (!safeStorage.isEncryptionAvailable()) return { kind: 'master-password', reason: 'unavailable', backend };
  if (backend === 'basic_text' || backend === 'unknown') return { kind: 'master-password', reason: 'basic-text', backend };
  return { kind: 'keychain', backend };
}
