// Contacts handlers: the contacts pane list, and "add the real sender" from a message (for a PEC
// envelope the From of postacert.eml, never the provider's address: the contacts domain decides).
import type { ContactView } from '../../shared/api-values';
import type { Contact } from '../contacts';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { loadMessage } from './load';
import { fail, ok } from './result';

function contactView(c: Contact): ContactView {
  const isPec = c.pecStatus === 'no' ? false : c.pecStatus === 'unknown' ? null : true;
  return { id: c.id, name: c.name || c.organization || null, address: c.pec || c.email, isPec };
}

/** The contacts handlers. */
export function contactHandlers(ctx: ApiContext): Pick<Handlers, 'listContacts' | 'addContactFromMessage'> {
  const { contacts } = ctx.services;
  return {
    async listContacts(req) {
      const query = req.query.trim();
      return ok(contacts.list({ query: query || undefined, limit: req.limit }).rows.map(contactView));
    },

    async addContactFromMessage(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      if (!loaded.value.analysis) return fail('unreadable', 'The message cannot be read, so its sender is unknown.');
      const added = contacts.addFromMessage(loaded.value.analysis);
      return added.ok ? ok(contactView(added.value)) : fail(added.code === 'not-found' ? 'not-found' : 'invalid-request', added.detail);
    },
  };
}
