// Contacts and contact groups as bulk-send recipients, with their fields for the placeholders
// (recipientsFromContacts hands them to the composer; campaignDraftRecipientsAddContacts adds them
// to a draft's list where it is kept).
import type { CampaignRecipientView } from '../../shared/api-send';
import { placeholderFields, type Contacts } from '../contacts';

/** The recipients of these contacts and groups' members, each contact once; null when a group does not exist. */
export function recipientsOfContacts(contacts: Contacts, contactIds: number[], groupIds: number[]): CampaignRecipientView[] | null {
  const ids = new Set(contactIds);
  for (const groupId of groupIds) {
    if (!contacts.groups().some((g) => g.id === groupId)) return null;
    for (const c of contacts.list({ groupId, offset: 0, limit: Number.MAX_SAFE_INTEGER }).rows) ids.add(c.id);
  }
  const recipients: CampaignRecipientView[] = [];
  for (const contactId of ids) {
    const contact = contacts.get(contactId);
    // A contact with neither address cannot receive anything; the composer shows who was left out by count.
    const address = contact?.pec || contact?.email;
    if (!contact || !address) continue;
    recipients.push({ address, name: contact.name || contact.organization || null, contactId, fields: placeholderFields(contact) });
  }
  return recipients;
}
