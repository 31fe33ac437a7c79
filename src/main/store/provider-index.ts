// The providers' index versions (migration 7): the LDIF bytes byte-exact on disk, fsynced before
// the row that names them commits, and the parsed providers in the row so the index in force
// loads without parsing again. Rows are only ever added: a verdict names the version it used.
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ChangeTracker } from './changes';
import { readAddressed, sha256Hex, writeAddressed, type RawReadResult } from './rawStore';
import type { NewProviderIndexVersion, ProviderIndexState, ProviderIndexVersionRow, StoredProvider } from './types';

/** Where a version's bytes live in the store folder: provider-index/<sha256>.ldif. */
export function providerIndexRelPath(sha256: string): string {
  return path.posix.join('provider-index', `${sha256}.ldif`);
}

const versionColumns = `id, sha256, size, source, imported_at AS importedAt, provider_count AS providers, domain_count AS domains`;

interface ProviderJson {
  name: string;
  certificateSha1: string[];
  certificatesDer: string[];
  managedDomains: string[];
  mailReceipt: string | null;
}

/** Result of recording a version. */
export type RecordIndexResult = { ok: true; version: ProviderIndexVersionRow } | { ok: false; code: 'raw-write-failed'; detail: string };

/** Writes and reads the providers' index versions and the update state. */
export class ProviderIndexQueries {
  private readonly insert: Database.Statement;
  private readonly current: Database.Statement<[], ProviderIndexVersionRow>;
  private readonly currentId: Database.Statement<[], { id: number }>;
  private readonly byId: Database.Statement<[number], ProviderIndexVersionRow>;
  private readonly all: Database.Statement<[], ProviderIndexVersionRow>;
  private readonly providersOf: Database.Statement<[number], { providers: string }>;
  private readonly stateRows: Database.Statement<[], { key: string; value: string }>;
  private readonly setState: Database.Statement<[string, string]>;
  private readonly deleteState: Database.Statement<[string]>;

  constructor(
    db: Database.Database,
    private readonly storeDir: string,
    private readonly changes: ChangeTracker,
  ) {
    this.insert = db.prepare(
      `INSERT INTO provider_index_versions (sha256, size, source, imported_at, provider_count, domain_count, providers)
       VALUES (@sha256, @size, @source, @importedAt, @providers, @domains, @json)`,
    );
    this.current = db.prepare(`SELECT ${versionColumns} FROM provider_index_versions ORDER BY id DESC LIMIT 1`);
    this.currentId = db.prepare('SELECT max(id) AS id FROM provider_index_versions');
    this.byId = db.prepare(`SELECT ${versionColumns} FROM provider_index_versions WHERE id = ?`);
    this.all = db.prepare(`SELECT ${versionColumns} FROM provider_index_versions ORDER BY id`);
    this.providersOf = db.prepare('SELECT providers FROM provider_index_versions WHERE id = ?');
    this.stateRows = db.prepare('SELECT key, value FROM provider_index_state');
    this.setState = db.prepare('INSERT INTO provider_index_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.deleteState = db.prepare('DELETE FROM provider_index_state WHERE key = ?');
  }

  /** Files the bytes (fsynced), then the row; the new version is the one in force. */
  record(input: NewProviderIndexVersion): RecordIndexResult {
    const sha256 = sha256Hex(input.raw);
    const written = writeAddressed(this.storeDir, providerIndexRelPath(sha256), input.raw, sha256);
    if (!written.ok) return { ok: false, code: written.code, detail: written.detail };
    const json: ProviderJson[] = input.providers.map((p) => ({
      name: p.name,
      certificateSha1: p.certificateSha1,
      certificatesDer: p.certificatesDer.map((der) => der.toString('base64')),
      managedDomains: p.managedDomains,
      mailReceipt: p.mailReceipt,
    }));
    const domains = new Set(input.providers.flatMap((p) => p.managedDomains)).size;
    const importedAt = input.importedAt ?? new Date().toISOString();
    const id = this.changes.write(() => {
      const row = this.insert.run({ sha256, size: input.raw.length, source: input.source, importedAt, providers: input.providers.length, domains, json: JSON.stringify(json) });
      this.changes.note('provider_index_versions', [row.lastInsertRowid]);
      return Number(row.lastInsertRowid);
    });
    return { ok: true, version: this.byId.get(id)! };
  }

  currentVersion(): ProviderIndexVersionRow | null {
    return this.current.get() ?? null;
  }

  /** The id of the version in force, or null: cheap enough to check before every cached lookup. */
  currentVersionId(): number | null {
    return this.currentId.get()?.id ?? null;
  }

  version(id: number): ProviderIndexVersionRow | null {
    return this.byId.get(id) ?? null;
  }

  versions(): ProviderIndexVersionRow[] {
    return this.all.all();
  }

  providers(versionId: number): StoredProvider[] | null {
    const row = this.providersOf.get(versionId);
    if (!row) return null;
    return (JSON.parse(row.providers) as ProviderJson[]).map((p) => ({ ...p, certificatesDer: p.certificatesDer.map((b64) => Buffer.from(b64, 'base64')) }));
  }

  /** The LDIF bytes of a version, checked against their SHA-256. */
  readRaw(versionId: number): RawReadResult | null {
    const row = this.byId.get(versionId);
    return row ? readAddressed(this.storeDir, providerIndexRelPath(row.sha256), row.sha256) : null;
  }

  state(): ProviderIndexState {
    const map = new Map(this.stateRows.all().map((r) => [r.key, r.value]));
    return {
      url: map.get('url') ?? null,
      lastAttemptAt: map.get('lastAttemptAt') ?? null,
      lastError: map.get('lastError') ?? null,
      lastCheckedAt: map.get('lastCheckedAt') ?? null,
    };
  }

  updateState(patch: Partial<ProviderIndexState>): void {
    this.changes.write(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === null) this.deleteState.run(key);
        else if (value !== undefined) this.setState.run(key, value);
      }
      this.changes.note('provider_index_state', [0]);
    });
  }
}
