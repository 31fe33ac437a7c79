// Starts the core and the web bridge in this process (what `npm run web` runs, and what the
// end-to-end tests start): services over a data folder, the API, the bridge serving dist/renderer,
// and with `sandbox` the PEC sandbox with configured accounts and real demo traffic.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiBackend, Host } from '../api';
import { startCore, type Core } from '../core';
import { headlessSecretStore, masterPasswordGate, type Services } from '../services';
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
  /** The services; throws when the store is damaged (the page then offers the restore). */
  readonly services: Services;
  api: ApiBackend;
  /** The core behind the API (store health, restore). */
  core: Core;
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
    const core = startCore({
      config: {
        dataDir,
        secrets: headlessSecretStore(dataDir),
        secretsGate: options.masterPassword ? masterPasswordGate(dataDir, 'basic-text') : undefined,
        logDir: path.join(dataDir, 'logs'),
      },
      host: webHost(options.version, saveDir),
      onServices: async (services, reason) => {
        services.log.write('info', reason === 'start' ? 'startup' : 'store-restored', { version: options.version, host: 'web', platform: process.platform, node: process.versions.node, demoProvider: Boolean(sandbox) });
        // At start the sandbox's accounts are configured first (below); after a restore the sync starts at once.
        if (reason === 'restore') await services.mail.start();
      },
    });
    cleanups.push(() => core.close());
    // The bridge serves the page while the database is checked: calls wait for the check, and a
    // damaged store gets the page's banner with the restore instead of an error before any window.
    const bridge = await startWebBridge({ dispatch: core.dispatch, onEvent: core.onEvent, staticDir: options.staticDir, port: options.port });
    cleanups.push(() => bridge.close());
    await core.ready;
    const services = core.services();
    if (!services) log(`Archivio danneggiato o non apribile: ${core.health().detail ?? ''}. La pagina offre il ripristino dal backup.`);
    if (sandbox && services) {
      if (options.sandboxIndex !== false) {
        await configureSandboxIndex(services, sandbox);
        log(`Elenco gestori PEC scaricato dalla sandbox: ${sandbox.providerIndexUrl}`);
      }
      const accounts = await configureSandboxAccounts(services, sandbox);
      log(`Account configurati: ${accounts.map((a) => a.address).join(', ')}`);
      log('Invio di PEC di prova attraverso la sandbox…');
      await seedDemoMail(core.dispatch, sandbox, accounts);
    }
    await services?.mail.start();
    return {
      url: bridge.url,
      dataDir,
      saveDir,
      bridge,
      get services(): Services {
        const current = core.services();
        if (!current) throw new Error(`the store cannot be used: ${core.health().detail ?? core.health().state}`);
        return current;
      },
      api: core,
      core,
      sandbox,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
