import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveLimits, parseAccountSettings, securityWarnings } from '../../../src/main/accounts';

const valid = {
  name: 'Studio Rossi',
  address: ' studio.rossi@pec.it ',
  kind: 'pec',
  imap: { host: 'imaps.pec.aruba.it', port: 993, security: 'tls', username: 'studio.rossi@pec.it' },
  smtp: { host: 'smtps.pec.aruba.it', port: 465, security: 'tls', username: 'studio.rossi@pec.it' },
};

test('complete settings are accepted, trimmed, and get the documented defaults', () => {
  const result = parseAccountSettings(valid);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.settings.address, 'studio.rossi@pec.it');
  assert.equal(result.settings.sentFolder, 'auto');
  assert.equal(result.settings.receiptsFolder, 'Ricevute PEC');
  assert.equal(result.settings.receiptsMode, 'local');
  assert.deepEqual(result.settings.rateLimit, {});
});

test('a URL pasted as host name is refused with the field it concerns', () => {
  const result = parseAccountSettings({ ...valid, imap: { ...valid.imap, host: 'imaps://imaps.pec.aruba.it:993' } });
  assert.ok(!result.ok);
  assert.equal(result.code, 'invalid-settings');
  assert.deepEqual(
    result.issues.map((i) => i.path),
    ['imap.host'],
  );
  assert.match(result.detail, /imap\.host: not a host name/);
});

test('every wrong field is reported at once', () => {
  const result = parseAccountSettings({ ...valid, address: 'non-un-indirizzo', kind: 'raccomandata', smtp: { ...valid.smtp, port: 70000 } });
  assert.ok(!result.ok);
  assert.deepEqual(result.issues.map((i) => i.path).sort(), ['address', 'kind', 'smtp.port']);
});

test('a password slipped into the settings object is dropped, never kept', () => {
  const result = parseAccountSettings({ ...valid, password: 'segreta', imap: { ...valid.imap, password: 'segreta' } });
  assert.ok(result.ok);
  assert.doesNotMatch(JSON.stringify(result.settings), /segreta/);
});

test('IPv4 and IPv6 loopback hosts are valid hosts', () => {
  for (const host of ['127.0.0.1', '::1', 'localhost']) {
    const result = parseAccountSettings({ ...valid, imap: { ...valid.imap, host } });
    assert.ok(result.ok, host);
  }
});

test('a PEC account without figures gets the legal 30 MB minimum and 30 messages a minute', () => {
  const result = parseAccountSettings(valid);
  assert.ok(result.ok);
  assert.deepEqual(effectiveLimits(result.settings), { maxMessageBytes: 30_000_000, maxRecipients: null, perMinute: 30, perHour: null });
  const own = parseAccountSettings({ ...valid, maxMessageBytes: 100_000_000, maxRecipients: 500, rateLimit: { perMinute: 6 } });
  assert.ok(own.ok);
  assert.deepEqual(effectiveLimits(own.settings), { maxMessageBytes: 100_000_000, maxRecipients: 500, perMinute: 6, perHour: null });
});

test("an account added in the app (only its provider's id, no figures) gets its provider's limits", () => {
  const legalmail = parseAccountSettings({ ...valid, providerId: 'legalmail' });
  assert.ok(legalmail.ok);
  assert.equal(effectiveLimits(legalmail.settings).perMinute, 6, "InfoCert's 6 a minute, not the 30 default");
  const aruba = parseAccountSettings({ ...valid, providerId: 'aruba' });
  assert.ok(aruba.ok);
  assert.deepEqual(effectiveLimits(aruba.settings), { maxMessageBytes: 100_000_000, maxRecipients: 500, perMinute: 30, perHour: null });
  const own = parseAccountSettings({ ...valid, providerId: 'legalmail', rateLimit: { perMinute: 4 } });
  assert.ok(own.ok);
  assert.equal(effectiveLimits(own.settings).perMinute, 4, "the user's own figure wins");
  const unknown = parseAccountSettings({ ...valid, providerId: 'no-such-provider' });
  assert.ok(unknown.ok);
  assert.equal(effectiveLimits(unknown.settings).perMinute, 30);
});

test('an ordinary account has no invented limits', () => {
  const result = parseAccountSettings({ ...valid, kind: 'ordinary' });
  assert.ok(result.ok);
  assert.deepEqual(effectiveLimits(result.settings), { maxMessageBytes: null, maxRecipients: null, perMinute: null, perHour: null });
});

test('plaintext to a remote server is warned about, plaintext to loopback is not', () => {
  const remote = parseAccountSettings({ ...valid, imap: { ...valid.imap, security: 'none', port: 143 } });
  assert.ok(remote.ok);
  assert.deepEqual(securityWarnings(remote.settings), [{ service: 'imap', host: 'imaps.pec.aruba.it' }]);
  const local = parseAccountSettings({ ...valid, imap: { ...valid.imap, host: '127.0.0.1', security: 'none' }, smtp: { ...valid.smtp, host: 'localhost', security: 'none' } });
  assert.ok(local.ok);
  assert.deepEqual(securityWarnings(local.settings), []);
});
