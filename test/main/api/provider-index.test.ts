import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PecEvent } from '../../../src/shared/api';
import type { ProviderIndexImportView, ProviderIndexStatusView } from '../../../src/shared/api-provider-index';
import { providerIndexLdif } from '../../../sandbox/provider';
import { ARUBA_2018, realSignerDer } from '../trust/index-helpers';
import { startApi } from './helpers';

const ldif = providerIndexLdif([{ name: 'ArubaPEC S.p.A.', certificatesDer: [realSignerDer(ARUBA_2018)], managedDomains: ['pec.aruba.it'], mailReceipt: 'posta-certificata@pec.aruba.it' }]);

test('status, upload and update over the API; the store-changed and re-check events reach the renderer', async (t) => {
  const { api } = await startApi(t);
  const events: PecEvent[] = [];
  api.onEvent((e) => events.push(e));
  const before = await api.dispatch('providerIndexStatus', {});
  assert.ok(before.ok);
  const initial = before.value as ProviderIndexStatusView;
  assert.equal(initial.info, null);
  assert.equal(initial.stale, true);
  assert.equal(initial.url, initial.defaultUrl);

  const uploaded = await api.dispatch('providerIndexUpload', { name: 'indice.ldif', dataBase64: Buffer.from(ldif).toString('base64') });
  assert.ok(uploaded.ok, JSON.stringify(uploaded));
  const view = uploaded.value as ProviderIndexImportView;
  assert.equal(view.unchanged, false);
  assert.equal(view.info.providers, 1);
  assert.equal(view.info.source, 'indice.ldif');
  assert.ok(events.some((e) => e.type === 'store-changed' && e.entities.includes('providerIndex')));
  assert.ok(events.some((e) => e.type === 'provider-index-recheck' && e.state === 'done'));

  const bad = await api.dispatch('providerIndexUpload', { name: 'lettera.eml', dataBase64: Buffer.from('From: a@b.it\n\nciao\n').toString('base64') });
  assert.ok(!bad.ok);
  assert.equal(bad.error.code, 'unreadable');
  assert.equal(bad.error.reason, 'provider-index-not-ldif');
  assert.match(bad.error.message, /non è in formato LDIF.*L’elenco in uso non è cambiato\.$/);

  const refusedUrl = await api.dispatch('providerIndexSetUrl', { url: 'http://example.org/indice.ldif' });
  assert.ok(!refusedUrl.ok && refusedUrl.error.code === 'invalid-request');

  const server = http.createServer((_req, res) => res.end(ldif.replace('pec.aruba.it\n', 'pec.aruba.it\nmanagedDomains: arubapec.it\n')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/indice.ldif`;
  const set = await api.dispatch('providerIndexSetUrl', { url });
  assert.ok(set.ok && (set.value as ProviderIndexStatusView).url === url);
  const updated = await api.dispatch('providerIndexUpdate', {});
  assert.ok(updated.ok, JSON.stringify(updated));
  assert.equal((updated.value as ProviderIndexImportView).info.domains, 2);
  const after = await api.dispatch('providerIndexStatus', {});
  assert.ok(after.ok);
  const status = after.value as ProviderIndexStatusView;
  assert.equal(status.info?.source, url);
  assert.equal(status.stale, false);
  assert.equal(status.lastError, null);
});

test('the file dialog is the desktop app\'s; the browser build is told to upload', async (t) => {
  const { api } = await startApi(t);
  const result = await api.dispatch('providerIndexImportDialog', {});
  assert.ok(!result.ok && result.error.code === 'unsupported');
});
