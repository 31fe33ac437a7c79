// Which command-line arguments are files for PecDesk to open: Windows and Linux start the app (or a
// second instance) with the path of the .eml or .p7m the user double-clicked; macOS sends open-file
// instead. No Electron here, so the rule is tested under plain Node.
import path from 'node:path';

/** The extensions electron-builder.yml associates with PecDesk, plus .msg the File ▸ Open dialog offers. */
export const OPENED_EXTENSIONS = ['eml', 'msg', 'p7m'] as const;

const OPENED_FILE = new RegExp(`\\.(${OPENED_EXTENSIONS.join('|')})$`, 'i');

/** The absolute paths of the files named in argv (options and the app's own path are skipped). */
export function filesToOpen(argv: readonly string[], cwd = process.cwd()): string[] {
  return argv.filter((a) => !a.startsWith('-') && OPENED_FILE.test(a)).map((a) => path.resolve(cwd, a));
}
