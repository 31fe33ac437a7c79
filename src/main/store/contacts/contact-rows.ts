// Contacts rows: reading them with their PEC evidence and groups, writing cleaned ContactData.
// Empty text is stored as NULL for the addresses (so the address indexes skip it) and the other
// optional columns, and read back as ''. The badge itself is the contacts domain's judgement
// (pecStatusOf): the store hands over what receipts recorded of the address (seenCertified).
import type Database from 'better-sqlite3';
import { searchCondition, searchText } from './search-text';
import type { ContactData, DuplicateSet, ListContactsOptions, StoredContact, StoredContactPage } from './types';

interface ContactRow {
  id: number;
  name: string;
  organization: string | null;
  pec: string | null;
  email: string | null;
  taxCode: string | null;
  fields: string;
  tags: string;
  notes: string | null;
  isPec: number;
  createdAt: string;
  updatedAt: string;
  seenCertified: number | null;
  groupIds: string;
}

const selectContact = `
  SELECT c.id, c.name, c.organization, c.pec, c.email, c.tax_code AS taxCode, c.fields, c.tags, c.notes,
    c.is_pec AS isPec, c.created_at AS createdAt, c.updated_at AS updatedAt, s.certified AS seenCertified,
    (SELECT json_group_array(group_id) FROM group_members WHERE contact_id = c.id) AS groupIds
  FROM contacts c LEFT JOIN pec_addresses_seen s ON s.address = COALESCE(c.pec, c.email)`;

/** The columns of a contact as bound parameters. */
function params(data: ContactData): Record<string, unknown> {
  return {
    name: data.name,
    organization: data.organization || null,
    pec: data.pec || null,
    email: data.email || null,
    taxCode: data.taxCode || null,
    fields: JSON.stringify(data.fields),
    tags: JSON.stringify(data.tags),
    notes: data.notes || null,
    isPec: data.isPec ? 1 : 0,
    searchText: searchText(data),
  };
}

