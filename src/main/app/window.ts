// The main window and the rules every web page of the app lives under: sandboxed renderer, no
// Node, strict CSP, no navigation, no new windows, no permissions, no <webview>.
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, protocol, session, type WebContents } from 'electron';
import { appContentSecurityPolicy } from '../../shared/csp';
import { resolveRendererFile } from './renderer-files';

/** The privileged scheme the renderer is served from (a real origin, unlike file://). */
export const APP_SCHEME = 'app';
/** Origin of the renderer's pages. */
export const APP_ORIGIN = `${APP_SCHEME}://pecdesk`;

/** Must run before the app is ready (Electron requirement for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves dist/renderer on app://pecdesk/ and sets the CSP on every response of the session. */
export function serveRenderer(rendererDir: string): void {
  const csp = appContentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const target = url.host === 'pecdesk' ? resolveRendererFile(rendererDir, url.pathname) : null;
    const body = target ? await fs.promises.readFile(target.file).catch(() => null) : null;
    if (!target || !body) return new Response('Not found', { status: 404 });
    return new Response(body, { headers: { 'content-type': target.contentType, 'content-security-policy': csp } });
  });
  // Defence in depth for anything loaded over http(s) despite the navigation rules below.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Applied to every WebContents the app creates: nothing navigates away, nothing opens a window. */
export function lockDownContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  // The message frame is a srcdoc document; it must never load a page of its own.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && event.url !== 'about:srcdoc') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Opens the main window with the renderer loaded. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'PecDesk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/**
 * A hidden window on the print view of one message (`#print/<id>`), with the main window's
 * safeguards; resolves once the page says everything is on it (body data-print-ready).
 */
export async function openPrintWindow(preloadPath: string, messageId: number): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: { preload: preloadPath, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, devTools: false },
  });
  await win.loadURL(`${APP_ORIGIN}/index.html#print/${messageId}`);
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (await win.webContents.executeJavaScript('document.body.dataset.printReady === "1"')) return win;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  win.destroy();
  throw new Error('the print view did not finish loading');
}

/** Where the built renderer and preload are, relative to dist/app/main.js. */
export function bundlePaths(): { rendererDir: string; preload: string } {
  return { rendererDir: path.join(__dirname, '..', 'renderer'), preload: path.join(__dirname, '..', 'preload', 'preload.js') };
}
