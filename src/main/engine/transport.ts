// How the host reaches an engine: a channel to post on and hear from, the engine's end, and a
// way to end it. The web bridge and the tests run it as a worker thread (this file); the Electron
// app forks a utility process (src/main/app/engine-process.ts).
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EngineMessage } from './protocol';

/** One running engine, seen from the host. */
export interface EngineTransport {
  postMessage(message: EngineMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the engine ends, whatever the cause, with it in words. */
  onExit(listener: (reason: string) => void): void;
  /** Ends the engine at once (worker.terminate(), SIGKILL): what a crash looks like. */
  kill(): Promise<void>;
}

/** Starts a new engine. */
export type SpawnEngine = () => EngineTransport;

/**
 * The engine's entry: engine-entry.ts beside this file when running from source (tsx, which the
 * worker inherits through execArgv); engine.js beside the bundle once built.
 */
export function engineEntryFile(dir: string = __dirname): string {
  const source = path.join(dir, 'engine-entry.ts');
  return fs.existsSync(source) ? source : path.join(dir, 'engine.js');
}

/** Spawns the engine as a worker thread of this process. */
export function workerEngine(entry: string = engineEntryFile()): SpawnEngine {
  return () => {
    const worker = new Worker(entry);
    let failure: Error | null = null;
    worker.on('error', (err) => (failure = err));
    return {
      postMessage: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', listener),
      onExit: (listener) => worker.once('exit', (code) => listener(failure ? `error: ${failure.message}` : `exit code ${code}`)),
      async kill() {
        await worker.terminate();
      },
    };
  };
}
