// The application menu. Items that act on the UI are forwarded to the renderer as menu events;
// File ▸ Open… is native because only the main process may read a file the user picked.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuEvent } from '../../shared/api';
import { shellStrings } from './shell-strings';

/** What the menu needs from the rest of the shell. */
export interface MenuActions {
  openFiles(): void;
  send(command: MenuEvent['command']): void;
}

let installed: MenuActions | null = null;

/** Installs the application menu in the UI's language. */
export function installMenu(actions: MenuActions): void {
  installed = actions;
  const w = shellStrings();
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: w.file,
      submenu: [
        { label: w.newMessage, accelerator: 'CmdOrCtrl+N', click: () => actions.send('new-message') },
        { label: w.newCampaign, click: () => actions.send('new-campaign') },
        { label: w.campaigns, click: () => actions.send('campaigns') },
        { label: w.open, accelerator: 'CmdOrCtrl+O', click: () => actions.openFiles() },
        { type: 'separator' },
        { label: w.sync, accelerator: 'F5', click: () => actions.send('sync') },
        { label: w.accounts, click: () => actions.send('accounts') },
        { label: w.providerIndex, click: () => actions.send('provider-index') },
        { label: w.archive, click: () => actions.send('archive') },
        { label: w.notifications, click: () => actions.send('notifications') },
        { label: w.settings, accelerator: 'CmdOrCtrl+,', click: () => actions.send('settings') },
        { type: 'separator' },
        { role: 'quit', label: w.quit },
      ],
    },
    { role: 'editMenu', label: w.edit },
    {
      label: w.view,
      submenu: [
        ...(app.isPackaged ? [] : [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
        { role: 'resetZoom', label: w.actualSize },
        { role: 'zoomIn', label: w.zoomIn },
        { role: 'zoomOut', label: w.zoomOut },
        { role: 'togglefullscreen', label: w.fullScreen },
      ],
    },
    {
      label: w.help,
      submenu: [
        { label: w.shortcuts, accelerator: 'F1', click: () => actions.send('shortcuts') },
        // The renderer asks the API for the text and says it was copied (or shows why not).
        { label: w.copyDiagnostics, click: () => actions.send('copy-diagnostics') },
        { type: 'separator' },
        { label: w.about, click: () => actions.send('about') },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Builds the menu again in the language just chosen (no-op before the first install). */
export function relabelMenu(): void {
  if (installed) installMenu(installed);
}
