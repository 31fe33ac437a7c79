// Accounts: settings (validated), provider presets, passwords (SecretStore), connection checks.
// Other domains reach accounts only through this file.

/** Account settings: types, the zod schema, and the helpers every caller needs. */
export {
  accountSettingsSchema,
  parseAccountSettings,
  addressDomain,
  securityWarnings,
  type Account,
  type AccountSettings,
  type Security,
  type ServerEndpoint,
  type SettingsIssue,
  type SettingsResult,
} from './settings';

/** The sending limits in force: the account's own, its provider's, or PEC defaults. */
export { effectiveLimits, type EffectiveLimits } from './limits';

/** Provider presets from resources/providers.json. */
export { PROVIDER_PRESETS, findPreset, presetForAddress, settingsFromPreset, type PresetInput, type ProviderPreset } from './presets';

/** Connection options for imapflow/nodemailer and the reading of their errors. */
export {
  imapOptions,
  smtpOptions,
  classifyConnectionError,
  type ConnectOptions,
  type ConnectionFailure,
  type ConnectionStage,
  type SmtpConnectionOptions,
} from './connection';

/** An IMAP client logged in with an account's settings, or why the login failed. */
export { loginImap } from './imap-login';
/** Logs in to IMAP and SMTP and says which step failed. */
export { testConnection, resolveSentFolder, type ConnectionReport, type ImapCheck, type SmtpCheck } from './test-connection';

/** Password storage: the interface and its two encrypted implementations. */
export { type SecretStore, type SecretResult, type SecretErrorCode } from './secret-store';
/** SecretStore over Electron's safeStorage (passed in by the app). */
export { SafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';
/** SecretStore with a passphrase-derived key, for the CLI and tests. */
export { FileKeySecretStore, headlessPassphrase, SECRET_KEY_ENV, SECRET_KEY_FILE } from './file-key-secret-store';

/** SecretStore behind a master password the user types (Linux without a keyring). */
export { MasterPasswordSecretStore, copySecrets, MASTER_PASSWORD_MIN_LENGTH, type MasterPasswordState } from './master-password-secret-store';
/** Whether the OS keychain really encrypts, or a master password is needed instead. */
export { chooseKeychain, type KeychainChoice, type KeychainProbe } from './keychain-choice';
/** Passwords sealed together with the servers they were saved for. */
export { passwordBinding, sealPassword, openPassword } from './password-binding';

/** Accounts over a storage adapter plus a SecretStore. */
export {
  AccountsService,
  type AccountsStorage,
  type AccountListing,
  type AccountResult,
  type AccountErrorCode,
  type AccountRemovalMode,
  type StoredAccount,
  type StorageSaveResult,
} from './service';
/** AccountsStorage over the store's accounts table (services.ts wires it). */
export { storeAccountsStorage, type AccountTable } from './store-storage';
