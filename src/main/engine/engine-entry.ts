// The engine process's entry: loaded as a worker thread (web bridge, tests) or forked as an
// Electron utility process (the app; esbuild bundles it as dist/app/engine.js). It serves the
// engine's ops on whichever parent channel it finds; nothing PecDesk-specific happens here.
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { traceLaunch } from '../diagnostics';
import { serveEngine } from './serve';

traceLaunch('engine: entry loaded');

/**
 * The desktop app's engine yields the CPU to the process that serves the window: on a busy machine
 * a sync should take longer, not the window stutter. Threads it starts (the contacts import)
 * inherit the priority. The worker of the web bridge and the tests keeps its host's priority: the
 * window's thread is apart from it anyway, and a niced worker among CI's parallel browsers and
 * sandboxes was starved for more than the tests' 30 s waits.
 */
function yieldToTheUi(): void {
  try {
    os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not allowed here (a container's limits): the engine runs at the host's priority.
  }
}

/** Electron's utility-process parent port: messages arrive wrapped as { data }. */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

const utilityPort = (process as NodeJS.Process & { parentPort?: UtilityParentPort }).parentPort;
if (parentPort) {
  serveEngine(parentPort);
} else if (utilityPort) {
  yieldToTheUi();
  serveEngine({ postMessage: (message) => utilityPort.postMessage(message), on: (_event, listener) => utilityPort.on('message', (e) => listener(e.data)) });
}
