// `pecdesk providers import|update|show`: the providers' index (RFC 6109 LDIF) for scripts and
// for offices without the app open: import a file, download it, show the version in force.
import { defaultStoreDir, hasStore, openStore, type Store } from '../store';
import { ProviderIndexService, type IndexOutcome } from '../trust';
import { CliError, parseArgs, type CliCommand, type CliIO } from './command';

const usage = [
  'usage: pecdesk providers import FILE.ldif [--store DIR]',
  '       pecdesk providers update [--url URL] [--store DIR]   (--url is remembered for the automatic updates)',
  '       pecdesk providers show [--json] [--store DIR]',
].join('\n');

/** The `providers` command. */
export const providersCommand: CliCommand = {
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'import' && sub !== 'update' && sub !== 'show') throw new CliError(sub ? `unknown providers command "${sub}"\n${usage}` : usage);
    const { flags, positional } = parseArgs(rest, { booleans: sub === 'show' ? ['json'] : [], values: sub === 'update' ? ['store', 'url'] : ['store'] });
    if (sub === 'import' ? positional.length !== 1 : positional.length > 0) throw new CliError(sub === 'import' ? `expected one FILE.ldif\n${usage}` : `providers ${sub} takes no arguments\n${usage}`);
    const dir = typeof flags.store === 'string' ? flags.store : defaultStoreDir();
    if (sub === 'show' && !hasStore(dir)) throw new CliError(`no PecDesk store in ${dir} (import a providers' index first)`, 1);
    const store = openStore(dir);
    try {
      const service = new ProviderIndexService(store);
      if (sub === 'show') return show(store, service, flags.json === true, io);
      if (sub === 'import') return report(await service.importFile(positional[0]), io);
      if (typeof flags.url === 'string') {
        const set = service.setUrl(flags.url);
        if (!set.ok) throw new CliError(`--url: ${set.detail}`);
      }
      return report(await service.update(), io);
    } finally {
      store.close();
    }
  },
};

function report(outcome: IndexOutcome, io: CliIO): number {
  if (!outcome.ok) {
    // A file or address that is not an index is the user's to fix (2); a network failure is not (1).
    throw new CliError(`the providers' index was not imported (nothing changed): ${outcome.detail}`, outcome.code === 'download-failed' ? 1 : 2);
  }
  const { info } = outcome;
  io.stdout.write(
    outcome.unchanged
      ? `unchanged: the index in force (version ${info.versionId}, sha256 ${info.sha256}) has the same bytes\n`
      : `providers' index version ${info.versionId} imported from ${info.source}: ${info.providers} providers, ${info.domains} domains, sha256 ${info.sha256}\n` +
          `signed messages re-checked: ${outcome.recheck.checked}, verdicts changed: ${outcome.recheck.changed}\n`,
  );
  return 0;
}

function show(store: Store, service: ProviderIndexService, json: boolean, io: CliIO): number {
  const status = service.status();
  const info = status.info;
  const providers = info ? (store.providerIndexProviders(info.versionId) ?? []) : [];
  if (json) {
    const list = providers.map(({ name, certificateSha1, managedDomains, mailReceipt }) => ({ name, certificateSha1, managedDomains, mailReceipt }));
    io.stdout.write(JSON.stringify({ info, providers: list }, null, 2) + '\n');
    return info ? 0 : 1;
  }
  if (!info) {
    io.stdout.write(`no providers' index imported yet: run \`pecdesk providers update\` or \`pecdesk providers import FILE.ldif\`\naddress: ${status.url}\n`);
    return 1;
  }
  const lines = [
    `version:    ${info.versionId}`,
    `imported:   ${info.importedAt}`,
    `checked:    ${status.checkedAt ?? info.importedAt}${status.stale ? ' (older than 30 days: update it)' : ''}`,
    `source:     ${info.source}`,
    `sha256:     ${info.sha256}`,
    `providers:  ${info.providers}`,
    `domains:    ${info.domains}`,
    `address:    ${status.url}`,
    ...(status.lastError ? [`last update failed: ${status.lastError}`] : []),
    '',
    ...providers.map((p) => `${p.name}  ${p.managedDomains.join(', ')}`),
  ];
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}
