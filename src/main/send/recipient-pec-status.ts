// Whether a recipient is a PEC mailbox, as the pre-send checks weigh it: receipts and the user's
// word first (the contacts' evidence), then the providers' index when one was imported (a domain it
// does not list is no PEC), else the contacts' guess from the known PEC domains.
import type { PecStatus } from '../../shared/api-contacts';
import { addressDomain } from '../accounts';
import type { ProviderIndexSnapshot } from '../proof';

/** The PEC status of an address for checkMessage, from the contacts' evidence and the index in force (null: none imported). */
export function recipientPecStatus(evidence: (address: string) => PecStatus, index: ProviderIndexSnapshot | null): (address: string) => PecStatus {
  return (address) => {
    const known = evidence(address);
    if (!index || known === 'confirmed' || known === 'user' || known === 'no') return known;
    return index.providerForDomain(addressDomain(address)) ? 'likely' : 'no';
  };
}
