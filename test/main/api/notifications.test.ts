// Notifications through the API over a real store: a PEC filed by the sync in an inbox is told to
// the page once, a file imported is not; the settings are kept in the data folder; a sent PEC late
// with its consegne is told once, also across a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { NotificationEvent } from '../../../src/shared/api-keeping';
import type { PecEvent } from '../../../src/shared/api';
import { NotificationSettingsFile } from '../../../src/main/keeping';
import type { ApiContext } from '../../../src/main/api/context';
import { Notifier } from '../../../src/main/api/notifier';
import { own } from '../store/helpers';
import { FIXTURES, startApi } from './helpers';

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

test('a new PEC filed in an inbox is told once, with its real sender; a file imported is not', async (t) => {
  const { api, services } = await startApi(t);
  const { store } = services;
  const saved = store.saveAccount({ name: 'Mario', address: 'mario@pec.alfa.example', kind: 'pec' });
  assert.ok(saved.ok);
  const inbox = store.upsertFolder(saved.accountId, { path: 'INBOX' });
  const events: NotificationEvent[] = [];
  api.onEvent((e: PecEvent) => e.type === 'notification' && events.push(e));

  await store.importMessage(fixture('aruba-2014-posta-certificata-completa.eml'), { importedFrom: 'file' });
  const filed = await store.importMessage(fixture('aruba-2023-posta-certificata-completa.eml'), { location: { folderId: inbox, uid: 1, flags: [] } });
  assert.ok(filed.ok);
  store.setSeen([filed.messageRowId], true);
  assert.deepEqual(events.map((e) => [e.kind, e.messageId, e.subject]), [['new-pec', filed.messageRowId, '[XDCR] xdcr_2022_02_00583.txt']]);
  assert.match(events[0].who ?? '', /sviluppo@pec\.datamanagementitalia\.it/);
});

test('the settings default to every notice and 24 hours, and are kept in the data folder', async (t) => {
  const { api, services } = await startApi(t);
  const initial = await api.dispatch('getNotificationSettings', {});
  assert.deepEqual(initial.ok && initial.value, { newPec: true, deliveryFailed: true, missingDeliveries: true, missingAfterHours: 24 });
  const changed = { newPec: false, deliveryFailed: true, missingDeliveries: true, missingAfterHours: 6 };
  const saved = await api.dispatch('setNotificationSettings', changed);
  assert.deepEqual(saved.ok && saved.value, changed);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(services.dataDir, 'notifications.json'), 'utf8')), changed);
  const refused = await api.dispatch('setNotificationSettings', { ...changed, missingAfterHours: 0 });
  assert.equal(refused.ok ? null : refused.error.code, 'invalid-request');
});

test('a sent PEC still without its consegne after the set hours is told once, and not again by the notifier of the next start', async (t) => {
  const { services } = await startApi(t);
  const recorded = await services.store.importSentMessage(own('richiesta-sent.eml'));
  assert.ok(recorded.ok, JSON.stringify(recorded));
  const told: NotificationEvent[] = [];
  const settings = NotificationSettingsFile.inDataDir(services.dataDir);
  const dayLater = () => Date.now() + 25 * 3_600_000;
  // Two notifiers one after the other over the same store: the app started, then started again.
  for (const session of [1, 2]) {
    const ctx = { services, host: {}, emit: (e: PecEvent) => e.type === 'notification' && told.push(e) } as unknown as ApiContext;
    const notifier = new Notifier(ctx, settings, dayLater);
    notifier.checkMissing();
    notifier.checkMissing();
    notifier.dispose();
    assert.equal(told.length, 1, `after start ${session}`);
  }
  assert.deepEqual([told[0].kind, told[0].sentMessageId, told[0].count], ['deliveries-missing', recorded.sentMessageId, 3]);
});