function toContact(row: ContactRow): StoredContact {
  const data = toData(row);
  return {
    id: row.id,
    ...data,
    seenCertified: row.seenCertified,
    groupIds: (JSON.parse(row.groupIds) as number[]).sort((a, b) => a - b),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toData(row: Omit<ContactRow, 'id' | 'createdAt' | 'updatedAt' | 'seenCertified' | 'groupIds'>): ContactData {
  // Copied into a prototype-less record: a stored key such as "constructor" stays plain data.
  const fields = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(JSON.parse(row.fields) as Record<string, string>)) fields[key] = String(value);
  return {
    name: row.name,
    organization: row.organization ?? '',
    pec: row.pec ?? '',
    email: row.email ?? '',
    taxCode: row.taxCode ?? '',
    fields,
    tags: JSON.parse(row.tags) as string[],
    notes: row.notes ?? '',
    isPec: row.isPec === 1,
  };
}

/** Prepared statements over contacts. */
export class ContactRows {
  private readonly byId: Database.Statement<[number], ContactRow>;
  private readonly insertRow: Database.Statement<unknown[]>;
  private readonly updateRow: Database.Statement<Record<string, unknown>>;
  private readonly deleteRow: Database.Statement<[number]>;
  private readonly allAddresses: Database.Statement<[], { id: number; pec: string | null; email: string | null }>;

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare(`${selectContact} WHERE c.id = ?`);
    // Positional parameters and lastInsertRowid rather than named ones and RETURNING: an import
    // runs it 50,000 times in a row, and binding by name and reading a result row cost more.
    this.insertRow = db.prepare(
      `INSERT INTO contacts (name, organization, pec, email, tax_code, fields, tags, notes, is_pec, search_text, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateRow = db.prepare(
      `UPDATE contacts SET name = @name, organization = @organization, pec = @pec, email = @email, tax_code = @taxCode,
         fields = @fields, tags = @tags, notes = @notes, is_pec = @isPec, search_text = @searchText, updated_at = @now WHERE id = @id`,
    );
    this.deleteRow = db.prepare('DELETE FROM contacts WHERE id = ?');
    this.allAddresses = db.prepare('SELECT id, pec, email FROM contacts ORDER BY id');
  }

  get(id: number): StoredContact | null {
    const row = this.byId.get(id);
    return row ? toContact(row) : null;
  }

  insert(data: ContactData, now: string): number {
    const p = params(data);
    const row = [p.name, p.organization, p.pec, p.email, p.taxCode, p.fields, p.tags, p.notes, p.isPec, p.searchText, now, now];
    return Number(this.insertRow.run(row).lastInsertRowid);
  }

  update(id: number, data: ContactData, now: string): boolean {
    return this.updateRow.run({ ...params(data), id, now }).changes > 0;
  }

  remove(id: number): boolean {
    return this.deleteRow.run(id).changes > 0;
  }

  /** Fills search_text of rows written without it (before migration 2, or by another writer). */
  fillSearchText(): void {
    const rows = this.db.prepare('SELECT id, name, organization, pec, email FROM contacts WHERE search_text IS NULL').all() as {
      id: number; name: string; organization: string | null; pec: string | null; email: string | null;
    }[];
    if (!rows.length) return;
    const update = this.db.prepare('UPDATE contacts SET search_text = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const r of rows) update.run(searchText({ name: r.name, organization: r.organization ?? '', pec: r.pec ?? '', email: r.email ?? '' }), r.id);
    })();
  }

  /** Every stored address (pec and e-mail alike) and the oldest contact holding it. */
  addressIndex(): Map<string, number> {
    const index = new Map<string, number>();
    for (const row of this.allAddresses.iterate()) {
      for (const address of [row.pec, row.email]) if (address && !index.has(address)) index.set(address, row.id);
    }
    return index;
  }

  /** A page of contacts by name, optionally of one group and matching typed words. */
  list(options: ListContactsOptions = {}): StoredContactPage {
    const where: string[] = [];
    const args: unknown[] = [];
    if (options.groupId !== undefined) {
      where.push('c.id IN (SELECT contact_id FROM group_members WHERE group_id = ?)');
      args.push(options.groupId);
    }
    const match = options.query ? searchCondition(options.query) : null;
    if (match) {
      where.push(match.sql);
      args.push(...match.args);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = Math.max(0, options.offset ?? 0);
    const limit = options.limit === undefined ? -1 : Math.max(0, options.limit);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM contacts c ${filter}`).get(...args) as { n: number }).n;
    const rows = this.db
      .prepare(`${selectContact} ${filter} ORDER BY COALESCE(NULLIF(c.name, ''), c.organization, c.pec, c.email) COLLATE NOCASE, c.id LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as ContactRow[];
    return { total, offset, rows: rows.map(toContact) };
  }

  /** Addresses held by more than one contact. */
  duplicates(): DuplicateSet[] {
    const rows = this.db
      .prepare(
        `SELECT address, json_group_array(id) AS ids FROM (
           SELECT id, pec AS address FROM contacts WHERE pec IS NOT NULL
           UNION SELECT id, email FROM contacts WHERE email IS NOT NULL
         ) GROUP BY address HAVING COUNT(DISTINCT id) > 1 ORDER BY address`,
      )
      .all() as { address: string; ids: string }[];
    return rows.map((r) => ({ address: r.address, contactIds: (JSON.parse(r.ids) as number[]).sort((a, b) => a - b) }));
  }

  /** Ids of the contacts holding any of the addresses. */
  idsWithAddresses(addresses: string[]): number[] {
    const select = this.db.prepare('SELECT id FROM contacts WHERE pec = ? OR email = ?').pluck();
    const ids = new Set<number>();
    for (const a of addresses) for (const id of select.all(a, a) as number[]) ids.add(id);
    return [...ids];
  }

  /** Points the bulk sends' recipients of otherId at keepId (a merge; ON DELETE would set them to NULL). */
  moveCampaignRecipients(otherId: number, keepId: number): void {
    this.db.prepare('UPDATE campaign_recipients SET contact_id = ? WHERE contact_id = ?').run(keepId, otherId);
  }
}
