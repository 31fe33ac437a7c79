// The reading UI in a real browser against `npm run web -- --sandbox`: PEC sent through the
// sandbox, synced over IMAP from Dovecot, shown by the real renderer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { downloadZipEntries, messageRow, receiveUntilListed, screenshot, selectFolder, sendThroughSandbox, startTrapServer, until, useWebApp } from './helpers';

const app = useWebApp();

test('"Ricevi" syncs a sandbox account: a PEC sent to it appears in its inbox with the real sender', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  const subject = `Convocazione assemblea ${Date.now()}`;
  await sendThroughSandbox(app.launch, { from: 'protocollo@pec.beta.test', to: 'mario.rossi@pec.alfa.test', subject, html: '<p>Si convoca l’assemblea.</p>' });
  await receiveUntilListed(page, subject);
  await assert.doesNotReject(messageRow(page, subject).locator('.badge-pec').waitFor());
  assert.equal(await messageRow(page, subject).locator('.col-from').getAttribute('title'), 'protocollo@pec.beta.test');
});

test('an envelope opens on the original: real sender, the sender\'s attachments, the signed deed inside the .p7m', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  await messageRow(page, 'Trasmissione atto di citazione').click();
  await page.locator('.preview').getByTestId('attachments').waitFor();
  await screenshot(page, 'main-view');
  await messageRow(page, 'Trasmissione atto di citazione').dblclick();
  const reader = page.locator('[role=tabpanel]:not([hidden]) [data-testid=reader]');
  await reader.waitFor();
  assert.match(await reader.getByTestId('reader-from').innerText(), /ufficio@pec\.beta\.test/);
  assert.doesNotMatch(await reader.getByTestId('reader-from').innerText(), /posta-certificata@/);
  const names = await reader.getByTestId('attachments').locator('.attachment-name').allInnerTexts();
  assert.deepEqual(names, ['atto_citazione.pdf.p7m', 'procura.pdf']);
  const signed = reader.getByTestId('signed-document');
  assert.match(await signed.innerText(), /atto_citazione\.pdf/);
  assert.match(await signed.innerText(), /Laura Bianchi/);
  await screenshot(page, 'envelope-reader');

  await reader.getByTestId('pec-details-toggle').click();
  const details = reader.getByTestId('pec-details');
  // The sandbox gestore's signature verifies: attendibile with its index imported, integra without.
  assert.match(await details.getByTestId('signature-verdict').getAttribute('data-trust') ?? '', /^(attendibile|integra)$/);
  assert.deepEqual(await details.getByTestId('service-parts').locator('.attachment-name').allInnerTexts(), ['daticert.xml', 'postacert.eml', 'smime.p7s']);
  assert.match(await details.innerText(), /posta-certificata@pec\.beta\.test/);
  await details.scrollIntoViewIfNeeded();
  await screenshot(page, 'pec-details');
});

test('"Aggiungi ai contatti" on an envelope adds the real sender, not the provider', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  await messageRow(page, 'Trasmissione atto di citazione').click();
  await page.getByRole('button', { name: 'Aggiungi ai contatti' }).click();
  const contacts = page.getByTestId('contacts-pane');
  await contacts.getByText('ufficio@pec.beta.test').first().waitFor();
  assert.doesNotMatch(await contacts.innerText(), /posta-certificata@/);
});

test('a delivery receipt opens from the receipts folder and says who received the message and when', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'receipts');
  const consegna = page.getByTestId('message-row').filter({ has: page.locator('[data-receipt="avvenuta-consegna"]') }).filter({ hasText: 'Richiesta documentazione' });
  await consegna.first().click();
  const summary = page.getByTestId('receipt-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Ricevuta di avvenuta consegna/);
  assert.match(await summary.innerText(), /(ufficio|protocollo)@pec\.beta\.test/);
  assert.match(await summary.innerText(), /Beta PEC S\.r\.l\./);
  await page.getByTestId('deliveries').waitFor();
});

