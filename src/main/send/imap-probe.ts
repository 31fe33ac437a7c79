// Looks on the server for traces of messages whose submission outcome is unknown: a receipt that
// refers to them (X-Riferimento-Message-ID, set on every receipt, RFC 6109 / pec-format.md §2) in
// INBOX or the receipts folder, or a copy in Sent with their Message-ID (providers that file
// submitted mail themselves). Both prove the provider took the message.
import { loginImap, resolveSentFolder, type AccountSettings, type ConnectOptions } from '../accounts';

/** The Message-IDs with a trace on the server, or why the server could not be asked. */
export type ProbeResult = { ok: true; found: Set<string> } | { ok: false; detail: string };

/** Searches the account's mailbox for traces of each Message-ID (without angle brackets). */
export async function findOnServer(settings: AccountSettings, password: string, messageIds: string[], connect: ConnectOptions = {}): Promise<ProbeResult> {
  const login = await loginImap(settings.imap, password, connect);
  if (!login.ok) return { ok: false, detail: login.detail };
  const { client } = login;
  const found = new Set<string>();
  try {
    const folders = (await client.list()).map((f) => f.path);
    const receiptFolders = ['INBOX', ...(settings.receiptsMode === 'move' && folders.includes(settings.receiptsFolder) ? [settings.receiptsFolder] : [])];
    const searches: [string, string][] = receiptFolders.map((f) => [f, 'X-Riferimento-Message-ID']);
    const sent = await resolveSentFolder(client, settings.sentFolder ?? 'auto');
    if (sent) searches.push([sent, 'Message-ID']);
    for (const [folder, header] of searches) {
      const lock = await client.getMailboxLock(folder, { readOnly: true });
      try {
        for (const id of messageIds) {
          if (found.has(id)) continue;
          // SEARCH HEADER matches a substring (RFC 3501 §6.4.4): the bare id matches "<id>".
          const hits = await client.search({ header: { [header]: id } }, { uid: true });
          if (hits && hits.length > 0) found.add(id);
        }
      } finally {
        lock.release();
      }
    }
    return { ok: true, found };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    await client.logout().catch(() => client.close());
  }
}
