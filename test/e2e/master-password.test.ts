// Where the system keychain protects nothing, PecDesk asks for a master password: created once
// (too short or mistyped: said next to the field), then asked at every start, wrong one refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startWebApp } from './helpers';

const MASTER = 'la nostra frase di studio';

async function open(browser: Browser, url: string, t: { after(fn: () => Promise<void>): void }): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  t.after(() => page.close());
  await page.goto(url);
  return page;
}

test('the master password is created once, asked again at the next start, and a wrong one is refused in words', async (t) => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-master-e2e-'));
  t.after(() => fs.rmSync(data, { recursive: true, force: true }));
  const browser = await launchChromium();
  t.after(() => browser.close());
  const args = ['--master-password', '--data', data];

  const first = await startWebApp(args, { sandbox: false });
  const page = await open(browser, first.launch.url, t);
  const dialog = page.getByTestId('master-password');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /basic_text/);
  await dialog.getByLabel('Password principale', { exact: true }).fill('corta');
  await dialog.getByLabel('Ripeti la password principale').fill('corta');
  await dialog.getByRole('button', { name: 'Crea e sblocca' }).click();
  assert.match(await dialog.getByRole('alert').innerText(), /almeno 10 caratteri/);
  await dialog.getByLabel('Password principale', { exact: true }).fill(MASTER);
  await dialog.getByLabel('Ripeti la password principale').fill(`${MASTER}!`);
  await dialog.getByRole('button', { name: 'Crea e sblocca' }).click();
  assert.match(await dialog.getByRole('alert').innerText(), /non coincidono/);
  await dialog.getByLabel('Ripeti la password principale').fill(MASTER);
  await dialog.getByRole('button', { name: 'Crea e sblocca' }).click();
  await dialog.waitFor({ state: 'detached' });
  await first.stop();

  const second = await startWebApp(args, { sandbox: false });
  t.after(() => second.stop());
  const again = await open(browser, second.launch.url, t);
  const unlock = again.getByTestId('master-password');
  await unlock.waitFor();
  assert.match(await unlock.innerText(), /Sblocca/);
  await unlock.getByLabel('Password principale', { exact: true }).fill('non è questa');
  await unlock.getByRole('button', { name: 'Sblocca' }).click();
  assert.match(await unlock.getByRole('alert').innerText(), /errata/);
  await unlock.getByLabel('Password principale', { exact: true }).fill(MASTER);
  await unlock.getByRole('button', { name: 'Sblocca' }).click();
  await unlock.waitFor({ state: 'detached' });
  assert.ok(fs.existsSync(path.join(data, 'secrets-master.json')));
  assert.ok(!fs.readFileSync(path.join(data, 'secrets-master.json'), 'utf8').includes(MASTER));
});
