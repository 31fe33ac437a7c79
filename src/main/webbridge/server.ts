// The development/test web bridge: the same API as the Electron IPC, over a WebSocket on
// 127.0.0.1, plus the built renderer as static files, so the real renderer runs in a real browser
// against the real core. Never part of the packaged app (src/main/app does not import it).
//
// Who may call: a page that knows the per-launch random token (passed in the URL fragment, which
// browsers never send to servers or put in Referer) AND whose Origin is the bridge's own origin.
// The Host check defeats DNS rebinding; the Origin check stops other local pages and sites.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PecEvent, Result } from '../../shared/api';
import { MAX_UPLOAD_BYTES } from '../../shared/api-requests';
import { appContentSecurityPolicy } from '../../shared/csp';
import type { Dispatch } from '../api';
import { launchTraceOn, traceLaunch } from '../diagnostics';
import { resolveRendererFile } from '../app/renderer-files';

/** What the bridge serves. */
export interface WebBridgeOptions {
  dispatch: Dispatch;
  onEvent(listener: (event: PecEvent) => void): () => void;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 or absent: a free port. */
  port?: number;
}

/** A running bridge. `url` carries the token; open it in a browser. */
export interface WebBridge {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Path of the WebSocket endpoint. */
export const BRIDGE_SOCKET_PATH = '/api';

/** Starts the bridge on 127.0.0.1. */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = crypto.randomBytes(32).toString('hex');
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = `127.0.0.1:${port}`;
  const origin = `http://${host}`;
  const csp = appContentSecurityPolicy([`ws://${host}`]);

  server.on('request', (req, res) => serveStatic(req, res, { staticDir: options.staticDir, host, csp }));

  const traceAnswer = answerTracer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: Math.ceil(MAX_UPLOAD_BYTES * 1.4) + 65_536 });
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkUpgrade(req, { host, origin, token });
    if (verdict !== 'ok') {
      socket.end(`HTTP/1.1 ${verdict}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options, traceAnswer));
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** 'ok', or the HTTP status line to refuse the WebSocket upgrade with. */
function checkUpgrade(req: http.IncomingMessage, expected: { host: string; origin: string; token: string }): 'ok' | string {
  const url = new URL(req.url ?? '/', `http://${expected.host}`);
  if (url.pathname !== BRIDGE_SOCKET_PATH) return '404 Not Found';
  if (req.headers.host !== expected.host) return '403 Forbidden';
  if (req.headers.origin !== expected.origin) return '403 Forbidden';
  if (!sameSecret(url.searchParams.get('token') ?? '', expected.token)) return '401 Unauthorized';
  return 'ok';
}

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, ctx: { staticDir: string; host: string; csp: string }): void {
  if (req.headers.host !== ctx.host) {
    res.writeHead(403).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const target = resolveRendererFile(ctx.staticDir, req.url ?? '/');
  if (!target) {
    res.writeHead(404).end();
    return;
  }
  traceLaunch('bridge: GET', req.url);
  fs.readFile(target.file, (err, body) => {
    if (err) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found (is the renderer built? npm run build)');
      return;
    }
    res.writeHead(200, {
      'content-type': target.contentType,
      'content-security-policy': ctx.csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

/** A request frame from the page. */
interface CallFrame {
  id: number;
  method: unknown;
  payload: unknown;
}

function parseFrame(data: unknown): CallFrame | null {
  try {
    const value = JSON.parse(String(data)) as Partial<CallFrame>;
    return typeof value === 'object' && value !== null && Number.isSafeInteger(value.id)
      ? { id: value.id as number, method: value.method, payload: value.payload }
      : null;
  } catch {
    return null;
  }
}

/**
 * With PECDESK_TRACE_LAUNCH=1, each method's first answer and the first page of messages with rows:
 * when the page had what it paints. One per bridge.
 */
function answerTracer(): (method: unknown, result: Result<unknown>) => void {
  const traced = new Set<string>();
  return (method, result) => {
    if (!launchTraceOn()) return;
    const rows = method === 'listMessages' && result.ok ? ((result.value as { rows?: unknown[] }).rows?.length ?? 0) : 0;
    const step = rows > 0 ? 'bridge: first listMessages with rows answered' : `bridge: ${String(method)} answered`;
    if (traced.has(step)) return;
    traced.add(step);
    traceLaunch(step, rows > 0 ? `${rows} rows` : undefined);
  };
}

function serveSocket(ws: WebSocket, options: WebBridgeOptions, traceAnswer: ReturnType<typeof answerTracer>): void {
  const unsubscribe = options.onEvent((event) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event }));
  });
  ws.on('close', unsubscribe);
  ws.on('message', (data) => {
    const frame = parseFrame(data);
    if (!frame) {
      ws.close(1003, 'expected {id, method, payload}');
      return;
    }
    void options.dispatch(frame.method, frame.payload).then((result) => {
      traceAnswer(frame.method, result);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: frame.id, result }));
    });
  });
}
