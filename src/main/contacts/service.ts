// The contacts domain as one object over the store's contacts tables: contacts and groups, the PEC
// badge, autocomplete, duplicates and merge, import and export. Synchronous where SQLite is, async
// where files are read or written; the long import steps also run in a worker (worker.ts).
import type { PecAnalysis, PecRecipient } from '../../shared/pec';
import type { TrustLevel } from '../../shared/trust';
import { contactSearchCondition, type ContactRows, type ContactsStore, type GroupRows, type StoredContact } from '../store';
import { exportContacts } from './export';
import { commitPlan } from './import/commit';
import { LayoutMemory } from './import/layouts';
import { planRows } from './import/plan';
import { previewFile } from './import/preview';
import { loadTable } from './import/table';
import { contactData, mergeContactData } from './merge';
import { buildContact, normalizeAddress } from './normalize';
import { PecEvidence, pecStatusOf } from './pec-status';
import { wording } from './problem-words';
import type {
  Contact, ContactInput, ContactPage, ContactSuggestion, ContactsResult, DuplicateSet, Group, ImportMapping, ImportOptions, ImportOutcome,
  ImportPlan, ImportPreview, ListContactsOptions, PecStatus, ProgressCallback,
} from './types';

/** Import limits; maxRows defaults to 200,000 rows per sheet. */
export interface ContactsOptions {
  maxRows?: number;
}

/** Contacts, groups and spreadsheet import/export over one store. */
export class Contacts {
  /** Writes in the store's transactions; what they touch reaches Store.onChange ('contacts', 'groups') after COMMIT. */
  private readonly writer: ContactsStore;
  private readonly contacts: ContactRows;
  private readonly groupRows: GroupRows;
  private readonly evidence: PecEvidence;
  private readonly layouts: LayoutMemory;

  constructor(
    store: { readonly contacts: ContactsStore },
    private readonly options: ContactsOptions = {},
  ) {
    this.writer = store.contacts;
    this.contacts = store.contacts.rows;
    this.groupRows = store.contacts.groups;
    this.evidence = new PecEvidence(store.contacts.evidence);
    this.layouts = new LayoutMemory(store.contacts.layouts);
    this.contacts.fillSearchText();
  }

  get(id: number): Contact | null {
    const stored = this.contacts.get(id);
    return stored ? withBadge(stored) : null;
  }

  /** The contact with this address (PEC or e-mail; the oldest when several have it), or null. */
  byAddress(address: string): Contact | null {
    const [id] = this.contacts.idsWithAddresses([normalizeAddress(address)]).sort((a, b) => a - b);
    return id === undefined ? null : this.get(id);
  }

  list(options: ListContactsOptions = {}): ContactPage {
    const page = this.contacts.list(options);
    return { ...page, rows: page.rows.map(withBadge) };
  }

  /** Creates (no id) or replaces (id) a contact after checking it. */
  save(input: ContactInput): ContactsResult<Contact> {
    const built = buildContact(input);
    if (!built.ok) {
      const problems = built.problems.map(({ text, params }) => wording(text, params));
      return { ok: false, code: 'invalid-contact', detail: built.problems.map((p) => p.message).join('; '), problems };
    }
    const now = new Date().toISOString();
    const id = this.writer.write(() => {
      const id = input.id === undefined ? this.contacts.insert(built.data, now) : this.contacts.update(input.id, built.data, now) ? input.id : null;
      if (id !== null) this.writer.note('contacts', [id]);
      return id;
    });
    return id === null ? notFound('contatto') : { ok: true, value: this.get(id)! };
  }

  /** Deletes contacts (and their group memberships); returns how many existed. */
  remove(ids: number[]): number {
    return this.writer.write(() => {
      const removed = ids.filter((id) => this.contacts.remove(id));
      this.writer.note('contacts', removed);
      return removed.length;
    });
  }

  /** Addresses for an address field: name, organization or address words, accents ignored. */
  suggest(query: string, limit = 10): ContactSuggestion[] {
    if (!contactSearchCondition(query)) return [];
    const suggestions: ContactSuggestion[] = [];
    for (const c of this.list({ query, limit }).rows) {
      for (const field of ['pec', 'email'] as const) {
        if (!c[field]) continue;
        const pecStatus = field === 'pec' ? c.pecStatus : this.evidence.statusOf(c.email);
        suggestions.push({ contactId: c.id, name: c.name, organization: c.organization, address: c[field], field, pecStatus });
      }
    }
    return suggestions.slice(0, limit);
  }

