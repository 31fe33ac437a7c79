import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROVIDER_PRESETS, effectiveLimits, findPreset, presetForAddress, settingsFromPreset } from '../../../src/main/accounts';

test('the account dialog offers the main Italian PEC providers, the sandbox and "other" last', () => {
  const ids = PROVIDER_PRESETS.map((p) => p.id);
  for (const id of ['aruba', 'legalmail', 'poste', 'namirial', 'register', 'actalis', 'tim', 'libero', 'sandbox']) assert.ok(ids.includes(id), id);
  assert.equal(ids.at(-1), 'other');
});

test('every preset with servers builds valid settings from just a name and an address', () => {
  for (const preset of PROVIDER_PRESETS.filter((p) => p.imap && p.smtp)) {
    const result = settingsFromPreset(preset.id, { name: 'Prova', address: 'prova@esempio.it' });
    assert.ok(result.ok, `${preset.id}: ${!result.ok && result.detail}`);
    assert.equal(result.settings.providerId, preset.id);
    assert.equal(result.settings.imap.username, 'prova@esempio.it');
  }
});

test('every preset says where its values come from, and which are unverified', () => {
  for (const preset of PROVIDER_PRESETS) assert.ok(preset.source.length > 20, preset.id);
  for (const id of ['poste', 'namirial', 'register', 'actalis', 'tim', 'libero']) {
    const preset = findPreset(id);
    assert.equal(preset?.verified, false, id);
    assert.match(preset?.source ?? '', /^(Hosts )?[Uu]nverified/, id);
  }
});

test('Aruba: implicit TLS on 993/465, 100 MB divided by the recipients, at most 500 recipients', () => {
  const result = settingsFromPreset('aruba', { name: 'Studio', address: 'studio@pec.it' });
  assert.ok(result.ok);
  assert.deepEqual(result.settings.imap, { host: 'imaps.pec.aruba.it', port: 993, security: 'tls', username: 'studio@pec.it' });
  assert.deepEqual(result.settings.smtp, { host: 'smtps.pec.aruba.it', port: 465, security: 'tls', username: 'studio@pec.it' });
  assert.equal(effectiveLimits(result.settings).maxMessageBytes, 100_000_000);
  assert.equal(effectiveLimits(result.settings).maxRecipients, 500);
});

test('Legalmail: 6 messages a minute, and the InfoCert user id as login when given', () => {
  const result = settingsFromPreset('legalmail', { name: 'Studio', address: 'studio@legalmail.it', username: 'AB1234567' });
  assert.ok(result.ok);
  assert.equal(effectiveLimits(result.settings).perMinute, 6);
  assert.equal(result.settings.imap.username, 'AB1234567');
  assert.equal(result.settings.smtp.host, 'sendm.cert.legalmail.it');
  assert.equal(findPreset('legalmail')?.username, 'user-id');
});

test('the provider is recognised from the address domain, subdomains included', () => {
  assert.equal(presetForAddress('mario.rossi@pec.it')?.id, 'aruba');
  assert.equal(presetForAddress('Studio@LEGALMAIL.IT')?.id, 'legalmail');
  assert.equal(presetForAddress('ufficio@azienda.telecompost.it')?.id, 'tim');
  assert.equal(presetForAddress('qualcuno@gmail.com'), null);
  assert.equal(presetForAddress('trucco@notpec.it'), null);
});

test('the sandbox preset points at loopback and accepts the ports of a given run', () => {
  const result = settingsFromPreset('sandbox', { name: 'Sandbox', address: 'alice@sandbox.test', imap: { port: 40143 }, smtp: { port: 40025 } });
  assert.ok(result.ok);
  assert.equal(result.settings.imap.host, '127.0.0.1');
  assert.equal(result.settings.imap.port, 40143);
  assert.equal(result.settings.smtp.port, 40025);
});

test('"other" needs the user\'s servers, and says which fields are missing', () => {
  const missing = settingsFromPreset('other', { name: 'Altro', address: 'a@pec.esempio.it' });
  assert.ok(!missing.ok);
  assert.deepEqual([...new Set(missing.issues.map((i) => i.path.split('.')[0]))].sort(), ['imap', 'smtp']);
  const complete = settingsFromPreset('other', {
    name: 'Altro',
    address: 'a@pec.esempio.it',
    imap: { host: 'imap.pec.esempio.it', port: 993, security: 'tls' },
    smtp: { host: 'smtp.pec.esempio.it', port: 465, security: 'tls' },
  });
  assert.ok(complete.ok);
});

test('an unknown provider id is an error value', () => {
  const result = settingsFromPreset('gestore-fantasma', { name: 'x', address: 'x@y.it' });
  assert.ok(!result.ok);
  assert.match(result.detail, /unknown provider/);
});
