// Starts the engine and the web bridge (what `npm run web` runs, and what the end-to-end tests
// start): the services and the API run in the engine, a worker thread, so this process only serves
// the bridge (dist/renderer and the WebSocket) and forwards calls by name; with `sandbox` the PEC
// sandbox with configured accounts and real demo traffic.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Account } from '../accounts';
import type { Host } from '../api';
import { startEngine, workerEngine, type EngineClient } from '../engine';
import { createServices, headlessSecretStore } from '../services';
import { defaultStoreDir } from '../store';
import type { Sandbox } from '../../../sandbox';
import { configureSandboxAccounts, configureSandboxIndex, seedDemoMail } from './sandbox-demo';
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
    let sandbox: Sandbox | null = null;
    if (options.sandbox) {
      // Loaded on demand: the sandbox needs Dovecot, which only --sandbox requires.
      const { startSandbox } = await import('../../../sandbox');
      log('Avvio della sandbox PEC (Dovecot + smtp-server)…');
      sandbox = await startSandbox({ quotaBytes: options.sandboxQuotaBytes });
      const started = sandbox;
      cleanups.push(() => started.stop());
    }
    let accounts: Account[] = [];
    if (sandbox) {
      // The sandbox's accounts and index go into the data folder before the engine opens it.
      const setup = await createServices({ dataDir, secrets: headlessSecretStore(dataDir) });
      try {
        if (options.sandboxIndex !== false) {
          await configureSandboxIndex(setup, sandbox);
          log(`Elenco gestori PEC scaricato dalla sandbox: ${sandbox.providerIndexUrl}`);
        }
        accounts = await configureSandboxAccounts(setup, sandbox);
        log(`Account configurati: ${accounts.map((a) => a.address).join(', ')}`);
      } finally {
        await setup.close();
      }
    }
    const engine = await startEngine({
      spawn: workerEngine(),
      config: { dataDir, logDir: path.join(dataDir, 'logs'), secrets: 'key-file', masterPassword: options.masterPassword ? 'basic-text' : undefined, startBackground: false },
      host: webHost(options.version, saveDir),
      log: (line) => log(`Motore: ${line}`),
    });
    cleanups.push(() => engine.close());
    engine.log('info', 'startup', { version: options.version, host: 'web', platform: process.platform, node: process.versions.node, demoProvider: Boolean(sandbox) });
    if (sandbox) {
      log('Invio di PEC di prova attraverso la sandbox…');
      await seedDemoMail(engine.dispatch, engine.onEvent, sandbox, accounts);
    }
    // After the demo mail: the first sync finds it all.
    await engine.startBackground();
    const bridge = await startWebBridge({ dispatch: engine.dispatch, onEvent: engine.onEvent, staticDir: options.staticDir, port: options.port });
    cleanups.push(() => bridge.close());
    return { url: bridge.url, dataDir, saveDir, bridge, engine, sandbox, close };
  } catch (err) {
    await close();
    throw err;
  }
}
