// Applying an import plan in one transaction: every row lands or none does. The plan may come
// back from a renderer or a worker, so its contacts are cleaned again here (all but those this
// process cleaned and sealed for this very plan, sealed.ts), and the duplicates it
// found are checked again inside the transaction: if the address book changed since the report
// was shown, the import stops with 'plan-stale' rather than doing something the user did not see.
import type { ContactRows, ContactsStore, GroupRows } from '../../store';
import { contactData, updateContactData } from '../merge';
import { buildContact } from '../normalize';
import type { ContactData, ContactsResult, ImportOutcome, ImportPlan, ProgressCallback } from '../types';
import type { LayoutMemory } from './layouts';
import { existingMatch } from './plan';
import { isSealedClean } from './sealed';

/** What a commit writes through. */
export interface CommitTarget {
  writer: Pick<ContactsStore, 'write' | 'note'>;
  contacts: ContactRows;
  groups: GroupRows;
  layouts: LayoutMemory;
}

class StalePlan extends Error {}

/** Writes the plan's creates, updates and group memberships; remembers its column mapping. */
export function commitPlan(target: CommitTarget, plan: ImportPlan, onProgress?: ProgressCallback): ContactsResult<ImportOutcome> {
  const cleaned = new Map<number, ContactData>();
  for (const row of plan.rows) {
    if (row.outcome === 'invalid' || row.outcome === 'empty') continue;
    if (row.contact && isSealedClean(row.contact)) {
      cleaned.set(row.row, row.contact);
      continue;
    }
    const built = row.contact ? buildContact(row.contact) : null;
    if (!built?.ok) return { ok: false, code: 'invalid-contact', detail: `Il piano di importazione è stato alterato: la riga ${row.row} non è un contatto valido. Ripeti l'importazione.` };
    cleaned.set(row.row, built.data);
  }
  const { writer, contacts, groups, layouts } = target;
  const now = new Date().toISOString();
  try {
    return writer.write(() => {
      const index = contacts.addressIndex();
      for (const row of plan.rows) {
        const data = cleaned.get(row.row);
        if (data && row.duplicateOfRow === null && existingMatch(data, index) !== row.existingContactId) throw new StalePlan();
      }
      const groupId = plan.options.groupName?.trim() ? groups.ensure(plan.options.groupName, now) : null;
      const contactOfRow = new Map<number, number>();
      const outcome: ImportOutcome = { contactIds: [], created: 0, updated: 0, linked: 0, groupId };
      let done = 0;
      for (const row of plan.rows) {
        const data = cleaned.get(row.row);
        if (!data) continue;
        let id: number;
        if (row.outcome === 'create') {
          id = contacts.insert(data, now);
          outcome.created++;
        } else {
          const earlier = row.duplicateOfRow === null ? undefined : contactOfRow.get(row.duplicateOfRow);
          const existing = row.existingContactId ?? earlier;
          if (existing === undefined) throw new StalePlan();
          id = existing;
          if (row.outcome === 'update') {
            const current = contacts.get(id);
            if (!current) throw new StalePlan();
            contacts.update(id, updateContactData(contactData(current), data), now);
            outcome.updated++;
          } else outcome.linked++;
        }
        contactOfRow.set(row.row, id);
        if (onProgress && ++done % 1000 === 0) onProgress({ phase: 'saving', done, total: cleaned.size });
      }
      outcome.contactIds = [...new Set(contactOfRow.values())];
      if (groupId !== null) groups.add(groupId, outcome.contactIds);
      writer.note('contacts', outcome.contactIds);
      if (groupId !== null) writer.note('groups', [groupId]);
      layouts.remember(plan.layoutKey, plan.mapping, now);
      return { ok: true, value: outcome };
    });
  } catch (err) {
    if (err instanceof StalePlan) {
      return { ok: false, code: 'plan-stale', detail: 'La rubrica è cambiata dopo il riepilogo: nessun contatto è stato importato. Ricontrolla il riepilogo e conferma di nuovo.' };
    }
    throw err;
  }
}
