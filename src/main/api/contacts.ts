// Contacts handlers: the contacts pane (list, autocomplete, edit, delete, duplicates and merge),
// groups (liste), PEC badges, export, and "add the real sender" from a message (for a PEC envelope
// the From of postacert.eml, never the provider's address: the contacts domain decides).
import path from 'node:path';
import type { ApiErrorCode } from '../../shared/api';
import type { ApiErrorParams, ApiErrorReason } from '../../shared/api-errors';
import type { ContactView } from '../../shared/api-values';
import { sanitizeFileName } from '../attachments';
import { italianProblemWords, type Contact, type ContactsErrorCode, type ContactsFailure } from '../contacts';
import { isSignedPecObject, judge, signedFactsOf } from '../proof';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { deliverFile } from './file-output';
import { loadMessage } from './load';
import { fail, ok } from './result';

/** The API error each contacts failure becomes. */
const ERROR_CODES: Record<ContactsErrorCode, ApiErrorCode> = {
  'not-found': 'not-found',
  'invalid-contact': 'invalid-request',
  'invalid-mapping': 'invalid-request',
  'group-exists': 'exists',
  'file-unreadable': 'io',
  'file-unwritable': 'io',
  'empty-file': 'unreadable',
  'legacy-xls': 'unreadable',
  'encrypted-xlsx': 'unreadable',
  'ods-unsupported': 'unreadable',
  'unsupported-format': 'unreadable',
  'xlsx-unreadable': 'unreadable',
  'too-many-rows': 'unreadable',
  'file-too-large': 'unreadable',
  'sheet-not-found': 'unreadable',
  'plan-stale': 'stale',
  'import-stopped': 'io',
};

/**
 * The reason each failure code gets unless the call names a closer one (not-found: a contact, a
 * group, the contact to merge; only the call tells). The domain's detail, in its own words (the
 * sheet, the size, the system's error), is not passed on: the reasons say what to do.
 */
const REASONS: Record<ContactsErrorCode, ApiErrorReason> = {
  'not-found': 'contact-missing',
  'invalid-contact': 'contact-invalid',
  'invalid-mapping': 'import-mapping-invalid',
  'group-exists': 'group-exists',
  'file-unreadable': 'import-file-unreadable',
  'file-unwritable': 'file-not-written',
  'empty-file': 'import-file-empty',
  'legacy-xls': 'import-legacy-xls',
  'encrypted-xlsx': 'import-encrypted-xlsx',
  'ods-unsupported': 'import-ods',
  'unsupported-format': 'import-unsupported-format',
  'xlsx-unreadable': 'import-xlsx-damaged',
  'too-many-rows': 'import-too-many-rows',
  'file-too-large': 'import-file-too-large',
  'sheet-not-found': 'import-sheet-missing',
  'plan-stale': 'import-plan-stale',
  'import-stopped': 'import-stopped',
};

/** How one call words its failures: closer reasons for some codes, and the values the texts name. */
export interface ContactsFailureWords {
  reasons?: Partial<Record<ContactsErrorCode, ApiErrorReason>>;
  params?: ApiErrorParams;
}

/** A contacts-domain failure as an API failure. */
export function contactsFailure(failure: ContactsFailure, words: ContactsFailureWords = {}): ReturnType<typeof fail> {
  const reason = words.reasons?.[failure.code] ?? REASONS[failure.code];
  // A contact's problems, or a choice of columns', are worded as the import report words a row's:
  // in Italian here, and as wordings the window words in its own language (apiErrorText).
  const problems = failure.problems?.map(italianProblemWords).join('; ');
  const params = { ...words.params, ...failure.values, ...(problems === undefined ? {} : { problems }) };
  const failed = fail(ERROR_CODES[failure.code], reason, params);
  if (failure.problems) failed.error.problems = failure.problems;
  return failed;
}

function contactView(c: Contact): ContactView {
  const isPec = c.pecStatus === 'no' ? false : c.pecStatus === 'unknown' ? null : true;
  return { id: c.id, name: c.name || c.organization || null, address: c.pec || c.email, isPec };
}

type ContactsHandlers = Pick<
  Handlers,
  | 'contactsList' | 'contactsSuggest' | 'contactGet' | 'contactSave' | 'contactsRemove' | 'contactsDuplicates' | 'contactsMerge' | 'pecStatuses'
  | 'groupsList' | 'groupCreate' | 'groupRename' | 'groupRemove' | 'groupAddMembers' | 'groupRemoveMembers' | 'contactsExport' | 'addContactFromMessage'
