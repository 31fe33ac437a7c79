// Folder changes and quotas through the API against a real Dovecot: what the renderer gets back
// when the server agrees, the reason code it words when something is refused, and the quota of
// each account (none said quietly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { QuotaView } from '../../../src/shared/api-organize';
import type { FolderView } from '../../../src/shared/api-values';
import { createApi } from '../../../src/main/api';
import { createServices, headlessSecretStore } from '../../../src/main/services';
import { webHost } from '../../../src/main/webbridge/launch';
import { startDovecot } from '../../../sandbox/dovecot';

const LIMITED = { address: 'limitata@pec.alfa.test', password: 'pw-1', quotaBytes: 4 * 1024 * 1024 };
const FREE = { address: 'libera@pec.beta.test', password: 'pw-2' };

test('folders are created, refused with their reason and deleted through the API; each account says its quota', async (t) => {
  const dovecot = await startDovecot({ users: [LIMITED, FREE] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-folders-api-'));
  const dataDir = path.join(dir, 'data');
  const services = await createServices({ dataDir, secrets: headlessSecretStore(dataDir) });
  const api = createApi(services, webHost('test', dir), () => undefined);
  t.after(async () => {
    api.dispose();
    await services.close();
    await dovecot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const save = async (address: string, password: string) => {
    const endpoint = { host: '127.0.0.1', port: dovecot.imapPort, security: 'none' as const, username: address };
    const saved = await services.saveAccount({ name: address, address, kind: 'pec', imap: endpoint, smtp: { ...endpoint, port: 2525 }, sentFolder: null }, password);
    assert.ok(saved.ok);
    return saved.value.id;
  };
  const limited = await save(LIMITED.address, LIMITED.password);
  const free = await save(FREE.address, FREE.password);
  await services.mail.syncNow();
  const folders = async () => {
    const res = await api.dispatch('listFolders', { accountId: limited });
    assert.ok(res.ok);
    return res.value as FolderView[];
  };

  const created = await api.dispatch('createFolder', { accountId: limited, parentFolderId: null, name: 'Pratiche' });
  assert.ok(created.ok, JSON.stringify(created));
  const pratiche = (await folders()).find((f) => f.path === 'Pratiche');
  assert.equal(pratiche?.id, (created.value as { folderId: number }).folderId);

  const taken = await api.dispatch('createFolder', { accountId: limited, parentFolderId: null, name: 'Pratiche' });
  assert.ok(!taken.ok);
  assert.deepEqual({ code: taken.error.code, items: taken.error.items }, { code: 'exists', items: ['exists'] });
  const inbox = (await folders()).find((f) => f.role === 'inbox')!;
  const renamed = await api.dispatch('renameFolder', { folderId: inbox.id, name: 'Arrivi' });
  assert.ok(!renamed.ok);
  assert.deepEqual({ code: renamed.error.code, items: renamed.error.items }, { code: 'denied', items: ['protected'] });

  assert.deepEqual(await api.dispatch('deleteFolder', { folderId: pratiche!.id }), { ok: true, value: null });
  assert.ok(!(await folders()).some((f) => f.path === 'Pratiche'));

  const quotas = await api.dispatch('listQuotas', {});
  assert.ok(quotas.ok);
  const byAccount = new Map((quotas.value as QuotaView[]).map((q) => [q.accountId, q]));
  const own = byAccount.get(limited);
  assert.ok(own?.state === 'ok', JSON.stringify(own));
  assert.deepEqual({ limit: own.limitBytes, level: own.level }, { limit: LIMITED.quotaBytes, level: 'normal' });
  assert.deepEqual(byAccount.get(free), { accountId: free, state: 'unsupported' });
});
