// The words the desktop shell shows itself — the native menu and dialogs — in the UI's languages.
// The renderer says which language it shows (API setUiLanguage); until it does, Italian.
// No Electron here, so a test under plain Node checks both languages are complete.

/** A language of the UI. */
export type ShellLanguage = 'it' | 'en';

const it = {
  file: 'File',
  newMessage: 'Nuovo messaggio',
  newCampaign: 'Nuovo invio massivo',
  campaigns: 'Invii massivi',
  open: 'Apri…',
  sync: 'Sincronizza',
  accounts: 'Account…',
  providerIndex: 'Elenco gestori PEC…',
  settings: 'Impostazioni…',
  archive: 'Archivia…',
  notifications: 'Notifiche…',
  quit: 'Esci',
  edit: 'Modifica',
  view: 'Visualizza',
  actualSize: 'Dimensione reale',
  zoomIn: 'Ingrandisci',
  zoomOut: 'Riduci',
  fullScreen: 'Schermo intero',
  help: 'Aiuto',
  shortcuts: 'Scorciatoie da tastiera',
  copyDiagnostics: 'Copia diagnostica',
  about: 'Informazioni su PecDesk',
  messageFiles: 'Messaggi e-mail e documenti firmati',
  spreadsheets: 'Fogli di calcolo',
  providerIndexFile: 'Elenco gestori PEC (LDIF)',
  allFiles: 'Tutti i file',
  replace: 'Sostituisci',
  cancel: 'Annulla',
  openLink: 'Apri',
  replaceOne: (name: string) => `«${name}» esiste già in questa cartella. Sostituirlo?`,
  replaceMany: (count: number) => `${count} file esistono già in questa cartella. Sostituirli?`,
  openLinkQuestion: 'Aprire questo collegamento fuori da PecDesk?',
};

/** The shell's words, one set per language. */
export type ShellStrings = typeof it;

const en: ShellStrings = {
  file: 'File',
  newMessage: 'New message',
  newCampaign: 'New bulk send',
  campaigns: 'Bulk sends',
  open: 'Open…',
  sync: 'Sync',
  accounts: 'Accounts…',
  providerIndex: 'PEC providers index…',
  settings: 'Settings…',
  archive: 'Archive…',
  notifications: 'Notifications…',
  quit: 'Quit',
  edit: 'Edit',
  view: 'View',
  actualSize: 'Actual size',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fullScreen: 'Full screen',
  help: 'Help',
  shortcuts: 'Keyboard shortcuts',
  copyDiagnostics: 'Copy diagnostics',
  about: 'About PecDesk',
  messageFiles: 'E-mail messages and signed documents',
  spreadsheets: 'Spreadsheets',
  providerIndexFile: 'PEC providers index (LDIF)',
  allFiles: 'All files',
  replace: 'Replace',
  cancel: 'Cancel',
  openLink: 'Open',
  replaceOne: (name: string) => `“${name}” already exists in this folder. Replace it?`,
  replaceMany: (count: number) => `${count} files already exist in this folder. Replace them?`,
  openLinkQuestion: 'Open this link outside PecDesk?',
};

/** Every language's words (for the completeness test). */
export const SHELL_STRINGS: Record<ShellLanguage, ShellStrings> = { it, en };

let current: ShellLanguage = 'it';

/** The words in the language the UI shows now. */
export function shellStrings(): ShellStrings {
  return SHELL_STRINGS[current];
}

/** Records the UI's language; true when it changed. */
export function setShellLanguage(language: ShellLanguage): boolean {
  if (language === current) return false;
  current = language;
  return true;
}
