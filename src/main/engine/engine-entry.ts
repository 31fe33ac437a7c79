// The engine process's entry: loaded as a worker thread (web bridge, tests) or forked as an
// Electron utility process (the app; esbuild bundles it as dist/app/engine.js). It serves the
// engine's ops on whichever parent channel it finds; nothing PecDesk-specific happens here.
import { parentPort } from 'node:worker_threads';
import { serveEngine } from './serve';

/** Electron's utility-process parent port: messages arrive wrapped as { data }. */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

const utilityPort = (process as NodeJS.Process & { parentPort?: UtilityParentPort }).parentPort;
if (parentPort) serveEngine(parentPort);
else if (utilityPort) serveEngine({ postMessage: (message) => utilityPort.postMessage(message), on: (_event, listener) => utilityPort.on('message', (e) => listener(e.data)) });
