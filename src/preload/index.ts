// The preload of the sandboxed window: exposes the typed API contract as `window.pecdesk` and
// nothing else. Only channels named in API_METHODS are ever invoked, so a compromised page cannot
// reach any other IPC handler through this bridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, isApiMethod, methodChannel, type PecClient, type PecEvent } from '../shared/api';

const client: PecClient = {
  call(method, request) {
    if (!isApiMethod(method)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-method', message: `There is no API method ${String(method)}.` } });
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
