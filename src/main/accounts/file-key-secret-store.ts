// Passwords encrypted with a key derived from a passphrase the operator gives explicitly: for
// the CLI, servers without a desktop keychain, and tests. AES-256-GCM, key from scrypt.
//
// It is only as safe as the passphrase: when it comes from a key file next to the data, anyone
// who can read that file can decrypt the passwords. It protects against a copied secrets file
// or backup without the key, not against someone with the whole data folder.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SecretsFile, type SecretResult, type SecretStore } from './secret-store';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

// OWASP's scrypt minimum (N=2^17, r=8, p=1): ~128 MiB and a few hundred ms, paid once per store.
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const IV_BYTES = 12; // the GCM nonce size NIST SP 800-38D recommends
const TAG_BYTES = 16;

/** The environment variable that holds the passphrase for headless use. */
export const SECRET_KEY_ENV = 'PECDESK_SECRET_KEY';
/** The key file created in the data folder when no passphrase is given. */
export const SECRET_KEY_FILE = 'secret.key';

/**
 * The passphrase for a FileKeySecretStore: $PECDESK_SECRET_KEY when set, otherwise the content of
 * `<dataDir>/secret.key`, created (0600, 32 random bytes) on first use.
 */
export function headlessPassphrase(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[SECRET_KEY_ENV];
  if (fromEnv) return fromEnv;
  const keyFile = path.join(dataDir, SECRET_KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails when the file exists, so two processes starting together keep one key.
    fs.writeFileSync(keyFile, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(keyFile, 'utf8').trim();
}

/** SecretStore with AES-256-GCM under a scrypt key from an explicit passphrase. */
export class FileKeySecretStore implements SecretStore {
  private readonly file: SecretsFile;
  private key: Promise<SecretResult<{ key: Buffer; salt: string }>> | null = null;

  constructor(
    file: string,
    private readonly passphrase: string,
  ) {
    if (!passphrase) throw new Error('FileKeySecretStore needs a non-empty passphrase');
    this.file = new SecretsFile(file, 'file-key');
  }

  /** The derived key and its salt: the file's salt, or a new one for a new file. */
  private deriveKey(): Promise<SecretResult<{ key: Buffer; salt: string }>> {
    this.key ??= (async () => {
      const content = this.file.read();
      if (!content.ok) return content;
      const salt = content.value?.salt ?? crypto.randomBytes(16).toString('base64');
      const key = await scrypt(this.passphrase, Buffer.from(salt, 'base64'), 32, SCRYPT);
      return { ok: true as const, value: { key, salt } };
    })();
    return this.key;
  }

  async get(accountId: string): Promise<SecretResult<string | null>> {
    const entry = this.file.entry(accountId);
    if (!entry.ok) return entry;
    const blob = entry.value;
    if (blob === undefined) return { ok: true, value: null };
    const derived = await this.deriveKey();
    if (!derived.ok) return derived;
    try {
      const bytes = Buffer.from(blob, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', derived.value.key, bytes.subarray(0, IV_BYTES));
      // The account id is authenticated data: a blob copied onto another account fails to open.
      decipher.setAAD(Buffer.from(accountId, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      return { ok: true, value: plain.toString('utf8') };
    } catch {
      return { ok: false, code: 'decrypt-failed', detail: 'The saved password cannot be decrypted: wrong passphrase (PECDESK_SECRET_KEY or secret.key) or a damaged file.' };
    }
  }

  async set(accountId: string, secret: string): Promise<SecretResult<void>> {
    const derived = await this.deriveKey();
    if (!derived.ok) return derived;
    const content = this.file.read();
    if (!content.ok) return content;
    const next = content.value ?? { version: 1 as const, scheme: 'file-key' as const, salt: derived.value.salt, entries: {} };
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', derived.value.key, iv);
    cipher.setAAD(Buffer.from(accountId, 'utf8'));
    const encrypted = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    next.entries[accountId] = Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64');
    return this.file.write(next);
  }

  async delete(accountId: string): Promise<SecretResult<void>> {
    return this.file.remove(accountId);
  }
}
