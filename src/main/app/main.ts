// The Electron main process: thin glue. It wires the services to the window through the typed IPC,
// and owns only what needs Electron: the window, menus, dialogs, the single-instance lock, the
// OS "open with" (open-file / argv), safeStorage for passwords.
import path from 'node:path';
import { app, safeStorage, type BrowserWindow, type WebFrameMain } from 'electron';
import { EVENT_CHANNEL, type MenuEvent, type PecEvent } from '../../shared/api';
import { chooseKeychain, SafeStorageSecretStore } from '../accounts';
import { createApi, type ApiBackend } from '../api';
import { createServices, masterPasswordGate, SECRETS_FILES } from '../services';
import { defaultStoreDir } from '../store';
import { electronHost } from './host';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { APP_ORIGIN, bundlePaths, createMainWindow, lockDownContents, registerAppScheme, serveRenderer } from './window';

/** Message files named on a command line (the OS passes them when the user opens a .eml with PecDesk). */
function messageFiles(argv: string[]): string[] {
  return argv.filter((a) => !a.startsWith('-') && /\.(eml|msg)$/i.test(a)).map((a) => path.resolve(a));
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another PecDesk is running: it receives our argv through 'second-instance'.
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let backend: ApiBackend | null = null;
  const pending: string[] = messageFiles(process.argv.slice(1));
  const openFiles = (files: string[]) => {
    if (!backend) pending.push(...files);
    else for (const file of files) void backend.openFile(file);
  };
  const send = (event: PecEvent) => window?.webContents.send(EVENT_CHANNEL, event);

  // macOS delivers "open with" as open-file, possibly before ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles([file]);
  });
  app.on('second-instance', (_event, argv) => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    openFiles(messageFiles(argv.slice(1)));
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    const { rendererDir, preload } = bundlePaths();
    serveRenderer(rendererDir);
    // The same folder the CLI uses by default, so `pecdesk import` and the app share one store.
    const dataDir = defaultStoreDir();
    const keychain = new SafeStorageSecretStore(path.join(dataDir, SECRETS_FILES.safeStorage), safeStorage);
    // Where the keychain is Chromium's fixed key (Linux without a keyring), passwords go behind a
    // master password instead; the renderer asks for it and background work waits until then.
    const choice = chooseKeychain(safeStorage);
    const services = await createServices({
      dataDir,
      secrets: keychain,
      secretsMode: 'keychain',
      secretsGate: choice.kind === 'master-password' ? masterPasswordGate(dataDir, choice.reason, keychain) : undefined,
    });
    const host = electronHost(() => window);
    const api = createApi(services, host);
    const isAppFrame = (frame: WebFrameMain | null) => frame !== null && frame.parent === null && frame.url.startsWith(`${APP_ORIGIN}/`);
    const disposeIpc = registerIpc(api.dispatch, isAppFrame);
    api.onEvent(send);
    installMenu({
      openFiles: () => void host.chooseMessageFiles?.().then(openFiles),
      send: (command: MenuEvent['command']) => send({ type: 'menu', command }),
    });
    window = createMainWindow(preload);
    window.on('closed', () => (window = null));
    window.webContents.once('did-finish-load', () => {
      backend = api;
      openFiles(pending.splice(0));
    });
    void services.mail.start();

    let closing = false;
    app.on('will-quit', (event) => {
      if (closing) return;
      closing = true;
      event.preventDefault();
      disposeIpc();
      api.dispose();
      void services.close().finally(() => app.exit(0));
    });
  });
}
