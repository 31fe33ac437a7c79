// The renderer's client of the shared API contract. In Electron the preload exposes it as
// window.pecdesk (IPC); in a browser it talks to the dev/test web bridge over a WebSocket whose
// token arrives in the URL fragment. Components import `api` and never know which.
import { API_METHODS, type ApiInput, type ApiMethod, type ApiResponses, type PecApi, type PecClient, type PecEvent, type Result } from '../shared/api';

declare global {
  interface Window {
    pecdesk?: PecClient;
  }
}

const TOKEN_KEY = 'pecdesk.bridge.token';

/** Reads the bridge token from #token=… once, keeps it for reloads of this tab, and hides it from the address bar. */
function bridgeToken(): string | null {
  const match = /(?:^#|&)token=([0-9a-f]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function socketClient(): PecClient {
  const token = bridgeToken() ?? '';
  const url = `ws://${window.location.host}/api?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: PecEvent) => void>();
  let nextId = 1;
  let socket: Promise<WebSocket> | null = null;

  const failAll = (message: string) => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'internal', message } });
    pending.clear();
  };
  const connect = (): Promise<WebSocket> => {
    socket ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('Cannot reach the PecDesk web bridge: is `npm run web` still running?'));
      ws.onclose = () => {
        socket = null;
        failAll('The connection to the PecDesk web bridge was closed.');
      };
      ws.onmessage = (message) => {
        const frame = JSON.parse(String(message.data)) as { id?: number; result?: Result<unknown>; event?: PecEvent };
        if (frame.event) for (const listener of listeners) listener(frame.event);
        else if (frame.id !== undefined && frame.result) {
          pending.get(frame.id)?.(frame.result);
          pending.delete(frame.id);
        }
      };
    });
    return socket;
  };

  return {
    async call(method, request) {
      let ws: WebSocket;
      try {
        ws = await connect();
      } catch (err) {
        socket = null;
        return { ok: false, error: { code: 'internal', message: (err as Error).message } };
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        ws.send(JSON.stringify({ id, method, payload: request }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
  };
}

/** The transport in use: Electron's preload when present, else the web bridge. */
export const client: PecClient = window.pecdesk ?? socketClient();

function method<M extends ApiMethod>(name: M) {
  return (request: ApiInput<M>): Promise<Result<ApiResponses[M]>> => client.call(name, request);
}

/** The API as typed methods: `await api.listFolders({})`. */
export const api = Object.fromEntries(API_METHODS.map((name) => [name, method(name)])) as PecApi;

/** Subscribes to main-process events; returns the unsubscribe function. */
export function onEvent(listener: (event: PecEvent) => void): () => void {
  return client.onEvent(listener);
}
