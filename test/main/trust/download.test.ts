import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { downloadIndex } from '../../../src/main/trust';

/** A loopback server answering every request with handler. */
async function serve(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/indice.ldif`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('a download returns the bytes exactly as served', async () => {
  const body = Buffer.from('dn: o=postacert\r\nobjectClass: organization\r\n');
  const server = await serve((_req, res) => res.end(body));
  try {
    const got = await downloadIndex(server.url);
    assert.ok(got.ok);
    assert.ok(got.data.equals(body));
  } finally {
    await server.close();
  }
});

test('an HTTP error, a body over the cap (declared or not) and a server that never answers are refused with the reason', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/missing') res.writeHead(404, 'Not Found').end();
    else if (req.url === '/declared') res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) }).write('x');
    else if (req.url === '/chunked') {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      for (let i = 0; i < 40; i++) res.write(chunk);
      res.end();
    } else if (req.url === '/redirect') res.writeHead(302, { location: 'http://example.invalid/indice.ldif' }).end();
    else if (req.url === '/moved') res.writeHead(301, { location: '/indice.ldif' }).end();
    else if (req.url === '/indice.ldif') res.end('dn: x\n');
    // '/silent' never answers.
  });
  const base = server.url.replace('/indice.ldif', '');
  try {
    const moved = await downloadIndex(`${base}/moved`);
    assert.ok(moved.ok && moved.url === `${base}/indice.ldif` && moved.data.toString() === 'dn: x\n', JSON.stringify(moved));
    const missing = await downloadIndex(`${base}/missing`);
    assert.ok(!missing.ok && missing.code === 'download-failed' && /404/.test(missing.detail), JSON.stringify(missing));
    const declared = await downloadIndex(`${base}/declared`, { maxBytes: 1024 * 1024 });
    assert.ok(!declared.ok && declared.code === 'too-large', JSON.stringify(declared));
    const chunked = await downloadIndex(`${base}/chunked`, { maxBytes: 1024 * 1024 });
    assert.ok(!chunked.ok && chunked.code === 'too-large', JSON.stringify(chunked));
    const silent = await downloadIndex(`${base}/silent`, { timeoutMs: 300 });
    assert.ok(!silent.ok && silent.code === 'download-failed' && /within 0 s|within 1 s/.test(silent.detail), JSON.stringify(silent));
    const redirected = await downloadIndex(`${base}/redirect`, { timeoutMs: 2000 });
    assert.ok(!redirected.ok && redirected.code === 'bad-url' && /redirects to http:\/\/example\.invalid/.test(redirected.detail), JSON.stringify(redirected));
  } finally {
    await server.close();
  }
});

test('only HTTPS, or plain HTTP on loopback, is accepted as an address', async () => {
  for (const url of ['http://example.org/indice.ldif', 'ftp://example.org/indice.ldif', 'file:///etc/passwd', 'indice.ldif']) {
    const got = await downloadIndex(url);
    assert.ok(!got.ok && got.code === 'bad-url', url);
  }
});

test('stopping aborts a download in progress', async () => {
  const server = await serve(() => undefined);
  try {
    const stop = new AbortController();
    const pending = downloadIndex(server.url, { signal: stop.signal });
    setTimeout(() => stop.abort(), 50);
    const got = await pending;
    assert.ok(!got.ok && /stopped/.test(got.detail), JSON.stringify(got));
  } finally {
    await server.close();
  }
});
