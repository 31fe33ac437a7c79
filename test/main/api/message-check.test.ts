// checkMessage over real services: the composer's pre-send report for one PEC, the same shape as a
// campaign's. Nothing here connects to a mail server (the Legalmail account is never reached).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiBackend } from '../../../src/main/api';
import type { CheckReport, Finding } from '../../../src/shared/api-send-values';
import { providerIndexLdif } from '../../../sandbox/provider';
import { ARUBA_2018, realSignerDer } from '../trust/index-helpers';
import { legalmailAccount, startApi } from './helpers';

function message(accountId: string, overrides: Record<string, unknown> = {}) {
  return {
    accountId,
    to: ['a.rossi@pec.aruba.it'],
    cc: [],
    subject: 'Diffida',
    html: '<p>Gentile avvocato, le scrivo per la pratica 42.</p>',
    inReplyTo: null,
    references: [],
    receiptVariant: 'completa',
    attachments: [],
    ...overrides,
  };
}

async function check(api: ApiBackend, payload: unknown): Promise<CheckReport> {
  const result = await api.dispatch('checkMessage', payload);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value as CheckReport;
}

const byCode = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [f.code, f]));

test('checkMessage names a bad address in words where sendMessage refuses the payload', async (t) => {
  const { api, services } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const report = await check(api, message(accountId, { to: ['mario.rossi(at)pec.it'], html: '<p>In allegato la diffida.</p>' }));
  const f = byCode(report.findings);
  assert.equal(report.blocked, true);
  assert.deepEqual(f['invalid-address'].addresses, ['mario.rossi(at)pec.it']);
  assert.equal(f['attachment-mentioned'].severity, 'warning');
  const sent = await api.dispatch('sendMessage', message(accountId, { to: ['mario.rossi(at)pec.it'] }));
  assert.ok(!sent.ok);
  assert.equal(sent.error.code, 'invalid-request');
});

test('checkMessage reads uploaded attachments and an unknown account is not found', async (t) => {
  const { api, services } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const upload = { filename: 'script.vbs', contentType: 'text/plain', dataBase64: Buffer.from('MsgBox 1').toString('base64') };
  const report = await check(api, message(accountId, { html: '<p>Ecco gli allegati.</p>', attachments: [upload] }));
  const f = byCode(report.findings);
  assert.equal(f['attachment-mentioned'], undefined);
  assert.match(f['refused-attachment-type'].message, /script\.vbs/);
  assert.ok(report.estimate.messageBytes > 0);
  const missing = await api.dispatch('checkMessage', message('999'));
  assert.ok(!missing.ok);
  assert.equal(missing.error.code, 'not-found');
});

test('with a providers index imported, a domain it does not manage is not PEC, one it manages is', async (t) => {
  const { api, services } = await startApi(t);
  const accountId = await legalmailAccount(services);
  const guessed = await check(api, message(accountId, { to: ['ufficio@comune.example.it'] }));
  assert.deepEqual(byCode(guessed.findings)['not-pec'].addresses, ['ufficio@comune.example.it']);

  const ldif = providerIndexLdif([
    { name: 'ArubaPEC S.p.A.', certificatesDer: [realSignerDer(ARUBA_2018)], managedDomains: ['pec.aruba.it', 'comune.example.it'], mailReceipt: 'posta-certificata@pec.aruba.it' },
  ]);
  const uploaded = await api.dispatch('providerIndexUpload', { name: 'indice.ldif', dataBase64: Buffer.from(ldif).toString('base64') });
  assert.ok(uploaded.ok, JSON.stringify(uploaded));

  const indexed = await check(api, message(accountId, { to: ['ufficio@comune.example.it', 'x@legalmail.it'] }));
  // legalmail.it is a known PEC domain, but the index in force does not list it.
  assert.deepEqual(byCode(indexed.findings)['not-pec'].addresses, ['x@legalmail.it']);
  assert.equal(byCode(indexed.findings)['recipients-see-each-other'].severity, 'warning');
});
