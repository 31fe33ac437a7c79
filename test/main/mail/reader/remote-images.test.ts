// Remote images of an allowed message, fetched from a real HTTP server on loopback: pictures come
// back as data: URIs, SVG (which can carry script) never does, and a URL the message does not
// contain is never requested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchRemoteImages, loadBytes } from '../../../../src/main/mail';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

test('only the pictures the message shows are fetched, as data: URIs, and never an SVG', async () => {
  const requested: string[] = [];
  const server = http.createServer((req, res) => {
    requested.push(req.url ?? '');
    if (req.url === '/logo.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else if (req.url === '/draw.svg') res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const eml = [
      'From: Studio Rossi <studio@example.it>',
      'To: cliente@example.it',
      'Subject: Logo',
      'Date: Mon, 2 Dec 2024 10:00:00 +0100',
      'Message-ID: <logo@example.it>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      `<p><img src="${base}/logo.png"><img src="${base}/draw.svg"><img src="${base}/missing.png"></p>`,
      '',
    ].join('\r\n');
    const loaded = await loadBytes({ fileId: 'f1' }, Buffer.from(eml), null);
    assert.ok(loaded.ok);
    const images = await fetchRemoteImages(loaded.value, [`${base}/logo.png`, `${base}/draw.svg`, `${base}/missing.png`, `${base}/not-in-message.png`]);
    assert.deepEqual(images, {
      [`${base}/logo.png`]: `data:image/png;base64,${PNG.toString('base64')}`,
      [`${base}/draw.svg`]: null,
      [`${base}/missing.png`]: null,
    });
    assert.ok(!requested.includes('/not-in-message.png'), 'a URL the message does not show is never requested');
  } finally {
    server.close();
  }
});
