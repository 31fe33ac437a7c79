// "Copia diagnostica" (Aiuto menu): the text a person helping the user needs, copied to the
// clipboard by the desktop host. Accounts as address and server host only; the sync state as the
// status bar says it; the log's last lines. Never a password, a message body or a subject: the
// accounts' passwords live in the SecretStore and are not read here at all.
import os from 'node:os';
import { diagnosticsText, type DiagnosticAccount } from '../diagnostics';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { ok } from './result';
import type { SyncStates } from './sync-state';

// Enough to see the last sync and send problems, short enough to paste in an e-mail.
const LOG_TAIL_LINES = 200;

/** The diagnostics handler. */
export function diagnosticsHandlers(ctx: ApiContext, sync: SyncStates): Pick<Handlers, 'copyDiagnostics'> {
  return {
    async copyDiagnostics() {
      const { services, host } = ctx;
      const listing = await services.accounts.list();
      const accounts: DiagnosticAccount[] = listing.accounts.map((a) => {
        const state = sync.get(a.id);
        return { id: a.id, address: a.address, imapHost: a.imap.host, smtpHost: a.smtp.host, syncState: state.state, lastSyncAt: state.lastSyncAt, syncError: state.error };
      });
      const text = diagnosticsText({
        version: host.version,
        host: host.kind,
        platform: `${process.platform} ${os.release()} ${process.arch}`,
        runtime: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
        dataDir: services.dataDir,
        store: { schemaVersion: services.store.schemaVersion, unreadableMessages: services.store.unreadableMessagesCount() },
        logFile: services.log.file,
        accounts,
        unreadableAccounts: listing.unreadable,
        logTail: services.log.tail(LOG_TAIL_LINES),
      });
      if (!host.copyText) return ok({ text, copied: false });
      host.copyText(text);
      return ok({ text, copied: true });
    },
  };
}
