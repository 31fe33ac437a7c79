// Starts the engine and the web bridge (what `npm run web` runs, and what the end-to-end tests
// start): the services and the API run in the engine, a worker thread, so this process only serves
// the bridge (dist/renderer and the WebSocket) and forwards calls by name; with `sandbox` the PEC
// sandbox with configured accounts and real demo traffic.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Host } from '../api';
import { traceLaunch, traceLaunchStep } from '../diagnostics';
import { startEngine, workerEngine, type EngineClient } from '../engine';
import { defaultStoreDir } from '../store';
import type { Sandbox } from '../../../sandbox';
import { configureSandboxAccountsThroughApi, configureSandboxIndexThroughApi, demoDeed, sendDemoMail } from './sandbox-demo';
import { startWebBridge, type WebBridge } from './server';

/** How to launch. */
export interface WebAppOptions {
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Data folder; default: the app's own, or a temporary one with the sandbox. */
  dataDir?: string;
  port?: number;
  /** Start the PEC sandbox, configure its accounts and send demo PEC through it. */
  sandbox?: boolean;
  /** With the sandbox: import its providers' index at start (default true); false shows PecDesk before any index is imported. */
  sandboxIndex?: boolean;
  /** With the sandbox: the storage quota of its mailboxes in bytes (to see the status bar's warning). */
  sandboxQuotaBytes?: number;
  /** Where "Salva tutti" proposes to save. */
  saveDir?: string;
  /** Keep passwords behind a master password, as the desktop app does without a real keychain (to try that path). */
  masterPassword?: boolean;
  version: string;
  log?: (line: string) => void;
}

/** A running web app; close() stops everything it started and removes temporary folders. */
export interface WebApp {
  url: string;
  dataDir: string;
  saveDir: string;
  bridge: WebBridge;
  /** The engine the bridge forwards to: dispatch, events, restart. */
  engine: EngineClient;
  sandbox: Sandbox | null;
  close(): Promise<void>;
}

/** The web bridge's Host: no native dialogs, no opening files with the OS. */
export function webHost(version: string, defaultSaveDir: string): Host {
  return { kind: 'web', version, defaultSaveDir };
}

async function startDemoSandbox(quotaBytes: number | undefined, log: (line: string) => void): Promise<Sandbox> {
  // Loaded on demand: the sandbox needs Dovecot, which only --sandbox requires.
  const { createSandboxPki, startSandbox, userPkiCacheDir } = await import('../../../sandbox');
  log('Avvio della sandbox PEC (Dovecot + smtp-server)…');
  // Its certificates from the last launch: key generation would compete with the engine's start for the CPU.
  const pki = await createSandboxPki({ dir: userPkiCacheDir() });
  return startSandbox({ quotaBytes, pki });
}

/**
 * The sandbox's index and accounts configured through the engine (side by side: neither needs the
 * other), then real demo traffic sent through the sandbox, its signed deed made while the engine
 * started. Resolves with the accounts' ids once the messages are submitted; their receipts are still on their way.
 */
async function sendDemo(engine: Pick<EngineClient, 'dispatch' | 'onEvent'>, sandbox: Sandbox, importIndex: boolean, deed: Promise<Buffer>, log: (line: string) => void): Promise<string[]> {
  const { dispatch } = engine;
  const [, accounts] = await Promise.all([
    importIndex &&
      traceLaunchStep('providers index import', () => configureSandboxIndexThroughApi(dispatch, sandbox)).then(() =>
        log(`Elenco gestori PEC scaricato dalla sandbox: ${sandbox.providerIndexUrl}`),
      ),
    traceLaunchStep('accounts', () => configureSandboxAccountsThroughApi(dispatch, sandbox)),
  ]);
  log(`Account configurati: ${accounts.map((a) => a.address).join(', ')}`);
  log('Invio di PEC di prova attraverso la sandbox…');
  await sendDemoMail(dispatch, engine.onEvent, sandbox, accounts, deed);
  return accounts.map((a) => a.id);
}