test('"Salva .eml" on a delivery receipt writes the receipt as received, named by its subject and recipient, and its signature verifies', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'receipts');
  await page.getByTestId('message-row').filter({ has: page.locator('[data-receipt="avvenuta-consegna"]') }).filter({ hasText: 'Richiesta documentazione' }).first().click();
  await page.getByTestId('receipt-summary').waitFor();
  // The browser build saves into the folder named at launch: the page never names a folder itself.
  const dir = app.launch.saveDir;
  await page.locator('.preview').getByTestId('save-eml').click();
  await page.getByTestId('save-folder').filter({ hasText: dir }).waitFor();
  await page.locator('dialog').getByRole('button', { name: 'Salva', exact: true }).click();
  await page.getByTestId('save-done').waitFor();
  const name = fs.readdirSync(dir).find((n) => n.startsWith('CONSEGNA_'));
  assert.match(name ?? '', /^CONSEGNA_ Richiesta documentazione contratto n\. 4521 - (ufficio|protocollo)@pec\.beta\.test\.eml$/);
  const file = path.join(dir, name!);
  assert.match(fs.readFileSync(file, 'latin1'), /^X-Ricevuta: avvenuta-consegna\r$/m);
  execFileSync('openssl', ['smime', '-verify', '-noverify', '-in', file, '-out', '/dev/null'], { stdio: 'pipe' });
});

test('a sent message shows its D/A/C/E and where each recipient stands', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'sent');
  const sent = messageRow(page, 'Richiesta documentazione contratto');
  // Four recipients accepted; ufficio and protocollo (Cc) delivered; the unknown mailbox failed;
  // the ordinary mailbox never sends a receipt.
  const dac = async () => (await sent.getByTestId('dac').innerText()).replace(/\s+/g, '');
  await until(async () => (await dac()) === 'D4A4C2E1', 'the D/A/C/E of the sent message');
  await sent.click();
  const deliveries = page.getByTestId('deliveries');
  await deliveries.waitFor();
  assert.equal(await deliveries.locator('tr[data-status="delivered"]').count(), 2);
  assert.match(await deliveries.locator('tr[data-status="error"]').innerText(), /inesistente@pec\.beta\.test/);
  // The receipts list is a query of its own, answered after the panel's counters.
  await until(async () => (await deliveries.getByTestId('receipt-list').locator('li').count()) >= 4, 'at least four receipts listed');
  await screenshot(page, 'sent-dace');
});

test('"Esporta prove (.zip)" on a sent message downloads a folder per recipient with the message sent and its receipts', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'sent');
  const sent = messageRow(page, 'Richiesta documentazione contratto');
  await until(async () => (await sent.getByTestId('dac').innerText()).replace(/\s+/g, '') === 'D4A4C2E1', 'the D/A/C/E of the sent message');
  await sent.click();
  const deliveries = page.getByTestId('deliveries');
  const button = deliveries.getByRole('button', { name: 'Esporta prove (.zip)' });
  const names = await downloadZipEntries(page, button);
  const recipients = ['ufficio@pec.beta.test', 'inesistente@pec.beta.test', 'info@mail.gamma.test', 'protocollo@pec.beta.test'];
  const folders = [...new Set(names.filter((n) => n.includes('/')).map((n) => n.split('/')[0]))];
  assert.deepEqual(folders.map((f) => f.replace(/^\d{3}_/, '')).sort(), [...recipients].sort(), names.join(', '));
  for (const address of recipients) {
    assert.ok(names.some((n) => n.endsWith(`_${address}/messaggio-inviato.eml`)), `the message sent, in ${address}'s folder: ${names.join(', ')}`);
    assert.ok(names.some((n) => n.endsWith(`_${address}/01-accettazione.eml`)), `the accettazione, in ${address}'s folder`);
  }
  assert.ok(names.some((n) => n.endsWith('_inesistente@pec.beta.test/02-errore-consegna.eml')), names.join(', '));
  for (const file of ['report.csv', 'report.xlsx', 'manifest.json', 'SHA256SUMS']) assert.ok(names.includes(file), file);
  assert.match(await deliveries.getByRole('status').filter({ hasText: 'Prove esportate' }).innerText(), /Prove esportate in Prove PEC - Richiesta documentazione contratto n\. 4521\.zip/);
});

