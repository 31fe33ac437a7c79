// Before any providers' index is imported (`npm run web -- --sandbox --no-index`): a genuine
// consegna of the sandbox gestore counts but is integra (amber), and a banner asks to import the
// index; importing the sandbox's index from that banner's dialog turns it attendibile (green)
// where it is shown, and the banner goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, useWebApp } from './helpers';
import { counters, openSent, sendPec, waitForConsegna } from './sent-helpers';

const app = useWebApp(['--no-index']);

test('without an index a genuine consegna is integra and counts, with the banner; importing the index from the banner makes it attendibile', async (t) => {
  const page = await app.newPage(t);
  const banner = page.getByTestId('index-banner');
  assert.match(await banner.innerText(), /Importa l'elenco dei gestori PEC: finché manca, le ricevute integre contano ma non sono verificate/);

  const subject = 'Trasmissione parere legale';
  await sendPec(page, 'ufficio@pec.beta.test', subject);
  const deliveries = await openSent(page, subject);
  const consegna = await waitForConsegna(page, deliveries);
  const badge = consegna.getByTestId('receipt-trust');
  assert.equal(await badge.getAttribute('data-trust'), 'integra');
  assert.match(await badge.innerText(), /integra, gestore non verificato/);
  assert.equal(await badge.evaluate((el) => getComputedStyle(el).color), 'rgb(138, 90, 0)', 'amber (--warn)');
  assert.equal(await consegna.locator('.not-proof').count(), 0, 'without an index an integra receipt counts');
  assert.match(await counters(deliveries), /D1 A1 C1 E0/);

  // The sandbox's index, as a file the user picked, through the dialog the banner opens.
  const ldif = Buffer.from(await (await fetch(app.launch.sandbox.providerIndexUrl)).arrayBuffer());
  await banner.getByTestId('index-banner-import').click();
  const dialog = page.getByTestId('provider-index');
  await dialog.waitFor();
  await dialog.getByTestId('provider-index-file-input').setInputFiles({ name: 'gestori-sandbox.ldif', mimeType: 'text/plain', buffer: ldif });
  await dialog.getByTestId('provider-index-message').waitFor({ timeout: 30_000 });
  await until(async () => (await banner.count()) === 0, 'the banner gone once an index is in force');
  await until(async () => (await badge.getAttribute('data-trust')) === 'attendibile', 'the consegna judged again: attendibile');
  assert.equal(await badge.evaluate((el) => getComputedStyle(el).color), 'rgb(19, 115, 51)', 'green (--ok)');
  assert.match(await counters(deliveries), /D1 A1 C1 E0/);
});