/** `done` resolves once each account ended its first sync (in IDLE, or failed: the page says why); `stop` stops listening. */
function firstSyncs(engine: EngineClient, accountIds: string[]): { done: Promise<void>; stop(): void } {
  const waiting = new Set(accountIds);
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const stop = engine.onEvent((event) => {
    if (event.type !== 'sync-progress' || event.state === 'running') return;
    waiting.delete(event.accountId);
    if (waiting.size === 0) finish();
  });
  if (waiting.size === 0) finish();
  return { done, stop };
}

/** Launches core + bridge (+ sandbox). */
export async function launchWebApp(options: WebAppOptions): Promise<WebApp> {
  const log = options.log ?? (() => undefined);
  const temp = options.sandbox && !options.dataDir ? fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-web-')) : null;
  const dataDir = options.dataDir ?? (temp ? path.join(temp, 'data') : defaultStoreDir());
  const saveDir = options.saveDir ?? (temp ? path.join(temp, 'Scaricati') : path.join(os.homedir(), 'Downloads'));
  fs.mkdirSync(saveDir, { recursive: true });

  const cleanups: (() => Promise<void> | void)[] = [];
  // Every cleanup runs even when one fails: a bridge that cannot close must not leave Dovecot running.
  const close = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        log(`Chiusura incompleta: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  };
  try {
    // The sandbox (Dovecot, its certificates, the gestore) and the engine (a worker loading the
    // services, then opening the store) start side by side: neither needs the other until the
    // accounts are configured, which goes through the engine's API once both are up.
    const deed = options.sandbox ? demoDeed() : null;
    // Awaited by the demo; a launch that fails before then must not leave it rejected unheard.
    deed?.catch(() => undefined);
    const sandboxStarting = options.sandbox ? traceLaunchStep('sandbox start', () => startDemoSandbox(options.sandboxQuotaBytes, log)) : Promise.resolve(null);
    const engineStarting = traceLaunchStep('engine start', () =>
      startEngine({
        spawn: workerEngine(),
        config: { dataDir, logDir: path.join(dataDir, 'logs'), secrets: 'key-file', masterPassword: options.masterPassword ? 'basic-text' : undefined, startBackground: false },
        host: webHost(options.version, saveDir),
        log: (line) => log(`Motore: ${line}`),
      }),
    );
    // Both settle before a failure is thrown, so close() stops whichever did start.
    const [sandboxStarted, engineStarted] = await Promise.allSettled([sandboxStarting, engineStarting]);
    const sandbox = sandboxStarted.status === 'fulfilled' ? sandboxStarted.value : null;
    if (sandbox) cleanups.push(() => sandbox.stop());
    const engine = engineStarted.status === 'fulfilled' ? engineStarted.value : null;
    if (engine) cleanups.push(() => engine.close());
    if (sandboxStarted.status === 'rejected') throw sandboxStarted.reason;
    if (!engine) throw (engineStarted as PromiseRejectedResult).reason;
    engine.log('info', 'startup', { version: options.version, host: 'web', platform: process.platform, node: process.versions.node, demoProvider: Boolean(sandbox) });
    const demoAccounts = sandbox && deed ? await traceLaunchStep('sandbox demo', () => sendDemo(engine, sandbox, options.sandboxIndex !== false, deed, log)) : [];
    // Once the demo mail is submitted the first sync starts, and the page is offered once each demo
    // account's first sync has filed what the sandbox delivered (or once every receipt is delivered,
    // if that comes first). Only the slow mailbox's preavviso, due a fixed delay after its message,
    // may still be on its way then: IDLE brings it in, as it would any new PEC.
    const synced = sandbox && firstSyncs(engine, demoAccounts);
    await traceLaunchStep('start background', () => engine.startBackground());
    if (sandbox && synced) await traceLaunchStep('first sync of the demo accounts', () => Promise.race([synced.done, sandbox.whenIdle()]).finally(synced.stop));
    const bridge = await startWebBridge({ dispatch: engine.dispatch, onEvent: engine.onEvent, staticDir: options.staticDir, port: options.port });
    cleanups.push(() => bridge.close());
    traceLaunch('bridge listening');
    return { url: bridge.url, dataDir, saveDir, bridge, engine, sandbox, close };
  } catch (err) {
    await close();
    throw err;
  }
}
