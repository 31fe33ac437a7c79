// The recipient list of a bulk-send draft (up to 100,000), kept here as the user edits it, so the
// window holds only the page it shows (issue #14 §3): added in chunks (typed, pasted, a contacts
// group, a spreadsheet), removed, replaced, paged and counted. Rows are the campaign's queue rows
// (campaign_recipients, state 'pending'): starting the campaign sends exactly what is listed. Each
// address once per campaign (the table's UNIQUE): a repeat is reported as a duplicate, except that
// a contact's entry replaces a bare address typed before (it brings the placeholders' values).
// The send domain checks the campaign is still a draft and cleans the addresses before calling.
// No change event: the one editor making the change has its answer, and a list growing by chunks of
// thousands must not make every open view query again.
import type Database from 'better-sqlite3';
import type { DraftRecipientInput, DraftRecipientRow } from './types';

/** What an addition did: rows new to the list, and the addresses already in it. */
export interface DraftAddResult {
  added: number;
  duplicates: string[];
}

type RawRow = Omit<DraftRecipientRow, 'fields'> & { fields: string };

/** Prepared statements over the recipient lists of drafts. */
export class CampaignDraftRecipients {
  private readonly existing: Database.Statement<[number, string], { id: number; contactId: number | null }>;
  private readonly insert: Database.Statement<[number, string, string | null, number | null, string]>;
  private readonly upgrade: Database.Statement<[string | null, number, string, number]>;
  private readonly removeMany: Database.Statement<[number, string]>;
  private readonly removeAll: Database.Statement<[number]>;
  private readonly pageRows: Database.Statement<[number, number, number], RawRow>;
  private readonly countRows: Database.Statement<[number], { n: number }>;
  private readonly noteDuplicates: Database.Statement<[string, number]>;
  private readonly clearDuplicates: Database.Statement<[number]>;

  constructor(private readonly db: Database.Database) {
    this.existing = db.prepare('SELECT id, contact_id AS contactId FROM campaign_recipients WHERE campaign_id = ? AND address = ?');
    this.insert = db.prepare('INSERT INTO campaign_recipients (campaign_id, address, name, contact_id, fields) VALUES (?, ?, ?, ?, ?)');
    this.upgrade = db.prepare('UPDATE campaign_recipients SET name = coalesce(?, name), contact_id = ?, fields = ? WHERE id = ?');
    this.removeMany = db.prepare(
      `DELETE FROM campaign_recipients WHERE campaign_id = ? AND address IN (SELECT value FROM json_each(?)) AND state = 'pending'`,
    );
    this.removeAll = db.prepare(`DELETE FROM campaign_recipients WHERE campaign_id = ? AND state = 'pending'`);
    this.pageRows = db.prepare(
      'SELECT id, address, name, contact_id AS contactId, fields FROM campaign_recipients WHERE campaign_id = ? ORDER BY id LIMIT ? OFFSET ?',
    );
    this.countRows = db.prepare('SELECT count(*) AS n FROM campaign_recipients WHERE campaign_id = ?');
    // The campaign's list of repeats, kept for the pre-send check: the new ones added, each once.
    this.noteDuplicates = db.prepare(
      `UPDATE campaigns SET duplicates = (SELECT json_group_array(value) FROM
         (SELECT value FROM json_each(campaigns.duplicates) UNION SELECT value FROM json_each(?)))
       WHERE id = ?`,
    );
    this.clearDuplicates = db.prepare(`UPDATE campaigns SET duplicates = '[]' WHERE id = ?`);
  }

  /** Adds rows in one transaction, each address once; `replace` empties the list first. */
  add(campaignId: number, rows: DraftRecipientInput[], replace = false): DraftAddResult {
    return this.db
      .transaction((): DraftAddResult => {
        if (replace) {
          this.removeAll.run(campaignId);
          this.clearDuplicates.run(campaignId);
        }
        let added = 0;
        const duplicates = new Set<string>();
        for (const r of rows) {
          const old = this.existing.get(campaignId, r.address);
          if (!old) {
            this.insert.run(campaignId, r.address, r.name, r.contactId, JSON.stringify(r.fields));
            added++;
            continue;
          }
          duplicates.add(r.address);
          if (old.contactId === null && r.contactId !== null) this.upgrade.run(r.name, r.contactId, JSON.stringify(r.fields), old.id);
        }
        if (duplicates.size) this.noteDuplicates.run(JSON.stringify([...duplicates]), campaignId);
        return { added, duplicates: [...duplicates] };
      })
      .immediate();
  }

  /** Removes these addresses from the list; returns how many were in it. */
  remove(campaignId: number, addresses: string[]): number {
    return this.removeMany.run(campaignId, JSON.stringify(addresses)).changes;
  }

  /** A page of the list, in the order the recipients were added. */
  page(campaignId: number, offset: number, limit: number): DraftRecipientRow[] {
    return this.pageRows.all(campaignId, limit, offset).map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, string> }));
  }

  count(campaignId: number): number {
    return this.countRows.get(campaignId)!.n;
  }
}
