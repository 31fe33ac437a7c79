// Helpers for the sync tests: a real Dovecot, a real store in a temp folder, another IMAP client
// acting as "someone else" on the same mailbox, and real provider messages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { createSyncEngine, type SyncAccount, type SyncEngine, type SyncEngineOptions } from '../../../../src/main/mail';
import { openStore, type Store } from '../../../../src/main/store';
import { after, before } from 'node:test';
import { startDovecot, type DovecotServer } from '../../../../sandbox/dovecot';

/** Real provider messages with valid signatures (SOURCES.md): two receipts and three envelopes. */
export const REAL = {
  accettazione: 'aruba-2018-accettazione.eml',
  consegna: 'aruba-2018-avvenuta-consegna-completa.eml',
  accettazione2014: 'aruba-2014-accettazione.eml',
  envelope2023: 'aruba-2023-posta-certificata-completa.eml',
  envelope2014: 'aruba-2014-posta-certificata-completa.eml',
} as const;

export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(__dirname, '../../../fixtures/pec-real', name));
}

/**
 * `count` distinct deliveries of real messages: the bytes of `names` in turn, each with the
 * Received and Delivered-To lines an MTA prepends on delivery. Those outer lines are outside the
 * signed part (RFC 1847), so the provider signature stays valid.
 */
export function deliveries(names: readonly string[], count: number, to: string): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    const trace = `Delivered-To: ${to}\r\nReceived: from mx.test by imap.test with LMTP id d${i}; Mon, 3 Nov 2025 10:00:00 +0100\r\n`;
    return Buffer.concat([Buffer.from(trace, 'latin1'), fixture(names[i % names.length])]);
  });
}

/**
 * `count` mailboxes named `${prefix}N@pec.alfa.test`, to create with the server: Dovecot notices
 * users added later by the passwd-file's mtime, in whole seconds, so two additions within one
 * second leave the second user unknown for a while.
 */
export function mailboxes(prefix: string, count: number, password: string): { address: string; password: string }[] {
  return Array.from({ length: count }, (_, i) => ({ address: `${prefix}${i + 1}@pec.alfa.test`, password }));
}

/** A Dovecot with `count` mailboxes `prefix1@…`, started before the file's tests and stopped after them; each test takes a mailbox of its own. */
export function useDovecot(prefix: string, count: number, password: string, options: { maxLineLength?: number; ownerRights?: string; withoutCondstore?: boolean } = {}): { readonly server: DovecotServer; nextAddress(): string } {
  const users = mailboxes(prefix, count, password);
  let server: DovecotServer | undefined;
  let taken = 0;
  before(async () => {
    server = await startDovecot({ users, ...options });
  });
  after(async () => {
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('Dovecot is started in before()');
      return server;
    },
    nextAddress() {
      if (taken === users.length) throw new Error(`all ${users.length} mailboxes are taken: give useDovecot a larger count`);
      return users[taken++].address;
    },
  };
}

/** A store in a fresh temp folder; close() also removes the folder. */
export function tempStore(): Store & { cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-sync-store-'));
  const store = openStore(dir);
  return Object.assign(store, {
    cleanup() {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** Saves the account in the store and returns the settings the engine takes. */
export function accountOn(store: Store, server: Pick<DovecotServer, 'imapPort'>, address: string, overrides: Partial<SyncAccount> = {}): SyncAccount {
  const saved = store.saveAccount({ name: address, address, kind: 'pec' });
  if (!saved.ok) throw new Error(saved.detail);
  const endpoint = { host: '127.0.0.1', port: server.imapPort, security: 'none' as const, username: address };
  return {
    id: saved.accountId,
    name: address,
    address,
    kind: 'pec',
    imap: endpoint,
    smtp: endpoint,
    sentFolder: null,
    receiptsFolder: 'Ricevute PEC',
    receiptsMode: 'local',
    rateLimit: {},
    ...overrides,
  };
}

/**
 * A mailbox of its own on `dovecot`, a fresh store with its account, and a sync engine on them with
 * `options`; the engine is disposed and the store removed by the test's cleanup.
 */
export function engineOnOwnMailbox(
  t: { after(fn: () => Promise<void> | void): void },
  dovecot: { readonly server: DovecotServer; nextAddress(): string },
  password: string,
  options: Omit<SyncEngineOptions, 'store' | 'account' | 'password'> = {},
): { address: string; store: Store & { cleanup(): void }; account: SyncAccount; accountId: number; engine: SyncEngine } {
  const address = dovecot.nextAddress();
  const store = tempStore();
  const account = accountOn(store, dovecot.server, address);
  const engine = createSyncEngine({ store, account, password, ...options });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  return { address, store, account, accountId: Number(account.id), engine };
}

/** Another client of the same mailbox (a webmail, a phone). */
export async function otherClient(port: number, user: string, pass: string): Promise<ImapFlow> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, logger: false, auth: { user, pass } });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Appends messages to a folder from another client. */
export async function appendAll(port: number, user: string, pass: string, folder: string, raws: Buffer[], flags: string[] = []): Promise<void> {
  const client = await otherClient(port, user, pass);
  try {
    for (const raw of raws) await client.append(folder, raw, flags);
  } finally {
    await client.logout();
  }
}

/** UIDs, flags (without the per-session \Recent) and bytes of a folder as the server has them. */
export async function serverFolder(port: number, user: string, pass: string, folder: string): Promise<{ uid: number; flags: string[]; source: Buffer }[]> {
  const client = await otherClient(port, user, pass);
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      if (!client.mailbox || client.mailbox.exists === 0) return [];
      const rows = [];
      for await (const m of client.fetch('1:*', { uid: true, flags: true, source: true })) rows.push({ uid: m.uid, flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort(), source: m.source! });
      return rows;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/**
 * Delivers many messages into INBOX at once the way a Maildir MDA does (write in tmp/, rename into
 * new/), before any client has the mailbox open; Dovecot indexes them at the next SELECT.
 */
export function deliverToMaildir(server: DovecotServer, user: string, raws: Buffer[]): void {
  const owner = fs.statSync(path.join(server.dir, 'mail'));
  const home = path.join(server.dir, 'mail', user);
  const maildir = path.join(home, 'Maildir');
  for (const dir of [home, maildir, ...['cur', 'new', 'tmp'].map((s) => path.join(maildir, s))]) {
    fs.mkdirSync(dir, { recursive: true });
    fs.chownSync(dir, owner.uid, owner.gid);
  }
  raws.forEach((raw, i) => {
    const name = `${1_700_000_000 + i}.M${i}P${process.pid}.pecdesk-test`;
    fs.writeFileSync(path.join(maildir, 'tmp', name), raw);
    fs.renameSync(path.join(maildir, 'tmp', name), path.join(maildir, 'new', name));
  });
}

/** Resolves once `check` is true, polling; rejects with `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Raw bytes of every message filed in a store folder (by folder path), with its UID and flags. */
export function storedIn(store: Store, accountId: number, folderPath: string): { id: number; uid: number; flags: string[]; raw: Buffer }[] {
  const folder = store.listFolders(accountId).find((f) => f.path === folderPath);
  if (!folder) return [];
  const page = store.listMessages({ folderId: folder.id, offset: 0, limit: 100_000, sort: 'date', direction: 'asc' });
  return page.rows.map((row) => {
    const raw = store.readMessageRaw(row.id);
    if (!raw || !raw.ok) throw new Error(`message ${row.id} unreadable`);
    return { id: row.id, uid: row.uid!, flags: row.flags, raw: raw.raw };
  });
}
