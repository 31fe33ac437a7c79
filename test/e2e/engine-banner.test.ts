// The engine restarted under a running page (`npm run web` restarts it on SIGUSR2, as after a
// crash): the page says so in a banner, in Italian, and goes on working against the new engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, messageRow, openApp, selectFolder, startWebApp } from './helpers';

test('after the engine restarts the page shows the banner, keeps working, and the banner can be closed', async (t) => {
  const web = await startWebApp();
  t.after(() => web.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await openApp(browser, web.launch.url);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  await messageRow(page, 'Trasmissione atto di citazione').waitFor();
  assert.equal(await page.getByTestId('engine-banner').count(), 0, 'no banner before anything happened');

  web.signal('SIGUSR2');
  const banner = page.getByTestId('engine-banner');
  await banner.waitFor({ timeout: 60_000 });
  assert.match(await banner.innerText(), /motore di PecDesk si è interrotto ed è stato riavviato/);

  // The new engine answers: another account's inbox lists.
  await selectFolder(page, 'ufficio@pec.beta.test', 'inbox');
  await messageRow(page, 'Richiesta documentazione contratto n. 4521').waitFor({ timeout: 60_000 });
  await page.getByTestId('engine-banner-dismiss').click();
  await banner.waitFor({ state: 'detached' });
});
