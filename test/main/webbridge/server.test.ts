import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { startWebBridge, type WebBridge } from '../../../src/main/webbridge/server';
import { startApi } from '../api/helpers';

async function startBridge(t: Parameters<typeof startApi>[0]): Promise<{ bridge: WebBridge; staticDir: string }> {
  const { api, dir } = await startApi(t);
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PecDesk</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the web');
  const bridge = await startWebBridge({ dispatch: api.dispatch, onEvent: api.onEvent, staticDir });
  t.after(() => bridge.close());
  return { bridge, staticDir };
}

/** Tries a WebSocket upgrade; resolves with the open socket or the HTTP status it was refused with. */
function connect(url: string, origin: string | undefined): Promise<{ socket: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', () => resolve({ status: 0 }));
  });
}

function call(socket: WebSocket, frame: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(String(data))));
    socket.send(JSON.stringify(frame));
  });
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

test('the bridge refuses a WebSocket without the launch token or with a wrong one', async (t) => {
  const { bridge } = await startBridge(t);
  const base = `ws://127.0.0.1:${bridge.port}/api`;
  assert.deepEqual(await connect(base, bridge.origin), { status: 401 });
  assert.deepEqual(await connect(`${base}?token=${'0'.repeat(64)}`, bridge.origin), { status: 401 });
  assert.deepEqual(await connect(`${base}?token=${bridge.token.slice(0, 10)}`, bridge.origin), { status: 401 });
});

test('the bridge refuses a page from another origin even when it knows the token', async (t) => {
  const { bridge } = await startBridge(t);
  const url = `ws://127.0.0.1:${bridge.port}/api?token=${bridge.token}`;
  for (const origin of ['http://evil.example', `http://localhost:${bridge.port}`, 'null', `https://127.0.0.1:${bridge.port}`]) {
    assert.deepEqual(await connect(url, origin), { status: 403 }, origin);
  }
  assert.deepEqual(await connect(url, undefined), { status: 403 }, 'no Origin header');
});

test('with the token and its own origin a page calls the API, and a bad payload gets a typed error', async (t) => {
  const { bridge } = await startBridge(t);
  const opened = await connect(`ws://127.0.0.1:${bridge.port}/api?token=${bridge.token}`, bridge.origin);
  assert.ok('socket' in opened);
  const { socket } = opened;
  t.after(() => socket.close());
  assert.deepEqual(await call(socket, { id: 1, method: 'listAccounts', payload: {} }), { id: 1, result: { ok: true, value: [] } });
  const bad = (await call(socket, { id: 2, method: 'getMessage', payload: { ref: { messageId: 'x' } } })) as { id: number; result: { ok: boolean; error: { code: string } } };
  assert.equal(bad.id, 2);
  assert.equal(bad.result.error.code, 'invalid-request');
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.send('this is not JSON');
  assert.equal(await closed, 1003);
});

test('the bridge serves the renderer with the app CSP and nothing outside its folder', async (t) => {
  const { bridge } = await startBridge(t);
  const index = await get(`${bridge.origin}/`);
  assert.equal(index.status, 200);
  assert.match(index.body, /PecDesk/);
  assert.match(String(index.headers['content-security-policy']), /script-src 'self'; .*object-src 'none'/);
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
    const res = await get(`${bridge.origin}${p}`);
    assert.equal(res.status, 404, p);
    assert.doesNotMatch(res.body, /not for the web/);
  }
  const rebound = await get(`${bridge.origin}/`, { host: `attacker.example:${bridge.port}` });
  assert.equal(rebound.status, 403, 'a DNS-rebound Host is refused');
});
