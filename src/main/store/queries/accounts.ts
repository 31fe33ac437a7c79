// Accounts: who the mailboxes are and how to reach them. Passwords never enter this table
// (they live in the accounts domain's SecretStore), and saveAccount refuses settings that try.
import type Database from 'better-sqlite3';
import type { ChangeTracker } from '../changes';
import type { AccountInput, AccountRow, JsonSettings } from '../types';
import { json, lowerAddress, nowIso, parseJson } from '../values';

/** Outcome of saveAccount. */
export type SaveAccountResult =
  | { ok: true; accountId: number }
  | { ok: false; code: 'secret-in-settings' | 'invalid-address' | 'address-taken' | 'not-found'; detail: string };

interface AccountColumns {
  id: number;
  name: string;
  address: string;
  kind: AccountRow['kind'];
  imap: string | null;
  smtp: string | null;
  settings: string;
  created_at: string;
}

const secretKey = /pass(word)?|secret|token/i;

/** Prepared account statements. */
export class AccountQueries {
  private readonly insert: Database.Statement<Record<string, unknown>, { id: number }>;
  private readonly update: Database.Statement<Record<string, unknown>, { id: number }>;
  private readonly byAddress: Database.Statement<[string], { id: number; archived: number }>;
  private readonly all: Database.Statement<[], AccountColumns>;

  constructor(
    db: Database.Database,
    private readonly changes: ChangeTracker,
  ) {
    this.insert = db.prepare(
      `INSERT INTO accounts (name, address, kind, imap, smtp, settings, created_at)
       VALUES (@name, @address, @kind, @imap, @smtp, @settings, @createdAt) RETURNING id`,
    );
    this.update = db.prepare(
      `UPDATE accounts SET name = @name, address = @address, kind = @kind, imap = @imap, smtp = @smtp, settings = @settings
       WHERE id = @id RETURNING id`,
    );
    this.byAddress = db.prepare(`SELECT id, json_extract(settings, '$.archivedAt') IS NOT NULL AS archived FROM accounts WHERE address = ?`);
    // Archived accounts (kept read-only after removal) neither sync nor send: they are not listed here.
    this.all = db.prepare(`SELECT * FROM accounts WHERE json_extract(settings, '$.archivedAt') IS NULL ORDER BY name, id`);
  }

  /** Creates an account, or updates the one with input.id. */
  saveAccount(input: AccountInput): SaveAccountResult {
    const address = lowerAddress(input.address);
    if (!address) return { ok: false, code: 'invalid-address', detail: `not an e-mail address: ${JSON.stringify(input.address)}` };
    for (const value of [input.imap, input.smtp, input.settings]) {
      const key = value ? findSecretKey(value) : null;
      if (key) return { ok: false, code: 'secret-in-settings', detail: `"${key}" looks like a secret: keep it in the SecretStore` };
    }
    return this.changes.write((): SaveAccountResult => {
      const other = this.byAddress.get(address);
      if (other && other.id !== input.id) {
        const detail = other.archived ? `${address} is kept in the archive of a removed account` : `${address} is already an account`;
        return { ok: false, code: 'address-taken', detail };
      }
      const row = {
        id: input.id ?? null,
        name: input.name,
        address,
        kind: input.kind,
        imap: input.imap ? json(input.imap) : null,
        smtp: input.smtp ? json(input.smtp) : null,
        settings: json(input.settings ?? {}),
        createdAt: nowIso(),
      };
      const saved = input.id === undefined ? this.insert.get(row) : this.update.get(row);
      if (!saved) return { ok: false, code: 'not-found', detail: `no account ${input.id}` };
      this.changes.note('accounts', [saved.id]);
      return { ok: true, accountId: saved.id };
    });
  }

  listAccounts(): AccountRow[] {
    return this.all.all().map((a) => ({
      id: a.id,
      name: a.name,
      address: a.address,
      kind: a.kind,
      imap: parseJson<JsonSettings>(a.imap),
      smtp: parseJson<JsonSettings>(a.smtp),
      settings: parseJson<JsonSettings>(a.settings) ?? {},
      createdAt: a.created_at,
    }));
  }
}

function findSecretKey(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (secretKey.test(key)) return key;
    const found = findSecretKey(inner);
    if (found) return found;
  }
  return null;
}
