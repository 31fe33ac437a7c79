// A mailbox as people write it, in a header line, a quote's "ha scritto", a To field or a list.
import type { Mailbox } from './api-values';

/** "Name <address>", the address alone when there is no name, '' for no mailbox. */
export function mailboxText(m: Pick<Mailbox, 'name' | 'address'> | null): string {
  if (!m) return '';
  return m.name ? `${m.name} <${m.address}>` : m.address;
}
