// The Electron main process: thin glue. The services run in the engine, a utility process
// (src/main/engine); this process forwards the typed IPC to it by method name, relays its events
// to the window, and owns only what needs Electron: the window, menus, dialogs, the single-instance
// lock, the OS "open with" (open-file / argv), safeStorage for passwords (which the engine asks for).
import path from 'node:path';
import { app, dialog, safeStorage, type BrowserWindow, type WebFrameMain } from 'electron';
import { EVENT_CHANNEL, type MenuEvent, type PecEvent } from '../../shared/api';
import { chooseKeychain, SafeStorageSecretStore } from '../accounts';
import { EngineStartError, startEngine, type EngineClient } from '../engine';
import { SECRETS_FILES } from '../services';
import { defaultStoreDir } from '../store';
import { utilityEngine } from './engine-process';
import { electronHost } from './host';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { filesToOpen } from './open-with';
import { APP_ORIGIN, bundlePaths, createMainWindow, lockDownContents, registerAppScheme, serveRenderer } from './window';

/** Italian words for a store that cannot open for a reason the user can act on; null for a bug. */
function openFailureWords(err: unknown, dataDir: string): { title: string; body: string } | null {
  if (!(err instanceof EngineStartError)) return null;
  if (err.why === 'store-damaged') {
    return {
      title: 'Archivio di PecDesk danneggiato',
      body:
        `Il database in ${dataDir} è danneggiato o vuoto e PecDesk non lo ha modificato. ` +
        'Per tornare all\'ultima copia di sicurezza integra esegui `pecdesk db restore` (il file danneggiato viene conservato), ' +
        'poi `pecdesk db reindex` per recuperare i messaggi più recenti della copia.',
    };
  }
  if (err.why === 'disk-full') {
    return { title: 'Disco pieno', body: `Non c'è spazio libero dove si trova ${dataDir}: libera spazio sul disco e riapri PecDesk. Nessun dato è stato perso.` };
  }
  return null;
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another PecDesk is running: it receives our argv through 'second-instance'.
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let backend: EngineClient | null = null;
  let logEvent: EngineClient['log'] = () => undefined;
  const pending: string[] = filesToOpen(process.argv.slice(1));
  // A file double-clicked in the file manager has no page to show its error: say it in a dialog.
  const openOne = async (engine: EngineClient, file: string) => {
    const opened = await engine.openFile(file);
    if (opened.ok) return;
    logEvent('warn', 'open-file-failed', { code: opened.error.code });
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
    let engine: EngineClient;
    try {
      engine = await startEngine({
        spawn: utilityEngine(),
        config: {
          dataDir,
          logDir: path.join(dataDir, 'logs'),
          secrets: 'host-keychain',
          masterPassword: choice.kind === 'master-password' ? choice.reason : undefined,
          startBackground: false,
        },
        host,
        keychain,
        log: (line) => process.stderr.write(`pecdesk: ${line}\n`),
      });
    } catch (err) {
      // A damaged database or a full disk at open: say what to do, and touch nothing.
      const words = openFailureWords(err, dataDir);
      if (!words) throw err;
      dialog.showErrorBox(words.title, words.body);
      app.exit(1);
      return;
    }
    logEvent = engine.log;
    engine.log('info', 'startup', { version: app.getVersion(), platform: process.platform, arch: process.arch, electron: process.versions.electron, packaged: app.isPackaged, keychain: choice.kind });
    const isAppFrame = (frame: WebFrameMain | null) => frame !== null && frame.parent === null && frame.url.startsWith(`${APP_ORIGIN}/`);
    const disposeIpc = registerIpc(engine.dispatch, isAppFrame);
    engine.onEvent(send);
    installMenu({
      openFiles: () => void host.chooseMessageFiles?.().then(openFiles),
      send: (command: MenuEvent['command']) => send({ type: 'menu', command }),
    });
    window = createMainWindow(preload);
    window.on('closed', () => (window = null));
    window.webContents.on('render-process-gone', (_event, details) => engine.log('error', 'renderer-gone', { reason: details.reason, exitCode: details.exitCode }));
    window.webContents.once('did-finish-load', () => {
      backend = engine;
      openFiles(pending.splice(0));
    });
    void engine.startBackground();

    let closing = false;
    app.on('will-quit', (event) => {
      if (closing) return;
      closing = true;
      event.preventDefault();
      disposeIpc();
      engine.log('info', 'quit');
      void engine.close().finally(() => app.exit(0));
    });
  });
}
