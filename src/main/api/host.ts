// What the API needs from the program it runs in: the Electron shell gives native dialogs and the
// OS "open with"; the web bridge has none of that, and the methods that need them answer
// 'unsupported' (the renderer then offers a browser fallback).

/** The program hosting the API. Optional members are the ones only a desktop shell has. */
export interface Host {
  kind: 'electron' | 'web';
  version: string;
  /** Folder proposed for "Salva tutti" before the user picks another. */
  defaultSaveDir: string;
  chooseFolder?(): Promise<string | null>;
  chooseMessageFiles?(): Promise<string[]>;
  /** "Open" dialog for a spreadsheet to import as contacts; null when cancelled. */
  chooseSpreadsheetFile?(): Promise<string | null>;
  /** "Open" dialog for a providers' index (.ldif); null when cancelled. */
  chooseProviderIndexFile?(): Promise<string | null>;
  /** "Save as" dialog proposing defaultName; the path chosen, or null when cancelled. */
  chooseSaveFile?(defaultName: string): Promise<string | null>;
  /** Asks (natively, in the main process) whether to replace files already in `dir`; true to replace. */
  confirmOverwrite?(dir: string, names: string[]): Promise<boolean>;
  /** Opens a file with the application the OS associates with it. */
  openWithSystem?(filePath: string): Promise<void>;
  /**
   * Prints the print view of a stored message (the system print dialog), or with `pdf` writes it as
   * PDF there (webContents.printToPDF): the desktop app. The browser build prints from the page.
   */
  printMessage?(messageId: number, pdf: string | null): Promise<void>;
  /** A system notification (desktop app); the browser build shows an in-app notice instead. */
  notify?(title: string, body: string): void;
  /** The language the UI shows, for the shell's own menus and dialogs (desktop app). */
  setLanguage?(language: 'it' | 'en'): void;
  /** Puts text on the system clipboard (desktop app); the browser build copies from the page. */
  copyText?(text: string): void;
  /** Asks the user, then opens the link in the system browser or mail program; false if refused. */
  confirmAndOpenExternal?(url: string): Promise<boolean>;
}
