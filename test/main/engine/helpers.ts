// A data folder whose one account reads a real Dovecot mailbox already holding `count` real PEC
// envelopes: what the engine tests start an engine on. The folder and Dovecot go with the test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDovecot, type DovecotServer } from '../../../sandbox/dovecot';
import { createServices, headlessSecretStore } from '../../../src/main/services';
import { deliverToMaildir, deliveries, REAL } from '../mail/sync/helpers';

/** Dovecot with `address`'s mailbox holding `count` envelopes, and a data folder with that account saved. */
export async function dataDirWithMailbox(
  t: { after(fn: () => Promise<void> | void): void },
  prefix: string,
  address: string,
  count: number,
): Promise<{ dir: string; dataDir: string; server: DovecotServer; accountId: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const server = await startDovecot({ users: [{ address, password: 'segreta' }] });
  t.after(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  deliverToMaildir(server, address, deliveries([REAL.envelope2023, REAL.envelope2014], count, address));
  const dataDir = path.join(dir, 'data');
  const setup = await createServices({ dataDir, secrets: headlessSecretStore(dataDir) });
  const endpoint = { host: '127.0.0.1', port: server.imapPort, security: 'none' as const, username: address };
  const saved = await setup.saveAccount({ name: 'Archivio', address, kind: 'pec', imap: endpoint, smtp: endpoint }, 'segreta');
  await setup.close();
  if (!saved.ok) throw new Error(`the account was not saved: ${JSON.stringify(saved)}`);
  return { dir, dataDir, server, accountId: Number(saved.value.id) };
}
