// The hostile-mail corpus (test/fixtures/hostile-html, README there) in the real reader: each .eml
// is opened through the app's own "Apri .eml" file input into a reader tab, every link-like element
// is clicked (by the mouse where it can be, by the DOM otherwise), and a loopback canary HTTP server
// and a raw TCP listener, which the mails point at, count what reached them. Scripts count by what
// the payloads do: raise window.top.__pwned, retitle the page, fetch the canary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { until, useWebApp } from './helpers';

const CORPUS = path.resolve(__dirname, '../fixtures/hostile-html');
const app = useWebApp();

interface Canary {
  /** Every request and bare connection received, as "http GET /path" or "tcp connection". */
  hits: string[];
  /** Puts the canaries' addresses into a message's bytes (CANARY_HTTP is an origin, CANARY_TCP a host:port). */
  aim(raw: Buffer): Buffer;
  close(): Promise<void>;
}

/** The loopback canaries: an HTTP server and a TCP listener that count every connection. */
async function startCanary(): Promise<Canary> {
  const hits: string[] = [];
  const web = http.createServer((req, res) => {
    hits.push(`http ${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<script>top.__pwned = (top.__pwned || 0) + 1</script>');
  });
  // A connection without a request (preconnect) counts as much as a request.
  let webConnections = 0;
  web.on('connection', () => webConnections++);
  const tcp = net.createServer((socket) => {
    hits.push('tcp connection');
    socket.destroy();
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const httpOrigin = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  const tcpHost = `127.0.0.1:${(tcp.address() as AddressInfo).port}`;
  return {
    get hits() {
      // Connections that never sent a request are hits too.
      const requests = hits.filter((h) => h.startsWith('http ')).length;
      return webConnections > requests ? [...hits, ...Array<string>(webConnections - requests).fill('http connection')] : hits;
    },
    aim: (raw) => Buffer.from(raw.toString('latin1').replaceAll('CANARY_HTTP', httpOrigin).replaceAll('CANARY_TCP', tcpHost), 'latin1'),
    async close() {
      web.closeAllConnections();
      await new Promise<void>((resolve) => web.close(() => resolve()));
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

const activePanel = '[role=tabpanel]:not([hidden])';

/** Opens an .eml through the toolbar's file input and waits for its reader tab. */
async function openEml(page: Page, name: string, raw: Buffer): Promise<void> {
  const tabs = await page.getByRole('tab').count();
  await page.getByTestId('open-eml-input').setInputFiles({ name, mimeType: 'message/rfc822', buffer: raw });
  await until(async () => (await page.getByRole('tab').count()) > tabs, `a reader tab for ${name}`);
  await page.locator(`${activePanel} [data-testid=reader]`).waitFor();
}

/** Closes every tab but the mail list (readers, and composers a mailto: link may have opened). */
async function closeTabs(page: Page): Promise<void> {
  while ((await page.getByTestId('tab-close').count()) > 0) await page.getByTestId('tab-close').first().click();
}

/** The message frame of the active tab once its document has loaded, or null when the message has no body frame. */
async function loadedFrame(page: Page) {
  const frame = page.locator(`${activePanel} [data-testid=message-frame]`);
  if (!(await frame.waitFor({ timeout: 5_000 }).then(() => true, () => false))) return null;
  const handle = await frame.elementHandle();
  await until(async () => (await handle!.evaluate((f: HTMLIFrameElement) => f.contentDocument?.readyState === 'complete' && f.contentDocument.body !== null)) === true, 'the message frame to load');
  return handle!;
}

const LINK_LIKE = 'a, area, [href], [*|href], button, input, form, img, svg, math';

/** Clicks every link-like element of the frame: real mouse clicks first, then DOM clicks on them all. */
async function clickEverything(page: Page): Promise<void> {
  const frame = page.frameLocator(`${activePanel} [data-testid=message-frame]`);
  const links = await frame.locator(LINK_LIKE).all();
  for (const link of links.slice(0, 25)) await link.click({ timeout: 300, noWaitAfter: true }).catch(() => undefined);
  await page.locator(`${activePanel} [data-testid=message-frame]`).evaluate((f: HTMLIFrameElement, selector) => {
    for (const el of f.contentDocument?.querySelectorAll(selector) ?? []) {
      if ('click' in el && typeof el.click === 'function') el.click();
      else el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    }
  }, LINK_LIKE);
}

interface Traces {
  /** window.top.__pwned: cumulative over the page's life. */
  topPwned: number;
  /** __pwned inside this message's frame. */
  framePwned: number;
  titles: string[];
  location: string;
}

async function traces(page: Page, frame: Awaited<ReturnType<typeof loadedFrame>>): Promise<Traces> {
  const top = await page.evaluate(() => ({ pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0, title: document.title }));
  const inner = frame
    ? await frame.evaluate((f: HTMLIFrameElement) => {
        const w = f.contentWindow as unknown as { __pwned?: unknown; location: Location } | null;
        try {
          return { pwned: typeof w?.__pwned === 'number' ? w.__pwned : 0, title: f.contentDocument?.title ?? '', location: w?.location.href ?? '' };
        } catch {
          // A frame that navigated to another origin can no longer be read: that is the finding.
          return { pwned: 0, title: '', location: 'another origin' };
        }
      })
    : { pwned: 0, title: '', location: 'about:srcdoc' };
  return { topPwned: top.pwned, framePwned: inner.pwned, titles: [top.title, inner.title], location: inner.location };
}

test('the hostile HTML corpus runs no script and reaches no server, and a benign inline image still shows', async (t) => {
  const canary = await startCanary();
  t.after(() => canary.close());
  const page = await app.newPage(t);
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    // A link to the canary asks "open in the browser?": the user says no.
    dialogs++;
    void dialog.dismiss();
  });
  const appTitle = await page.title();
  const files = fs.readdirSync(CORPUS).filter((f) => /^\d+-.*\.eml$/.test(f)).sort();
  assert.ok(files.length >= 60, `${files.length} hostile messages`);

  let scripts = 0;
  const offenders: string[] = [];
  const navigated: string[] = [];
  let topPwned = 0;
  for (const file of files) {
    const hitsBefore = canary.hits.length;
    await closeTabs(page);
    await openEml(page, file, canary.aim(fs.readFileSync(path.join(CORPUS, file))));
    const frame = await loadedFrame(page);
    if (frame) await clickEverything(page);
    await page.waitForTimeout(300);
    const seen = await traces(page, frame);
    const ran = seen.topPwned - topPwned + seen.framePwned + seen.titles.filter((title) => title === 'PWNED').length;
    topPwned = seen.topPwned;
    if (seen.titles[0] === 'PWNED') await page.evaluate((title) => (document.title = title), appTitle);
    if (ran > 0) offenders.push(`${file}: ${ran} script(s)`);
    scripts += ran;
    if (canary.hits.length > hitsBefore) offenders.push(`${file}: ${canary.hits.slice(hitsBefore).join(', ')}`);
    if (seen.location !== 'about:srcdoc') navigated.push(`${file}: ${seen.location}`);
  }
  // Late arrivals (a request the browser sent just before the tab closed) count too.
  await page.waitForTimeout(1_000);
  await closeTabs(page);
  const requests = canary.hits.length;
  console.log(`html: ${files.length} cases, ${scripts} scripts, ${requests} requests`);
  assert.equal(scripts, 0, `scripts ran: ${offenders.join('; ')}`);
  assert.equal(requests, 0, `the canaries were reached: ${canary.hits.join(', ')} (${offenders.join('; ')})`);
  assert.deepEqual(navigated, [], 'no message frame navigated');
  assert.equal(await page.title(), appTitle);
  assert.ok(dialogs > 0, 'the links to the canary were handed to the app, which asked before opening them');

  // The control message: an inline cid: picture is shown.
  await openEml(page, 'control-inline-image.eml', fs.readFileSync(path.join(CORPUS, 'control-inline-image.eml')));
  const frame = await loadedFrame(page);
  assert.ok(frame, 'the control message has a body');
  await until(async () => (await frame.evaluate((f: HTMLIFrameElement) => (f.contentDocument?.getElementById('logo') as HTMLImageElement | null)?.naturalWidth ?? 0)) > 0, 'the inline picture to render');
});

test('attachments with disguised names show their real name and open only as a save, saying why', async (t) => {
  const canary = await startCanary();
  t.after(() => canary.close());
  const page = await app.newPage(t);
  const file = fs.readdirSync(CORPUS).find((f) => f.endsWith('-attachment-names.eml'))!;
  await openEml(page, file, canary.aim(fs.readFileSync(path.join(CORPUS, file))));
  const reader = page.locator(`${activePanel} [data-testid=reader]`);
  const names = await reader.getByTestId('attachments').locator('.attachment-name').allInnerTexts();
  assert.ok(names.includes('invoicefdp.exe'), names.join(' | '));
  assert.ok(names.includes('bashrc'), names.join(' | '));
  assert.ok(names.includes('evil.dll'), names.join(' | '));
  for (const name of names) {
    assert.doesNotMatch(name, /[\u202a-\u202e\u2066-\u2069/\\]/u, name);
    assert.ok(Buffer.byteLength(name) <= 200, name);
  }
  const row = reader.getByTestId('attachment').filter({ hasText: 'invoicefdp.exe' });
  await row.getByRole('button', { name: 'Apri' }).click();
  const warning = page.getByTestId('open-risk-warning');
  await warning.waitFor();
  assert.match(await warning.innerText(), /non si apre direttamente/);
  assert.match(await warning.innerText(), /caratteri invisibili o di inversione/);
  assert.match(await warning.innerText(), /scaricato da Internet/);
  await page.locator('dialog').getByRole('button', { name: 'Annulla' }).click();
  assert.deepEqual(canary.hits, []);
});

test('replying to an HTML mail brings none of its CSS into the application page', async (t) => {
  const page = await app.newPage(t);
  const file = 'control-reply-style.eml';
  await openEml(page, file, fs.readFileSync(path.join(CORPUS, file)));
  await page.locator(`${activePanel} [data-testid=reader]`).getByRole('button', { name: 'Rispondi', exact: true }).click();
  const composer = page.locator(`${activePanel} [data-testid=composer]`);
  await composer.waitFor();
  await until(async () => /Testo rosso nella mail/.test(await composer.locator('.composer-body').innerText()), 'the quoted text in the composer');
  const leaked = await page.evaluate(() => ({
    styles: [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').filter((css) => /255,\s*0,\s*0|monospace!important/.test(css)),
    inEditor: document.querySelector('.composer-body')?.innerHTML ?? '',
    tabbar: getComputedStyle(document.querySelector('.tabbar')!).display,
    fields: getComputedStyle(document.querySelector('.composer-fields')!).display,
    buttonColor: getComputedStyle(document.querySelector('.composer-footer button')!).color,
    bodyFont: getComputedStyle(document.body).fontFamily,
  }));
  assert.deepEqual(leaked.styles, [], 'no <style> of the mail in the application document');
  assert.doesNotMatch(leaked.inEditor, /<style|class="(primary|notice-bad|dialog-backdrop)|position:\s*fixed/);
  assert.notEqual(leaked.tabbar, 'none');
  assert.notEqual(leaked.fields, 'none');
  assert.notEqual(leaked.buttonColor, 'rgb(255, 0, 0)');
  assert.doesNotMatch(leaked.bodyFont, /^monospace$/);
  // The quoted text keeps the app's own colour, not the mail's red.
  const quoted = await composer.locator('.composer-body p', { hasText: 'Testo rosso nella mail' }).evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(quoted, 'rgb(255, 0, 0)');
  // The full-window red cover stays inside the editor's box: the send button can still be clicked
  // (Playwright's trial click fails when another element would receive the click).
  await composer.getByRole('button', { name: 'Invia' }).click({ trial: true, timeout: 5_000 });
});
