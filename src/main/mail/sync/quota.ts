// The mailbox quota (IMAP QUOTA, RFC 9208; GETQUOTAROOT of INBOX, whose root is the user's
// mailbox store on every server we know). A server without the QUOTA capability, or whose root
// has no STORAGE resource (a limit on message count only, or none), has no quota to show.
import type { ImapFlow } from 'imapflow';
import type { QuotaResult } from './types';

/** The storage quota of the account, as the server states it now. Throws only when the connection fails. */
export async function readQuota(client: ImapFlow): Promise<QuotaResult> {
  // imapflow answers false both for a server without QUOTA and for a refused GETQUOTAROOT.
  const hasQuota = client.capabilities.has('QUOTA') || [...client.capabilities.keys()].some((c) => c.startsWith('QUOTA=RES-'));
  if (!hasQuota) return { ok: false, code: 'unsupported', detail: 'the server does not offer QUOTA (RFC 9208)' };
  const quota = await client.getQuota('INBOX');
  if (!client.usable) throw new Error('the connection closed during GETQUOTAROOT');
  if (!quota) return { ok: false, code: 'unavailable', detail: 'the server refused GETQUOTAROOT INBOX' };
  const storage = quota.storage;
  // RFC 9208 §5: STORAGE is in units of 1024 octets; imapflow has turned it into bytes.
  if (!storage || !storage.limit) return { ok: false, code: 'unsupported', detail: 'the quota root sets no storage limit' };
  return { ok: true, usedBytes: storage.usage ?? 0, limitBytes: storage.limit };
}
