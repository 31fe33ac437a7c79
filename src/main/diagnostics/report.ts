// The text behind "Copia diagnostica": what a person helping the user needs to see what went wrong,
// and nothing private. Accounts appear as address and server host only; sync states as state and
// error words; the log as its last lines (the log itself never holds passwords, bodies or subjects).

/** One configured account as the diagnostics show it. */
export interface DiagnosticAccount {
  id: string;
  address: string;
  imapHost: string;
  smtpHost: string;
  /** 'never' | 'syncing' | 'idle' | 'error', and when the last sync ended. */
  syncState: string;
  lastSyncAt: string | null;
  syncError: string | null;
}

/** Everything the text is made of. */
export interface DiagnosticInput {
  version: string;
  host: string;
  platform: string;
  runtime: Record<string, string | undefined>;
  dataDir: string;
  /** The store's schema version and how many stored messages could not be analysed. */
  store: { schemaVersion: number; unreadableMessages: number };
  logFile: string | null;
  accounts: DiagnosticAccount[];
  /** Accounts whose settings cannot be read (id and what is wrong). */
  unreadableAccounts: { id: string; detail: string }[];
  logTail: string[];
  now?: Date;
}

/** The diagnostics as plain text, ready for the clipboard or an e-mail to support. */
export function diagnosticsText(input: DiagnosticInput): string {
  const runtime = Object.entries(input.runtime)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [
    `PecDesk ${input.version} (${input.host})`,
    `Data: ${(input.now ?? new Date()).toISOString()}`,
    `Sistema: ${input.platform}; ${runtime}`,
    `Cartella dati: ${input.dataDir}`,
    `Archivio: schema v${input.store.schemaVersion}, ${input.store.unreadableMessages} messaggi illeggibili`,
    `Log: ${input.logFile ?? 'non scritto in questa modalità'}`,
    '',
    `Account (${input.accounts.length}):`,
    ...input.accounts.map((a) =>
      [
        `- #${a.id} ${a.address} IMAP ${a.imapHost} SMTP ${a.smtpHost}`,
        `sincronizzazione ${a.syncState}${a.lastSyncAt ? ` (ultima ${a.lastSyncAt})` : ''}${a.syncError ? `: ${a.syncError}` : ''}`,
      ].join(' · '),
    ),
    ...input.unreadableAccounts.map((a) => `- #${a.id} impostazioni illeggibili: ${a.detail}`),
    '',
    `Ultime righe del log (${input.logTail.length}):`,
    ...input.logTail,
  ];
  return `${lines.join('\n')}\n`;
}
