// The renderer never names a folder to write into: it is untrusted (a compromised page could
// otherwise ask PecDesk to write anywhere the user can). The main process picks the folder with
// its own dialog (the browser build: the save folder its operator gave at launch) and hands the
// page an opaque token, good for one save, that only this process can turn back into the path.
import crypto from 'node:crypto';

// Long enough for a "choose folder, then save" of a person reading a list of file names.
const TOKEN_LIFETIME_MS = 15 * 60_000;

/** Folders chosen in the main process, as one-use tokens. */
export class FolderGrants {
  private readonly grants = new Map<string, { dir: string; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new token for `dir`. */
  grant(dir: string): string {
    this.prune();
    const token = crypto.randomBytes(16).toString('hex');
    this.grants.set(token, { dir, expires: this.now() + TOKEN_LIFETIME_MS });
    return token;
  }

  /** The folder of a live token, without using it up. */
  peek(token: string): string | null {
    const grant = this.grants.get(token);
    if (!grant) return null;
    if (grant.expires < this.now()) {
      this.grants.delete(token);
      return null;
    }
    return grant.dir;
  }

  /** Uses a token up: after a save, the page has to ask for a folder again. */
  revoke(token: string): void {
    this.grants.delete(token);
  }

  private prune(): void {
    const now = this.now();
    for (const [token, grant] of this.grants) if (grant.expires < now) this.grants.delete(token);
  }
}
