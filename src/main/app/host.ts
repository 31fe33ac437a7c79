// The Electron side of the API's Host: native dialogs, opening files with the OS, and external
// links only after the user confirms (a link in a PEC can be phishing: show where it goes).
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { app, clipboard, dialog, Notification, shell, type BrowserWindow } from 'electron';
import type { Host } from '../api';
import { relabelMenu } from './menu';
import { setShellLanguage, shellStrings } from './shell-strings';
import { openPrintWindow } from './window';

/** Builds the host for a window (dialogs are modal to it). */
export function electronHost(window: () => BrowserWindow | null, preloadPath: string): Host {
  const parent = () => window() ?? undefined;
  return {
    kind: 'electron',
    version: app.getVersion(),
    defaultSaveDir: safeDownloads(),
    async chooseFolder() {
      const options = { properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const w = parent();
      const res = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return res.canceled ? null : (res.filePaths[0] ?? null);
    },
    async chooseMessageFiles() {
      const options = {
        properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
        filters: [{ name: shellStrings().messageFiles, extensions: ['eml', 'msg', 'p7m'] }, { name: shellStrings().allFiles, extensions: ['*'] }],
      };
      const w = parent();
      const res = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return res.canceled ? [] : res.filePaths;
    },
    async chooseSpreadsheetFile() {
      const options = {
        properties: ['openFile'] as 'openFile'[],
        filters: [{ name: shellStrings().spreadsheets, extensions: ['xlsx', 'csv', 'txt', 'ods', 'xls'] }, { name: shellStrings().allFiles, extensions: ['*'] }],
      };
      const w = parent();
      const res = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return res.canceled ? null : (res.filePaths[0] ?? null);
    },
    async chooseProviderIndexFile() {
      const options = {
        properties: ['openFile'] as 'openFile'[],
        filters: [{ name: shellStrings().providerIndexFile, extensions: ['ldif', 'txt'] }, { name: shellStrings().allFiles, extensions: ['*'] }],
      };
      const w = parent();
      const res = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return res.canceled ? null : (res.filePaths[0] ?? null);
    },
    async chooseSaveFile(defaultName) {
      const options = { defaultPath: path.join(safeDownloads(), defaultName) };
      const w = parent();
      const res = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
      return res.canceled ? null : (res.filePath ?? null);
    },
    async confirmOverwrite(dir, names) {
      const options = {
        type: 'warning' as const,
        buttons: [shellStrings().replace, shellStrings().cancel],
        defaultId: 1,
        cancelId: 1,
        message: names.length === 1 ? shellStrings().replaceOne(names[0]) : shellStrings().replaceMany(names.length),
        detail: `${dir}\n\n${names.slice(0, 20).join('\n')}${names.length > 20 ? '\n…' : ''}`,
      };
      const w = parent();
      const res = w ? await dialog.showMessageBox(w, options) : await dialog.showMessageBox(options);
      return res.response === 0;
    },
    async openWithSystem(filePath) {
      const error = await shell.openPath(filePath);
      if (error) throw new Error(error);
    },
    setLanguage(language) {
      if (setShellLanguage(language)) relabelMenu();
    },
    copyText(text) {
      clipboard.writeText(text);
    },
    async printMessage(messageId, pdf) {
      const win = await openPrintWindow(preloadPath, messageId);
      try {
        if (pdf) {
          const bytes = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: false });
          const tmp = `${pdf}.${process.pid}.part`;
          await fs.promises.writeFile(tmp, bytes);
          await fs.promises.rename(tmp, pdf);
        } else {
          await new Promise<void>((resolve, reject) => win.webContents.print({}, (ok, reason) => (ok || reason === 'cancelled' ? resolve() : reject(new Error(reason)))));
        }
      } finally {
        win.destroy();
      }
    },
    notify(title, body) {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    async confirmAndOpenExternal(url) {
      const options = {
        type: 'question' as const,
        buttons: [shellStrings().openLink, shellStrings().cancel],
        defaultId: 1,
        cancelId: 1,
        message: shellStrings().openLinkQuestion,
        detail: url,
      };
      const w = parent();
      const res = w ? await dialog.showMessageBox(w, options) : await dialog.showMessageBox(options);
      if (res.response !== 0) return false;
      await shell.openExternal(url);
      return true;
    },
  };
}

function safeDownloads(): string {
  try {
    return app.getPath('downloads');
  } catch {
    return path.join(os.homedir(), 'Downloads');
  }
}
