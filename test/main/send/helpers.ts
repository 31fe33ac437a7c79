// Helpers for the bulk-send tests: a real store with an account of the PEC sandbox (password in a
// real FileKeySecretStore), the mail sync engine to bring receipts in, a clock tests can speed up
// or move forward (shared with the sandbox, whose rate limit and log read the same time), and
// readers of what recipients received and of the evidence archives.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { simpleParser, type Attachment } from 'mailparser';
import yauzl from 'yauzl';
import { AccountsService, FileKeySecretStore, settingsFromPreset, storeAccountsStorage, type Account, type AccountSettings } from '../../../src/main/accounts';
import { createSyncEngine } from '../../../src/main/mail';
import type { Clock } from '../../../src/main/send';
import { extractPostacert } from '../../../src/main/pec';
import { openStore, type Store } from '../../../src/main/store';
import { readInbox } from '../../sandbox/helpers';
import { SANDBOX_PASSWORD, type Sandbox } from '../../../sandbox';
import { SMTPServer } from 'smtp-server';

/** A store in a temp folder with one sandbox account saved (settings + password). */
export interface SendFixture {
  dir: string;
  store: Store;
  accounts: AccountsService;
  account: Account;
  accountId: number;
  cleanup(): void;
}

/** Opens a store in a fresh temp folder and saves `address` as a sandbox PEC account. */
export async function sendFixture(sandbox: Sandbox, address: string, overrides: Partial<AccountSettings> = {}): Promise<SendFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-send-'));
  const store = openStore(path.join(dir, 'store'));
  const accounts = new AccountsService(storeAccountsStorage(store), new FileKeySecretStore(path.join(dir, 'store', 'secrets.json'), 'test-passphrase'));
  const settings = settingsFromPreset('sandbox', { name: 'Studio Rossi', address, imap: { port: sandbox.imap.port }, smtp: { port: sandbox.smtp.port } });
  assert.ok(settings.ok, JSON.stringify(settings));
  const saved = await accounts.save({ ...settings.settings, ...overrides }, SANDBOX_PASSWORD);
  assert.ok(saved.ok, JSON.stringify(saved));
  return {
    dir,
    store,
    accounts,
    account: saved.value,
    accountId: Number(saved.value.id),
    cleanup() {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Files the sender's mailbox into the store with the IMAP sync engine (receipts get linked). */
export async function syncMailbox(fixture: SendFixture): Promise<void> {
  const engine = createSyncEngine({ store: fixture.store, account: { ...fixture.account, id: fixture.accountId }, password: SANDBOX_PASSWORD });
  try {
    const result = await engine.syncAll();
    assert.ok(result.ok, JSON.stringify(result));
  } finally {
    await engine.dispose();
  }
}

/** Syncs until `done` holds (receipts of a slow provider come in over time), at most `timeoutMs`. */
export async function syncUntil(fixture: SendFixture, done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await syncMailbox(fixture);
    if (done()) return;
    assert.ok(Date.now() < deadline, 'the receipts did not arrive in time');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * A clock running `speed` times faster than the wall clock from now on, which a test can also
 * move forward at once with advance(). Sleepers wake by the clock's time, not the wall's.
 */
export class TestClock implements Clock {
  private readonly wallStart = Date.now();
  private readonly start = Date.now();
  private offset = 0;
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly speed = 1) {}

  now = (): number => this.start + (Date.now() - this.wallStart) * this.speed + this.offset;

  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    const until = this.now() + ms;
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve(false);
      let timer: NodeJS.Timeout;
      const check = () => {
        clearTimeout(timer);
        const left = until - this.now();
        if (left > 0) {
          timer = setTimeout(check, Math.max(1, Math.ceil(left / this.speed)));
          return;
        }
        finish(true);
      };
      const finish = (woke: boolean) => {
        clearTimeout(timer);
        this.sleepers.delete(check);
        signal?.removeEventListener('abort', onAbort);
        resolve(woke);
      };
      const onAbort = () => finish(false);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.add(check);
      check();
    });
  }

  /** Moves the clock forward by ms; sleepers whose time has come wake up. */
  advance(ms: number): void {
    this.offset += ms;
    for (const check of [...this.sleepers]) check();
  }
}

/** The original message (postacert.eml) inside every busta di trasporto in `address`'s INBOX. */
export async function receivedOriginals(sandbox: Sandbox, address: string): Promise<{ text: string; subject: string; to: string; attachments: Attachment[] }[]> {
  const originals = [];
  for (const raw of await readInbox(sandbox, address)) {
    const postacert = extractPostacert(raw);
    if (!postacert) continue;
    const original = await simpleParser(postacert.raw);
    const to = Array.isArray(original.to) ? original.to.map((t) => t.text).join(', ') : (original.to?.text ?? '');
    originals.push({ text: original.text ?? '', subject: original.subject ?? '', to, attachments: original.attachments });
  }
  return originals;
}

/** Every entry of a .zip (a file, or its bytes) by name, unzipped with yauzl (not our own writer). */
export function unzip(zipFile: string | Buffer): Promise<Map<string, Buffer>> {
  const bytes = typeof zipFile === 'string' ? fs.readFileSync(zipFile) : zipFile;
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/**
 * Asserts what `sha256sum -c` and a reader of manifest.json would check: SHA256SUMS names every
 * other file of the archive with its right SHA-256, and so does the manifest. Returns the manifest.
 */
export function assertHashesHold(entries: Map<string, Buffer>): { files: { path: string; sha256: string }[]; dac: unknown } & Record<string, unknown> {
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const sums = entries.get('SHA256SUMS')!.toString('utf8').trim().split('\n').map((l) => l.split('  ') as [string, string]);
  assert.deepEqual(sums.map(([, name]) => name).sort(), [...entries.keys()].filter((n) => n !== 'SHA256SUMS').sort());
  for (const [hash, name] of sums) assert.equal(sha256(entries.get(name)!), hash, name);
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { files: { path: string; sha256: string }[]; dac: unknown };
  for (const f of manifest.files) assert.equal(sha256(entries.get(f.path)!), f.sha256, f.path);
  return manifest;
}

/**
 * The sandbox's access point has no 'error' listener, and smtp-server emits one there when a
 * client vanishes in the middle of a transaction (what kill -9 of a sending process does), so the
 * test process would die of an unhandled ECONNRESET. Until sandbox/ listens itself, the servers a
 * test starts meanwhile get a listener that collects those errors.
 */
export function collectServerErrors(): { errors: Error[]; restore(): void } {
  const errors: Error[] = [];
  const listen = SMTPServer.prototype.listen;
  SMTPServer.prototype.listen = function (this: SMTPServer, ...args: Parameters<SMTPServer['listen']>) {
    this.on('error', (err: Error) => errors.push(err));
    return listen.apply(this, args);
  } as SMTPServer['listen'];
  return { errors, restore: () => (SMTPServer.prototype.listen = listen) };
}
