// "Elenco gestori PEC" over the API: the index in force, importing a file (the desktop's file
// dialog, or an upload from the browser build), "Aggiorna" from the configured address, and the
// address itself. A refused file or a failed download leaves the index in force as it was.
import type { ProviderIndexImportView, ProviderIndexStatusView } from '../../shared/api-provider-index';
import type { ApiErrorCode } from '../../shared/api';
import type { ApiErrorReason } from '../../shared/api-errors';
import type { IndexFailure, IndexOutcome, ProviderIndexService } from '../trust';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';

type ProviderIndexHandlers = Pick<Handlers, 'providerIndexStatus' | 'providerIndexImportDialog' | 'providerIndexUpload' | 'providerIndexUpdate' | 'providerIndexSetUrl'>;

// The index's detail (the line at fault, the HTTP status, the system's error) is technical, in
// English: it follows the reason's words in brackets, as it always did.
const WHY: Record<IndexFailure, { code: ApiErrorCode; reason: ApiErrorReason }> = {
  empty: { code: 'unreadable', reason: 'provider-index-empty' },
  'too-large': { code: 'unreadable', reason: 'provider-index-too-large' },
  'not-ldif': { code: 'unreadable', reason: 'provider-index-not-ldif' },
  malformed: { code: 'unreadable', reason: 'provider-index-malformed' },
  truncated: { code: 'unreadable', reason: 'provider-index-truncated' },
  'no-providers': { code: 'unreadable', reason: 'provider-index-no-providers' },
  unreadable: { code: 'io', reason: 'provider-index-unreadable' },
  'bad-url': { code: 'invalid-request', reason: 'provider-index-bad-url' },
  'download-failed': { code: 'server', reason: 'provider-index-download-failed' },
  'raw-write-failed': { code: 'io', reason: 'provider-index-not-saved' },
};

function outcomeResult(outcome: IndexOutcome) {
  if (!outcome.ok) {
    const why = WHY[outcome.code];
    return fail(why.code, why.reason, { detail: outcome.detail });
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
      if (!ctx.host.chooseProviderIndexFile) return fail('unsupported', 'browser-upload-file');
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
      if (!set.ok) return fail('invalid-request', 'provider-index-url-refused', { detail: set.detail });
      return ok(statusView(index));
    },
  };
}
