// One ipcMain handler per API method, on the channel `pecdesk:<method>`, all answering through the
// validating dispatcher. Calls from any frame other than the app's own page are refused.
import { ipcMain, type WebFrameMain } from 'electron';
import { API_METHODS, methodChannel } from '../../shared/api';
import type { Dispatch } from '../api';
import { fail } from '../api/result';

/** Registers the handlers; the returned function removes them. */
export function registerIpc(dispatch: Dispatch, isAppFrame: (frame: WebFrameMain | null) => boolean): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(methodChannel(method), (event, payload: unknown) => {
      if (!isAppFrame(event.senderFrame)) {
        return fail('denied', 'window-only');
      }
      return dispatch(method, payload);
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(methodChannel(method));
  };
}