test('"Salva tutti" writes the sender\'s attachments into the chosen folder and asks before overwriting', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  await messageRow(page, 'Trasmissione atto di citazione').click();
  const dir = app.launch.saveDir;
  const attachments = () => fs.readdirSync(dir).filter((n) => !n.endsWith('.eml')).sort();
  const save = async () => {
    await page.getByRole('button', { name: /Salva tutti gli allegati/ }).click();
    await page.getByTestId('save-folder').filter({ hasText: dir }).waitFor();
    await page.locator('dialog').getByRole('button', { name: 'Salva', exact: true }).click();
  };
  await save();
  await page.getByTestId('save-done').waitFor();
  assert.deepEqual(attachments(), ['atto_citazione.pdf.p7m', 'procura.pdf']);
  assert.match(fs.readFileSync(path.join(dir, 'procura.pdf'), 'latin1'), /^%PDF-/);
  await page.locator('dialog').getByRole('button', { name: 'Chiudi' }).first().click();

  await save();
  const warning = page.locator('dialog [role=alert]');
  await warning.waitFor();
  assert.match(await warning.innerText(), /procura\.pdf/);
  await page.locator('dialog').getByRole('button', { name: 'Sovrascrivi' }).click();
  await page.getByTestId('save-done').waitFor();
  assert.deepEqual(attachments(), ['atto_citazione.pdf.p7m', 'procura.pdf']);
});

test('a hostile HTML message runs no script and makes no network request, and remote images wait for permission', async (t) => {
  const trap = await startTrapServer();
  t.after(() => trap.close());
  const x = trap.origin;
  const subject = `Offerta imperdibile ${Date.now()}`;
  const html = `<html><head>
<style>body { background: url('${x}/css-style'); } @import url(${x}/css-import.css);</style>
<link rel="stylesheet" href="${x}/link.css"><meta http-equiv="refresh" content="0;url=${x}/refresh"><base href="${x}/">
</head><body>
<p id="visible">Offerta imperdibile solo per oggi</p>
<script>window.top.pwned = 'script'; fetch('${x}/script');</script>
<img src="x" onerror="window.top.pwned = 'onerror'; new Image().src = '${x}/onerror'">
<a id="jslink" href="javascript:window.top.pwned = 'link'">Clicca qui</a>
<img src="${x}/pixel.png" width="1" height="1">
<img srcset="${x}/srcset.png 2x">
<div style="background-image: url(${x}/css-attr)">sfondo</div>
<div style="background: u\\rl(${x}/css-escaped)">sfondo offuscato</div>
<table background="${x}/table-bg"><tr><td>tabella</td></tr></table>
<iframe src="${x}/frame"></iframe><object data="${x}/object"></object><embed src="${x}/embed">
<svg><image href="${x}/svg-image"></image></svg>
<video poster="${x}/poster"></video><audio src="${x}/audio" autoplay></audio>
<form action="${x}/form"><input type="image" src="${x}/input-image"><button>Invia</button></form>
</body></html>`;
  await sendThroughSandbox(app.launch, { from: 'protocollo@pec.beta.test', to: 'mario.rossi@pec.alfa.test', subject, html });

  const page = await app.newPage(t);
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(new URL(app.launch.url).origin) && !url.startsWith('data:') && url !== 'about:srcdoc') outside.push(url);
  });
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  await receiveUntilListed(page, subject);
  await messageRow(page, subject).click();
  const frame = page.frameLocator('[role=tabpanel]:not([hidden]) [data-testid=message-frame]');
  await frame.locator('#visible').waitFor();
  await frame.locator('#jslink').click();
  await page.getByTestId('remote-banner').waitFor();
  await page.waitForTimeout(1500);

  assert.equal(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned), undefined, 'no script ran');
  assert.deepEqual(outside, [], 'the page requested nothing outside the app');
  assert.equal(trap.hits.join(' '), '', 'nothing reached the trap server');
  assert.equal(await frame.locator('script, iframe, object, embed, form, svg, video, audio, link, meta[http-equiv=refresh]').count(), 0);
  assert.equal(new URL(page.url()).origin, new URL(app.launch.url).origin, 'the page did not navigate');
  assert.match(await page.getByTestId('remote-banner').innerText(), /immagini remote|immagine remota/);

  // Allowed for this message: PecDesk's core fetches the images; the page still loads nothing itself.
  await page.getByTestId('remote-banner').getByRole('button', { name: 'Mostra in questo messaggio' }).click();
  await until(async () => trap.hits.includes('/pixel.png'), 'the allowed remote image');
  await page.getByTestId('remote-banner').waitFor({ state: 'detached' });
  assert.deepEqual(outside, [], 'the page itself still requested nothing outside the app');
  for (const never of ['/script', '/onerror', '/link.css', '/css-import.css', '/refresh', '/frame', '/object', '/embed', '/form', '/input-image']) {
    assert.ok(!trap.hits.includes(never), `${never} was requested`);
  }
  assert.equal(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned), undefined);
});
