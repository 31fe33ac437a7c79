// The message sanitiser in real Chromium (it needs a real DOM and DOMPurify's real parser, the one
// the app runs): sanitize.ts bundled by esbuild and called in a blank page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../e2e/helpers';

let browser: Browser;
let page: Page;

before(async () => {
  const bundle = await build({
    entryPoints: [path.resolve(__dirname, '../../../../src/renderer/features/reader/sanitize.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'pecdeskSanitize',
    platform: 'browser',
    logLevel: 'silent',
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><title>sanitize</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
});

after(async () => {
  await browser?.close();
});

interface Sanitized {
  srcdoc: string;
  remoteUrls: string[];
}

/** The frame document for `html`, parsed back so tests can query it. */
async function forFrame(html: string): Promise<Sanitized & { query(selector: string): Promise<string[]> }> {
  const res = await page.evaluate((h) => (window as unknown as { pecdeskSanitize: { sanitizeMessageHtml(h: string, s: null): Sanitized } }).pecdeskSanitize.sanitizeMessageHtml(h, null), html);
  return {
    ...res,
    query: (selector) =>
      page.evaluate(
        ([doc, sel]) => [...new DOMParser().parseFromString(doc, 'text/html').querySelectorAll(sel)].map((e) => e.outerHTML),
        [res.srcdoc, selector] as const,
      ),
  };
}

async function forEditor(html: string): Promise<string> {
  return page.evaluate((h) => (window as unknown as { pecdeskSanitize: { sanitizeForEditor(h: string): string } }).pecdeskSanitize.sanitizeForEditor(h), html);
}

test('an <area href> and its image map are dropped: nothing in the frame can navigate it', async () => {
  const doc = await forFrame('<img src="cid:x" usemap="#m"><map name="m"><area shape="rect" coords="0,0,10,10" href="http://127.0.0.1:9/area"></map><p>testo</p>');
  assert.deepEqual(await doc.query('area, map, [usemap]'), []);
  assert.doesNotMatch(doc.srcdoc, /127\.0\.0\.1:9/);
});

test('href, xlink:href, action and data leave every element but <a>; <a> keeps only http(s) and mailto, opening nowhere by itself', async () => {
  const doc = await forFrame(
    '<div href="http://x.test/div">d</div><span xlink:href="http://x.test/span">s</span><a href="https://example.test/ok">ok</a>' +
      '<a href="javascript:alert(1)">js</a><a href="data:text/html,<script>alert(1)</script>">data</a><a href=" vbscript:msgbox">vb</a><a href="file:///etc/passwd">file</a>',
  );
  assert.deepEqual(await doc.query('[href]:not(a), [data]'), []);
  const links = await doc.query('a[href]');
  assert.deepEqual(links, ['<a href="https://example.test/ok" target="_blank" rel="noopener noreferrer">ok</a>']);
});

test('scripts, handlers, SVG, MathML, forms, frames and mXSS nesting come out inert', async () => {
  const payloads = [
    '<script>top.__pwned=1</script>',
    '<img src=x onerror="top.__pwned=1">',
    '<svg><script>top.__pwned=1</script><foreignObject><img src=x onerror=top.__pwned=1></foreignObject><animate attributeName="href" to="javascript:top.__pwned=1"/></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=top.__pwned=1></style></mglyph></table></mtext></math>',
    '<noscript><p title="</noscript><img src=x onerror=top.__pwned=1>"></noscript>',
    '<form action="http://x.test"><button formaction="http://x.test">go</button></form>',
    '<iframe srcdoc="<script>top.__pwned=1</script>"></iframe><object data="http://x.test"></object><embed src="http://x.test">',
    '<title><img src=x onerror=top.__pwned=1></title>',
    '<style><img src=x onerror=top.__pwned=1></style>',
    '<meta http-equiv="refresh" content="0;url=http://x.test"><base href="http://x.test/"><link rel="prefetch" href="http://x.test">',
  ];
  for (const html of payloads) {
    const doc = await forFrame(html);
    assert.deepEqual(await doc.query('script, svg, math, form, button, iframe, object, embed, meta[http-equiv=refresh], base, link, [onerror], [formaction]'), [], html);
    // Text left inside a <style> is CSS, not markup; what matters is that no element carries a handler or a URL.
    const attrs = await page.evaluate((d) => [...new DOMParser().parseFromString(d, 'text/html').querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`)), doc.srcdoc);
    assert.deepEqual(attrs.filter((a) => /^on|javascript:|x\.test/i.test(a)), [], html);
  }
});

test('CSS loads nothing remote: url(), @import, image-set() and escaped forms are emptied and reported', async () => {
  const doc = await forFrame(
    '<html><head><style>@import url(http://x.test/i.css); body{background:url("http://x.test/bg")} p{background:image-set("http://x.test/s" 1x)} ' +
      '@font-face{font-family:f;src:url(http://x.test/f.woff)} div{background:\\75 rl(http://x.test/esc)}</style></head><body><p style="background:u\\rl(http://x.test/inline)">x</p></body></html>',
  );
  assert.doesNotMatch(doc.srcdoc.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), /x\.test/);
  assert.deepEqual(doc.remoteUrls.sort(), ['http://x.test/bg', 'http://x.test/esc', 'http://x.test/f.woff', 'http://x.test/inline']);
});

test('for the composer the mail brings no <style>, no classes, no positioning and no clobbering ids into the application page', async () => {
  const html = await forEditor(
    '<html><head><style>p{color:red} body{display:none}</style></head><body><style>.app{display:none}</style>' +
      '<p class="primary notice" id="root" style="position:fixed;top:0;left:0;z-index:9999;color:blue">citato</p><img name="getElementById" src="data:image/png;base64,iVBORw0KGgo="></body></html>',
  );
  assert.doesNotMatch(html, /<style|color:red|display:none|class=|position|z-index|top:|left:/i);
  assert.match(html, /citato/);
  assert.match(html, /color:\s*blue/);
  assert.doesNotMatch(html, /id="root"|name="getElementById"/);
});

test('the frame keeps the mail\'s own <style>, cleaned, inside its own document', async () => {
  const doc = await forFrame('<html><head><style>p{color:red}</style></head><body><p class="x">rosso</p></body></html>');
  assert.deepEqual(await doc.query('body style'), ['<style>p{color:red}</style>']);
  assert.deepEqual(await doc.query('p.x'), ['<p class="x">rosso</p>']);
});
