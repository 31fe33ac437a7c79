// Where account passwords live, apart from the settings (which are stored in SQLite in clear).
// Every implementation keeps only encrypted blobs on disk and refuses to store plaintext.
import fs from 'node:fs';
import path from 'node:path';

/** Why a secret could not be read or written. */
export type SecretErrorCode = 'encryption-unavailable' | 'decrypt-failed' | 'io' | 'corrupt' | 'locked' | 'weak-password' | 'already-set';

/** A SecretStore answer: a value, or an error code with plain words. */
export type SecretResult<T> = { ok: true; value: T } | { ok: false; code: SecretErrorCode; detail: string };

/** Keeps one secret (a password) per account id, encrypted at rest. */
export interface SecretStore {
  /** The secret of an account, or null when none is stored. */
  get(accountId: string): Promise<SecretResult<string | null>>;
  set(accountId: string, secret: string): Promise<SecretResult<void>>;
  delete(accountId: string): Promise<SecretResult<void>>;
}

/** What a secrets file holds: which scheme wrote it, its parameters, and one base64 blob per account. */
export interface SecretsFileContent {
  version: 1;
  scheme: 'safe-storage' | 'file-key';
  /** base64 scrypt salt (file-key only). */
  salt?: string;
  entries: Record<string, string>;
}

/**
 * A JSON file of encrypted blobs, readable and writable by the owner only (0600, folder 0700).
 * Writes go to a temporary file renamed over the old one, so a crash never leaves half a file.
 */
export class SecretsFile {
  constructor(
    readonly file: string,
    private readonly scheme: SecretsFileContent['scheme'],
  ) {}

  read(): SecretResult<SecretsFileContent | null> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: null };
      return { ok: false, code: 'io', detail: `cannot read ${this.file}: ${(err as Error).message}` };
    }
    try {
      const content = JSON.parse(text) as SecretsFileContent;
      if (content.version !== 1 || typeof content.entries !== 'object' || content.entries === null) throw new Error('unknown layout');
      if (content.scheme !== this.scheme) {
        return { ok: false, code: 'corrupt', detail: `${this.file} was written by the ${content.scheme} store, not ${this.scheme}` };
      }
      return { ok: true, value: content };
    } catch (err) {
      return { ok: false, code: 'corrupt', detail: `${this.file} is not a PecDesk secrets file: ${(err as Error).message}` };
    }
  }

  /** The blob stored for an account, or undefined when it has none. */
  entry(accountId: string): SecretResult<string | undefined> {
    const content = this.read();
    if (!content.ok) return content;
    return { ok: true, value: content.value?.entries[accountId] };
  }

  /** Removes an account's blob (nothing to write when it has none). */
  remove(accountId: string): SecretResult<void> {
    const content = this.read();
    if (!content.ok) return content;
    if (!content.value || !(accountId in content.value.entries)) return { ok: true, value: undefined };
    delete content.value.entries[accountId];
    return this.write(content.value);
  }

  write(content: SecretsFileContent): SecretResult<void> {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(content, null, 2), { mode: 0o600 });
      // writeFileSync's mode is filtered by the umask and ignored for an existing file.
      fs.chmodSync(tmp, 0o600);
      fs.renameSync(tmp, this.file);
      return { ok: true, value: undefined };
    } catch (err) {
      return { ok: false, code: 'io', detail: `cannot write ${this.file}: ${(err as Error).message}` };
    }
  }
}
