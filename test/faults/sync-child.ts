// The process test/faults/sync-kill.test.ts kills: one full sync of the store's only account
// against the Dovecot at the given port, as the app runs it. Exit 0 when every folder synced.
// Usage: node --import tsx test/faults/sync-child.ts STORE_DIR IMAP_PORT PASSWORD
import { createSyncEngine, type SyncAccount } from '../../src/main/mail';
import { openStore } from '../../src/main/store';

async function main(): Promise<number> {
  const [storeDir, port, password] = process.argv.slice(2);
  const store = openStore(storeDir);
  try {
    const [row] = store.listAccounts();
    const endpoint = { host: '127.0.0.1', port: Number(port), security: 'none' as const, username: row.address };
    const account: SyncAccount = {
      id: row.id, name: row.name, address: row.address, kind: 'pec', imap: endpoint, smtp: endpoint,
      sentFolder: null, receiptsFolder: 'Ricevute PEC', receiptsMode: 'local', rateLimit: {},
    };
    const engine = createSyncEngine({ store, account, password });
    try {
      const result = await engine.syncAll();
      process.stdout.write(JSON.stringify(result) + '\n');
      return result.ok && !result.folders.some((f) => f.error) ? 0 : 1;
    } finally {
      await engine.dispose();
    }
  } finally {
    store.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
