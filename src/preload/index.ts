// The preload of the sandboxed window: exposes the typed API contract as `window.pecdesk` and
// nothing else. Only channels named in API_METHODS are ever invoked, so a compromised page cannot
// reach any other IPC handler through this bridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, isApiMethod, methodChannel, type PecClient, type PecEvent } from '../shared/api';

const client: PecClient = {
  call(method, request) {
    if (!isApiMethod(method)) {
      // The dispatcher's answer (main/api/dispatch.ts unknownMethod), which the preload cannot import.
      const named = JSON.stringify(String(method)).slice(0, 80);
      return Promise.resolve({ ok: false, error: { code: 'unknown-method', message: `Il metodo API ${named} non esiste.`, reason: 'unknown-method', params: { method: named } } });
    }
    return ipcRenderer.invoke(methodChannel(method), request);
  },
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, payload: PecEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('pecdesk', client);
