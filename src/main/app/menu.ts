// The application menu. Items that act on the UI are forwarded to the renderer as menu events;
// File ▸ Open… is native because only the main process may read a file the user picked.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuEvent } from '../../shared/api';

/** What the menu needs from the rest of the shell. */
export interface MenuActions {
  openFiles(): void;
  send(command: MenuEvent['command']): void;
}

/** Installs the Italian application menu. */
export function installMenu(actions: MenuActions): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Nuovo messaggio', accelerator: 'CmdOrCtrl+N', click: () => actions.send('new-message') },
        { label: 'Nuovo invio massivo', click: () => actions.send('new-campaign') },
        { label: 'Invii massivi', click: () => actions.send('campaigns') },
        { label: 'Apri…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFiles() },
        { type: 'separator' },
        { label: 'Sincronizza', accelerator: 'F5', click: () => actions.send('sync') },
        { label: 'Account…', click: () => actions.send('accounts') },
        { label: 'Elenco gestori PEC…', click: () => actions.send('provider-index') },
        { label: 'Archivia…', click: () => actions.send('archive') },
        { label: 'Notifiche…', click: () => actions.send('notifications') },
        { type: 'separator' },
        { role: 'quit', label: 'Esci' },
      ],
    },
    { role: 'editMenu', label: 'Modifica' },
    {
      label: 'Visualizza',
      submenu: [
        ...(app.isPackaged ? [] : [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
        { role: 'resetZoom', label: 'Dimensione reale' },
        { role: 'zoomIn', label: 'Ingrandisci' },
        { role: 'zoomOut', label: 'Riduci' },
        { role: 'togglefullscreen', label: 'Schermo intero' },
      ],
    },
    {
      label: 'Aiuto',
      submenu: [
        // The renderer asks the API for the text and says it was copied (or shows why not).
        { label: 'Copia diagnostica', click: () => actions.send('copy-diagnostics') },
        { type: 'separator' },
        { label: 'Informazioni su PecDesk', click: () => actions.send('about') },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