  /** The PEC badge of any address, whether or not it belongs to a contact. */
  pecStatus(address: string): PecStatus {
    return this.evidence.statusOf(address);
  }

  /**
   * Records daticert destinatari (tipo certificato/esterno) so badges can say "confirmed" or
   * "no", when the object they come from is attendibile (README "Ricevute attendibili"): a
   * forged or unverified daticert proves nothing about anyone's mailbox. avvenuta-consegna
   * recipients are recorded by a trigger (migration 8) without this call, on the same rule.
   */
  notePecAddresses(recipients: readonly PecRecipient[], seenAt: string | null, trust: TrustLevel | null): void {
    if (trust !== 'attendibile') return;
    this.writer.write(() => {
      const noted = this.evidence.note(recipients, seenAt);
      this.writer.note('contacts', this.contacts.idsWithAddresses(noted));
    });
  }

  /**
   * Adds the real sender of a message: for a PEC envelope the From of postacert.eml (the cover's
   * From is the provider's "Per conto di" address, pec-format.md §2), kept as its PEC address
   * since it travelled as one; confirmed as a PEC mailbox only when the envelope is attendibile.
   * An address already in the contacts gives that contact back.
   */
  addFromMessage(analysis: PecAnalysis, trust: TrustLevel | null): ContactsResult<Contact> {
    const certified = analysis.kind === 'envelope';
    const from = (certified || analysis.kind === 'anomaly' ? analysis.original?.from : null) ?? analysis.outer.from ?? '';
    const address = normalizeAddress(from);
    const [existing] = this.contacts.idsWithAddresses([address]).sort((a, b) => a - b);
    if (certified) this.notePecAddresses([{ address, type: 'certificato' }], analysis.original?.date ?? null, trust);
    if (existing !== undefined) return { ok: true, value: this.get(existing)! };
    const name = /^\s*"?([^"<]*?)"?\s*</.exec(from)?.[1]?.trim() ?? '';
    return this.save(certified ? { name, pec: address } : { name, email: address, isPec: false });
  }

  /** Addresses held by more than one contact. */
  duplicates(): DuplicateSet[] {
    return this.contacts.duplicates();
  }

  /** Merges otherId into keepId in one transaction: every field, tag, note and group kept. */
  merge(keepId: number, otherId: number): ContactsResult<Contact> {
    const keep = this.contacts.get(keepId);
    const other = this.contacts.get(otherId);
    if (!keep || !other || keepId === otherId) return notFound('contatto da unire');
    const merged = mergeContactData(contactData(keep), contactData(other));
    this.writer.write(() => {
      this.contacts.update(keepId, merged, new Date().toISOString());
      this.groupRows.copyMemberships(otherId, keepId);
      // Bulk sends keep pointing at the surviving contact (ON DELETE would set them to NULL).
      this.contacts.moveCampaignRecipients(otherId, keepId);
      this.contacts.remove(otherId);
      this.writer.note('contacts', [keepId, otherId]);
      this.writer.note('groups', other.groupIds);
    });
    return { ok: true, value: this.get(keepId)! };
  }

  groups(): Group[] {
    return this.groupRows.list();
  }

  findGroup(name: string): Group | null {
    return this.groupRows.find(name);
  }

  createGroup(name: string): ContactsResult<Group> {
    if (!name.trim()) return { ok: false, code: 'invalid-contact', detail: 'Il nome del gruppo è vuoto.' };
    const id = this.writer.write(() => {
      const id = this.groupRows.create(name, new Date().toISOString());
      if (id !== null) this.writer.note('groups', [id]);
      return id;
    });
    return id === null ? { ok: false, code: 'group-exists', detail: `Esiste già un gruppo «${name.trim()}».` } : { ok: true, value: this.groupRows.get(id)! };
  }

  renameGroup(id: number, name: string): ContactsResult<Group> {
    const clash = this.groupRows.find(name);
    if (clash && clash.id !== id) return { ok: false, code: 'group-exists', detail: `Esiste già un gruppo «${name.trim()}».` };
    const renamed = this.writer.write(() => {
      const done = this.groupRows.rename(id, name);
      if (done) this.writer.note('groups', [id]);
      return done;
    });
    return renamed ? { ok: true, value: this.groupRows.get(id)! } : notFound('gruppo');
  }

  /** Deletes a group; its contacts stay. */
  removeGroup(id: number): boolean {
    return this.writer.write(() => {
      const members = this.groupRows.memberIds(id);
      const removed = this.groupRows.remove(id);
      if (removed) {
        this.writer.note('groups', [id]);
        this.writer.note('contacts', members);
      }
      return removed;
    });
  }

  /** Adds contacts to a group; returns how many were not members yet. */
  addToGroup(groupId: number, contactIds: number[]): number {
    return this.writer.write(() => {
      const added = this.groupRows.add(groupId, contactIds);
      this.writer.note('groups', [groupId]);
      this.writer.note('contacts', contactIds);
      return added;
    });
  }

  removeFromGroup(groupId: number, contactIds: number[]): number {
    return this.writer.write(() => {
      const removed = this.groupRows.removeMembers(groupId, contactIds);
      this.writer.note('groups', [groupId]);
      this.writer.note('contacts', contactIds);
      return removed;
    });
  }

  /**
   * Step 1 of the import wizard: sheets, first rows, header row, suggested and remembered mapping.
   * readAhead: an .xlsx sheet goes on being read after the answer, for the plan that follows.
   */
  previewImport(file: string, options: { sheetIndex?: number; readAhead?: boolean } = {}): Promise<ContactsResult<ImportPreview>> {
    return previewFile(file, { ...options, maxRows: this.options.maxRows }, (key) => this.layouts.recall(key)).then((r) => (r.ok ? { ok: true, value: r.preview } : r));
  }

  /** The mapping last used for files with this layout key, if any. */
  rememberedMapping(layoutKey: string): ImportMapping | null {
    return this.layouts.recall(layoutKey);
  }

  /** Step 2: what would happen to every row, nothing written yet. */
  async planImport(file: string, mapping: ImportMapping, options: ImportOptions, onProgress?: ProgressCallback): Promise<ContactsResult<ImportPlan>> {
    const read = await loadTable(file, { sheetIndex: mapping.sheetIndex, maxRows: this.options.maxRows, onProgress });
    if (!read.ok) return read;
    const planned = planRows(file, read.loaded, mapping, options, this.contacts.addressIndex(), onProgress);
    return planned.ok ? { ok: true, value: planned.plan } : planned;
  }

  /** Step 3: applies the plan in one transaction (all rows or none). */
  commitImport(plan: ImportPlan, onProgress?: ProgressCallback): ContactsResult<ImportOutcome> {
    return commitPlan({ writer: this.writer, contacts: this.contacts, groups: this.groupRows, layouts: this.layouts }, plan, onProgress);
  }

  /** Tells listeners about contacts an import committed in a worker, on its own connection. */
  announceImport(outcome: ImportOutcome): void {
    this.writer.announce([
      { entity: 'contacts', ids: outcome.contactIds },
      { entity: 'groups', ids: outcome.groupId === null ? [] : [outcome.groupId] },
    ]);
  }

  /** Writes all contacts, or one group's, to .xlsx or .csv (by the file's extension). */
  async exportContacts(file: string, options: { groupId?: number } = {}): Promise<ContactsResult<{ count: number }>> {
    if (options.groupId !== undefined && !this.groupRows.get(options.groupId)) return notFound('gruppo');
    return exportContacts(file, this.list({ groupId: options.groupId }).rows);
  }
}

/** A stored contact with its PEC badge: receipts first, then the user's flag, then the domain. */
function withBadge(stored: StoredContact): Contact {
  const { seenCertified, ...contact } = stored;
  return { ...contact, pecStatus: pecStatusOf(contact.pec || contact.email, seenCertified, contact.isPec) };
}

function notFound(what: string): { ok: false; code: 'not-found'; detail: string } {
  return { ok: false, code: 'not-found', detail: `Il ${what} non esiste (più).` };
}
