// "Elenco gestori PEC" over the API: the index in force, importing a file (the desktop's file
// dialog, or an upload from the browser build), "Aggiorna" from the configured address, and the
// address itself. A refused file or a failed download leaves the index in force as it was.
import type { ProviderIndexImportView, ProviderIndexStatusView } from '../../shared/api-provider-index';
import type { ApiErrorCode } from '../../shared/api';
import type { IndexFailure, IndexOutcome, ProviderIndexService } from '../trust';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';

type ProviderIndexHandlers = Pick<Handlers, 'providerIndexStatus' | 'providerIndexImportDialog' | 'providerIndexUpload' | 'providerIndexUpdate' | 'providerIndexSetUrl'>;

const WHY: Record<IndexFailure, { code: ApiErrorCode; text: string }> = {
  empty: { code: 'unreadable', text: 'Il file è vuoto.' },
  'too-large': { code: 'unreadable', text: 'Il file è più grande di 20 MB: non è un elenco dei gestori PEC.' },
  'not-ldif': { code: 'unreadable', text: 'Il file non è in formato LDIF: scegli il file dell’elenco dei gestori PEC (.ldif).' },
  malformed: { code: 'unreadable', text: 'Il file LDIF contiene un errore.' },
  truncated: { code: 'unreadable', text: 'Il file sembra incompleto (troncato): scaricalo o copialo di nuovo.' },
  'no-providers': { code: 'unreadable', text: 'Il file non contiene alcun gestore PEC (objectClass provider).' },
  unreadable: { code: 'io', text: 'Il file non si può leggere.' },
  'bad-url': { code: 'invalid-request', text: 'L’indirizzo non è accettabile: serve un indirizzo https://.' },
  'download-failed': { code: 'server', text: 'Scaricamento non riuscito: controlla la connessione o l’indirizzo.' },
  'raw-write-failed': { code: 'io', text: 'Impossibile salvare l’elenco nella cartella dei dati.' },
};

function outcomeResult(outcome: IndexOutcome) {
  if (!outcome.ok) {
    const why = WHY[outcome.code];
    return fail(why.code, `${why.text} (${outcome.detail}) L’elenco in uso non è cambiato.`);
  }
  const view: ProviderIndexImportView = { info: outcome.info, unchanged: outcome.unchanged, checked: outcome.recheck.checked, changed: outcome.recheck.changed };
  return ok(view);
}

function statusView(index: ProviderIndexService): ProviderIndexStatusView {
  return index.status();
}

/** The providers' index handlers. */
export function providerIndexHandlers(ctx: ApiContext): ProviderIndexHandlers {
  const index = ctx.services.providerIndex;
  return {
    async providerIndexStatus() {
      return ok(statusView(index));
    },
    async providerIndexImportDialog() {
      if (!ctx.host.chooseProviderIndexFile) return fail('unsupported', 'Nel browser il file si sceglie dalla pagina e si carica.');
      const chosen = await ctx.host.chooseProviderIndexFile();
      return chosen ? outcomeResult(await index.importFile(chosen)) : ok(null);
    },
    async providerIndexUpload(req) {
      return outcomeResult(await index.importData(Buffer.from(req.dataBase64, 'base64'), req.name));
    },
    async providerIndexUpdate() {
      return outcomeResult(await index.update());
    },
    async providerIndexSetUrl(req) {
      const set = index.setUrl(req.url);
      if (!set.ok) return fail('invalid-request', `${WHY['bad-url'].text} (${set.detail})`);
      return ok(statusView(index));
    },
  };
}
