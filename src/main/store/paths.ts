// Where the store lives by default: the same folder Electron's app.getPath('userData') gives for
// the app name "PecDesk", computed here without Electron so the CLI and the app share one store.
import os from 'node:os';
import path from 'node:path';

const appName = 'PecDesk';

/** PECDESK_HOME, or the platform's per-user application data folder for PecDesk. */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PECDESK_HOME) return path.resolve(env.PECDESK_HOME);
  const home = os.homedir();
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', appName);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), appName);
}
