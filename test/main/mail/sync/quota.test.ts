// The mailbox quota as a real Dovecot states it (GETQUOTAROOT, RFC 9208): used and limit in bytes,
// and "no quota" said quietly when the mailbox has no storage limit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSyncEngine } from '../../../../src/main/mail';
import { startDovecot, type DovecotServer } from '../../../../sandbox/dovecot';
import { accountOn, appendAll, fixture, REAL, tempStore, waitUntil } from './helpers';

const PASSWORD = 'pw';
const LIMITED = 'quota@pec.alfa.test';
const FREE = 'libero@pec.alfa.test';
let server: DovecotServer;

before(async () => {
  server = await startDovecot({ users: [{ address: LIMITED, password: PASSWORD, quotaBytes: 1024 * 1024 }, { address: FREE, password: PASSWORD }] });
});
after(async () => {
  await server?.stop();
});

function engineFor(t: { after(fn: () => Promise<void> | void): void }, address: string) {
  const store = tempStore();
  const engine = createSyncEngine({ store, account: accountOn(store, server, address), password: PASSWORD });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  return engine;
}

test('the quota shows what the mailbox holds against its limit', async (t) => {
  const raws = [fixture(REAL.envelope2023), fixture(REAL.envelope2014)];
  await appendAll(server.imapPort, LIMITED, PASSWORD, 'INBOX', raws);
  const engine = engineFor(t, LIMITED);

  const quota = await engine.quota();

  assert.ok(quota.ok, JSON.stringify(quota));
  assert.equal(quota.limitBytes, 1024 * 1024);
  // STORAGE is counted in KiB (RFC 9208 §5): the bytes stored, rounded to whole KiB.
  const stored = raws.reduce((n, r) => n + r.length, 0);
  assert.ok(Math.abs(quota.usedBytes - stored) < 2 * 1024 * raws.length, `used ${quota.usedBytes} for ${stored} bytes stored`);
});

test('a mailbox without a storage limit has no quota to show, said without an error', async (t) => {
  const engine = engineFor(t, FREE);

  const quota = await engine.quota();

  assert.deepEqual(quota.ok ? quota : { ok: quota.ok, code: quota.code }, { ok: false, code: 'unsupported' });
});

test('a limit set on the server is read at the next login', async (t) => {
  server.setQuota(FREE, 2 * 1024 * 1024);
  t.after(() => server.setQuota(FREE, null));
  const store = tempStore();
  t.after(() => store.cleanup());
  const account = accountOn(store, server, FREE);
  // Dovecot re-reads its passwd-file when the file's mtime (whole seconds) changes; each try is a new login.
  await waitUntil(async () => {
    const engine = createSyncEngine({ store, account, password: PASSWORD });
    const quota = await engine.quota();
    await engine.dispose();
    return quota.ok && quota.limitBytes === 2 * 1024 * 1024;
  }, 'the new limit', 5000);
});