>;

/** The contacts and groups handlers. */
export function contactHandlers(ctx: ApiContext): ContactsHandlers {
  const { contacts } = ctx.services;
  const groupMissing = () => fail('not-found', 'group-missing');
  const groupNamed = (name: string): ContactsFailureWords => ({ reasons: { 'invalid-contact': 'group-name-empty', 'not-found': 'group-missing' }, params: { name: name.trim() } });
  const existingGroup = (groupId: number) => contacts.groups().some((g) => g.id === groupId);
  return {
    async contactsList(req) {
      const page = contacts.list({ groupId: req.groupId, query: req.query?.trim() || undefined, offset: req.offset, limit: req.limit });
      return ok({ total: page.total, offset: page.offset, rows: page.rows });
    },

    async contactsSuggest(req) {
      return ok(contacts.suggest(req.query, req.limit));
    },

    async contactGet(req) {
      const contact = contacts.get(req.contactId);
      return contact ? ok(contact) : fail('not-found', 'contact-missing');
    },

    async contactSave(req) {
      const saved = contacts.save(req.contact);
      return saved.ok ? ok(saved.value) : contactsFailure(saved);
    },

    async contactsRemove(req) {
      return ok({ removed: contacts.remove(req.contactIds) });
    },

    async contactsDuplicates() {
      return ok(
        contacts.duplicates().map((set) => ({
          address: set.address,
          contacts: set.contactIds.map((id) => contacts.get(id)).filter((c): c is Contact => c !== null),
        })),
      );
    },

    async contactsMerge(req) {
      const merged = contacts.merge(req.keepId, req.otherId);
      return merged.ok ? ok(merged.value) : contactsFailure(merged, { reasons: { 'not-found': 'contacts-merge-missing' } });
    },

    async pecStatuses(req) {
      return ok(Object.fromEntries(req.addresses.map((a) => [a, contacts.pecStatus(a)])));
    },

    async groupsList() {
      return ok(contacts.groups());
    },

    async groupCreate(req) {
      const created = contacts.createGroup(req.name);
      return created.ok ? ok(created.value) : contactsFailure(created, groupNamed(req.name));
    },

    async groupRename(req) {
      const renamed = contacts.renameGroup(req.groupId, req.name);
      return renamed.ok ? ok(renamed.value) : contactsFailure(renamed, groupNamed(req.name));
    },

    async groupRemove(req) {
      return contacts.removeGroup(req.groupId) ? ok(null) : groupMissing();
    },

    async groupAddMembers(req) {
      if (!existingGroup(req.groupId)) return groupMissing();
      return ok({ added: contacts.addToGroup(req.groupId, req.contactIds) });
    },

    async groupRemoveMembers(req) {
      if (!existingGroup(req.groupId)) return groupMissing();
      return ok({ removed: contacts.removeFromGroup(req.groupId, req.contactIds) });
    },

    async contactsExport(req) {
      const group = req.groupId === undefined ? null : contacts.groups().find((g) => g.id === req.groupId);
      if (group === undefined) return groupMissing();
      let count = 0;
      const contentType = req.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
      const delivered = await deliverFile(ctx, sanitizeFileName(`${group?.name ?? 'Contatti'}.${req.format}`), contentType, async (file) => {
        // The format follows the extension the user kept; a name typed without one gets the chosen format.
        const target = path.extname(file) ? file : `${file}.${req.format}`;
        const written = await contacts.exportContacts(target, { groupId: req.groupId });
        const name = path.basename(target);
        if (!written.ok) return contactsFailure(written, { reasons: { 'not-found': 'group-missing', 'unsupported-format': 'contacts-export-format' }, params: { name } });
        count = written.value.count;
        return ok(target);
      });
      return delivered.ok ? ok({ ...delivered.value, count }) : delivered;
    },

    async addContactFromMessage(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      if (!loaded.value.analysis) return fail('unreadable', 'contact-sender-unknown');
      const { analysis, stored } = loaded.value;
      // Stored: the verdict filed with it; a file opened from disk is judged now.
      const trust = stored ? stored.trustLevel : isSignedPecObject(analysis.kind) ? judge(signedFactsOf(analysis), ctx.services.store.currentTrustIndex()).level : null;
      const added = contacts.addFromMessage(analysis, trust);
      return added.ok ? ok(contactView(added.value)) : contactsFailure(added);
    },
  };
}
