// A pre-send finding reads in the window's language: the checks give it a text and values, the
// window words them from its own catalog (never the Italian message an English window would
// otherwise show), and a finding without a text keeps its message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settingsFromPreset } from '../../../../src/main/accounts';
import { checkMessage } from '../../../../src/main/send';
import type { Finding } from '../../../../src/shared/api-send-values';
import { CHECK_FINDING_TEXTS } from '../../../../src/shared/send-check-texts';
import { findingText } from '../../../../src/renderer/features/campaign/finding-text';
import { translator } from '../../translator';

const variables = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]))].sort();

/** The findings of a PEC with nobody in To and no subject, from the real checks. */
async function nobodyNoSubject(): Promise<Record<string, Finding>> {
  const settings = settingsFromPreset('legalmail', { name: 'Studio Bianchi', address: 'studio.bianchi@legalmail.it', username: 'U123456' });
  assert.ok(settings.ok);
  const report = await checkMessage({ to: [], cc: [], subject: '', html: '<p>Buongiorno.</p>', attachments: [], receiptVariant: 'completa', settings: settings.settings });
  return Object.fromEntries(report.findings.map((f) => [f.code, f]));
}

test('every text has Italian and English words naming the same values', () => {
  for (const [key, text] of Object.entries(CHECK_FINDING_TEXTS)) {
    assert.ok(text.it.trim() && text.en.trim(), `${key} has words in both languages`);
    assert.deepEqual(variables(text.en), variables(text.it), `${key} names the same values`);
  }
});

test('an English window words a real finding in English', async () => {
  const t = await translator('en');
  const f = await nobodyNoSubject();
  assert.equal(findingText(t, f['no-recipients']), 'No recipients in “To”: add at least one.');
  assert.equal(findingText(t, f['no-subject']), 'The subject is empty.');
  assert.notEqual(findingText(t, f['no-subject']), f['no-subject'].message, 'still the Italian message');
});

test('an Italian window words a finding as the checks\u2019 own message', async () => {
  const t = await translator('it');
  const f = await nobodyNoSubject();
  for (const finding of Object.values(f)) assert.equal(findingText(t, finding), finding.message);
});

test('values and plural forms are filled in, sizes in each language\u2019s numbers', async () => {
  const [t, tIt] = await Promise.all([translator('en'), translator('it')]);
  const volume: Finding = { code: 'total-volume', severity: 'info', message: '…', text: 'total-volume', params: { count: 2, size: 1.25, total: 2.5 } };
  assert.equal(findingText(t, volume), '2 messages of 1.3 MB each: 2.5 MB in all.');
  assert.equal(findingText(tIt, volume), '2 messaggi da 1,3 MB: 2,5 MB in tutto.');
  const one: Finding = { code: 'not-pec', severity: 'warning', message: '…', text: 'not-pec', params: { count: 1 } };
  assert.match(findingText(t, one), /^One recipient does not appear/);
});

test('a finding without a text shows its message as it came', async () => {
  const t = await translator('en');
  assert.equal(findingText(t, { code: 'too-large', severity: 'error', message: 'Il messaggio è troppo grande.' }), 'Il messaggio è troppo grande.');
});
