// The Electron main process: thin glue. It wires the services to the window through the typed IPC,
// and owns only what needs Electron: the window, menus, dialogs, the single-instance lock, the
// OS "open with" (open-file / argv), safeStorage for passwords.
import path from 'node:path';
import { app, dialog, safeStorage, type BrowserWindow, type WebFrameMain } from 'electron';
import { EVENT_CHANNEL, type MenuEvent, type PecEvent } from '../../shared/api';
import { chooseKeychain, SafeStorageSecretStore } from '../accounts';
import type { ApiBackend } from '../api';
import { startCore } from '../core';
import { silentLog, type AppLog } from '../diagnostics';
import { masterPasswordGate, SECRETS_FILES } from '../services';
import { defaultStoreDir } from '../store';
import { electronHost } from './host';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { filesToOpen } from './open-with';
import { APP_ORIGIN, bundlePaths, createMainWindow, lockDownContents, registerAppScheme, serveRenderer } from './window';

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another PecDesk is running: it receives our argv through 'second-instance'.
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let backend: ApiBackend | null = null;
  let log: AppLog = silentLog;
  const pending: string[] = filesToOpen(process.argv.slice(1));
  // A file double-clicked in the file manager has no page to show its error: say it in a dialog.
  const openOne = async (api: ApiBackend, file: string) => {
    const opened = await api.openFile(file);
    if (opened.ok) return;
    log.write('warn', 'open-file-failed', { code: opened.error.code });
    const options = { type: 'warning' as const, message: `PecDesk non può aprire ${path.basename(file)}`, detail: opened.error.message };
    await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  };
  const openFiles = (files: string[]) => {
    if (!backend) pending.push(...files);
    else for (const file of files) void openOne(backend, file);
  };
  const send = (event: PecEvent) => window?.webContents.send(EVENT_CHANNEL, event);

  // macOS delivers "open with" as open-file, possibly before ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles([file]);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    // Relative paths are the second launch's, not ours.
    openFiles(filesToOpen(argv.slice(1), workingDirectory));
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
    const host = electronHost(() => window, preload);
    // The window opens at once; the database check runs in the background (core.ts) and the API
    // answers once it is done. A damaged store shows the renderer's banner with the restore.
    const core = startCore({
      config: {
        dataDir,
        secrets: keychain,
        secretsMode: 'keychain',
        secretsGate: choice.kind === 'master-password' ? masterPasswordGate(dataDir, choice.reason, keychain) : undefined,
        logDir: path.join(dataDir, 'logs'),
      },
      host,
      // A handler that throws is a bug: its stack goes to the log the diagnostics copy.
      log: (message) => log.write('error', 'api', { message }),
      onServices: (services, reason) => {
        log = services.log;
        services.log.write('info', reason === 'start' ? 'startup' : 'store-restored', { version: app.getVersion(), platform: process.platform, arch: process.arch, electron: process.versions.electron, packaged: app.isPackaged, keychain: choice.kind });
        void services.mail.start();
      },
    });
    const isAppFrame = (frame: WebFrameMain | null) => frame !== null && frame.parent === null && frame.url.startsWith(`${APP_ORIGIN}/`);
    const disposeIpc = registerIpc(core.dispatch, isAppFrame);
    core.onEvent(send);
    installMenu({
      openFiles: () => void host.chooseMessageFiles?.().then(openFiles),
      send: (command: MenuEvent['command']) => send({ type: 'menu', command }),
    });
    window = createMainWindow(preload);
    window.on('closed', () => (window = null));
    window.webContents.on('render-process-gone', (_event, details) => log.write('error', 'renderer-gone', { reason: details.reason, exitCode: details.exitCode }));
    window.webContents.once('did-finish-load', () => {
      backend = core;
      openFiles(pending.splice(0));
    });

    let closing = false;
    app.on('will-quit', (event) => {
      if (closing) return;
      closing = true;
      event.preventDefault();
      disposeIpc();
      log.write('info', 'quit');
      void core.close().finally(() => app.exit(0));
    });
  });
}
