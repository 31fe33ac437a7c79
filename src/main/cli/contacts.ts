// `pecdesk contacts import|export|list`: the contacts domain for scripts. The import prints the
// same report as the wizard (every row not imported, every duplicate, every empty row) and
// commits in one transaction unless --dry-run; the column mapping is the one remembered for the
// file's layout, else the suggested one.
import { Contacts, importReportLines, writeReportXlsx, type Contact, type DuplicatePolicy, type ImportPlan } from '../contacts';
import { defaultStoreDir, openStore } from '../store';
import { CliError, parseArgs, type CliCommand, type CliIO } from './command';

const usage = [
  'usage: pecdesk contacts import FILE [--store DIR] [--group NAME] [--on-duplicate skip|update|keep-both] [--sheet N|NAME] [--dry-run] [--report OUT.xlsx] [--json]',
  '       pecdesk contacts export FILE.xlsx|FILE.csv [--store DIR] [--group NAME]',
  '       pecdesk contacts list [--store DIR] [--group NAME] [--json]',
  'import exits 1 when some rows were not imported (listed in the report), 0 otherwise.',
].join('\n');

const policies: readonly DuplicatePolicy[] = ['skip', 'update', 'keep-both'];

/** The `contacts` command. */
export const contactsCommand: CliCommand = {
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'import' && sub !== 'export' && sub !== 'list') throw new CliError(sub ? `unknown contacts command "${sub}"\n${usage}` : usage);
    const { flags, positional } = parseArgs(rest, { booleans: ['dry-run', 'json'], values: ['store', 'group', 'on-duplicate', 'sheet', 'report'] });
    const file = sub === 'list' ? '' : one(positional);
    const store = openStore(typeof flags.store === 'string' ? flags.store : defaultStoreDir());
    try {
      const contacts = new Contacts(store);
      if (sub === 'import') return await importFile(contacts, file, flags, io);
      if (sub === 'export') return await exportFile(contacts, file, flags, io);
      return listContacts(contacts, flags, io);
    } finally {
      // The daily backup taken at open finishes before the command ends (closing would abandon it).
      await store.dailyBackup;
      store.close();
    }
  },
};

function one(positional: string[]): string {
  if (positional.length !== 1) throw new CliError(`expected one FILE\n${usage}`);
  return positional[0];
}

type Flags = Record<string, string | boolean>;

async function importFile(contacts: Contacts, file: string, flags: Flags, io: CliIO): Promise<number> {
  const policy = (flags['on-duplicate'] ?? 'skip') as DuplicatePolicy;
  if (!policies.includes(policy)) throw new CliError(`--on-duplicate must be one of ${policies.join(', ')}`);
  // The plan follows at once: the preview's read goes on through the whole sheet for it.
  const preview = await contacts.previewImport(file, { readAhead: true });
  if (!preview.ok) throw new CliError(preview.detail);
  let { value } = preview;
  if (typeof flags.sheet === 'string') {
    const wanted = flags.sheet;
    const sheet = value.sheets.find((s) => s.name === wanted) ?? value.sheets[Number(wanted) - 1];
    if (!sheet) throw new CliError(`no sheet "${wanted}"; sheets: ${value.sheets.map((s) => `${s.index + 1}. ${s.name}${s.hidden ? ' (hidden)' : ''}`).join(', ')}`);
    const chosen = await contacts.previewImport(file, { sheetIndex: sheet.index, readAhead: true });
    if (!chosen.ok) throw new CliError(chosen.detail);
    value = chosen.value;
  }
  const mapping = value.rememberedMapping ?? value.suggestedMapping;
  const group = typeof flags.group === 'string' ? flags.group : undefined;
  const planned = await contacts.planImport(file, mapping, { groupName: group, duplicatePolicy: policy });
  if (!planned.ok) throw new CliError(planned.detail);
  const plan = planned.value;
  const committed = flags['dry-run'] ? null : contacts.commitImport(plan);
  if (committed && !committed.ok) throw new CliError(committed.detail);
  if (typeof flags.report === 'string') {
    const written = await writeReportXlsx(plan, flags.report);
    if (!written.ok) throw new CliError(written.detail);
  }
  const outcome = committed?.value ?? null;
  if (flags.json) {
    const saved = outcome && { created: outcome.created, updated: outcome.updated, linked: outcome.linked, groupId: outcome.groupId };
    io.stdout.write(JSON.stringify({ ...jsonPlan(plan), committed: saved }, null, 2) + '\n');
  } else {
    const lines = importReportLines(plan);
    lines.push(
      '',
      outcome
        ? `Salvato: ${outcome.created} nuovi contatti, ${outcome.updated} aggiornati, ${outcome.linked} già presenti${group ? ` nel gruppo «${group}»` : ''}.`
        : 'Prova (--dry-run): nulla è stato salvato.',
    );
    io.stdout.write(lines.join('\n') + '\n');
  }
  return plan.counts.invalid > 0 ? 1 : 0;
}

/** The plan for --json: counts and every row that is not a plain new contact. */
function jsonPlan(plan: ImportPlan) {
  const { file, format, sheetName, mapping, headers, options, counts } = plan;
  const rows = plan.rows
    .filter((r) => r.outcome !== 'create' || r.problems.length)
    .map(({ row, outcome, problems, duplicateOfRow, existingContactId, cells }) => ({ row, outcome, problems, duplicateOfRow, existingContactId, cells }));
  return { file, format, sheetName, mapping, headers, options, counts, rows };
}

async function exportFile(contacts: Contacts, file: string, flags: Flags, io: CliIO): Promise<number> {
  const groupId = groupOf(contacts, flags)?.id;
  const exported = await contacts.exportContacts(file, { groupId });
  if (!exported.ok) throw new CliError(exported.detail);
  io.stdout.write(`Esportati ${exported.value.count} contatti in ${file}\n`);
  return 0;
}

function listContacts(contacts: Contacts, flags: Flags, io: CliIO): number {
  const group = groupOf(contacts, flags);
  const rows = contacts.list({ groupId: group?.id }).rows;
  if (flags.json) {
    io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const groupNames = new Map(contacts.groups().map((g) => [g.id, g.name]));
  for (const c of rows) io.stdout.write(listLine(c, groupNames) + '\n');
  return 0;
}

function listLine(c: Contact, groupNames: Map<number, string>): string {
  const who = [c.name, c.organization].filter(Boolean).join(' — ') || '(senza nome)';
  const addresses = [c.pec && `PEC ${c.pec} [${c.pecStatus}]`, c.email && `e-mail ${c.email}`].filter(Boolean).join(', ');
  const groups = c.groupIds.map((id) => groupNames.get(id)).filter(Boolean);
  return `${c.id}\t${who}\t${addresses}${groups.length ? `\tgruppi: ${groups.join(', ')}` : ''}`;
}

function groupOf(contacts: Contacts, flags: Flags) {
  if (typeof flags.group !== 'string') return null;
  const group = contacts.findGroup(flags.group);
  if (!group) throw new CliError(`no group named "${flags.group}"; groups: ${contacts.groups().map((g) => g.name).join(', ') || 'none'}`);
  return group;
}
