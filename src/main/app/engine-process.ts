// The app's engine: the services and the API in an Electron utility process forked from the
// bundled engine entry (dist/app/engine.js, beside main.js), so the main process keeps only the
// windows, menus, dialogs and the keychain, and never stalls on a sync or an export.
import path from 'node:path';
import { utilityProcess } from 'electron';
import type { SpawnEngine } from '../engine';

/** Forks the engine as a utility process (only after app 'ready'). */
export function utilityEngine(entry: string = path.join(__dirname, 'engine.js')): SpawnEngine {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'PecDesk engine', stdio: 'inherit' });
    let fatal: string | null = null;
    child.on('error', (type, location) => (fatal = `${type} at ${location}`));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return {
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code) => listener(fatal ?? `exit code ${code}`)),
      async kill() {
        child.kill();
        await exited;
      },
    };
  };
}
