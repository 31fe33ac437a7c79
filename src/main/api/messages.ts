// Message handlers: folder listings and searches, one message for the reader, files opened from disk, seen flags.
import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../../shared/api';
import type { ApiErrorReason } from '../../shared/api-errors';
import type { Mailbox, MessagePage, MessageRow, OpenedFile, SearchProblemCode, SignatureBadge } from '../../shared/api-values';
import { MAX_UPLOAD_BYTES } from '../../shared/api-requests';
import { isSignedFileName, signedFileAsMessage } from '../attachments';
import { searchMessages } from '../search';
import type { FolderSummary, ListedMessage, MessagePage as StoredPage, Store } from '../store';
import { isSignedPecObject, judge, signedFactsOf } from '../proof';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { folderView } from './folders';
import { buildMessageView, realSender } from '../mail';
import { loadMessage } from './load';
import { fail, ok } from './result';

function signatureBadge(m: Pick<ListedMessage, 'signaturePresent' | 'signatureValid' | 'signatureTrusted'>): SignatureBadge {
  if (!m.signaturePresent) return 'absent';
  if (!m.signatureValid) return 'invalid';
  return m.signatureTrusted ? 'trusted' : 'valid';
}

/** "Name <a@b>" or "a@b" as a Mailbox. */
export function parseMailbox(value: string | null): Mailbox | null {
  if (!value) return null;
  const m = /^\s*"?([^"<]*?)"?\s*<([^<>]+)>\s*$/.exec(value);
  return m ? { name: m[1] || null, address: m[2] } : { name: null, address: value.trim() };
}

function row(m: ListedMessage, to: string[], tags: string[]): MessageRow {
  return {
    id: m.id,
    folderId: m.folderId ?? 0,
    date: m.date ?? m.receivedAt,
    from: parseMailbox(m.displayFrom),
    to,
    subject: m.displaySubject,
    size: m.size,
    seen: m.seen,
    hasAttachments: m.hasAttachments,
    kind: m.unreadable || m.kind === null ? 'unreadable' : m.kind,
    receiptType: m.receiptType,
    receiptVariant: m.receiptVariant,
    signature: signatureBadge(m),
    trust: m.trustLevel,
    dac: m.dac,
    tags,
  };
}

// A search the parser refused; the problem and its token also travel as the error's items.
const SEARCH_PROBLEM_REASON: Record<SearchProblemCode, ApiErrorReason> = {
  'unclosed-quote': 'search-unclosed-quote',
  'unknown-filter': 'search-unknown-filter',
  'empty-value': 'search-empty-value',
  'unknown-type': 'search-unknown-type',
  'unknown-has': 'search-unknown-has',
  'bad-date': 'search-bad-date',
  'dangling-or': 'search-dangling-or',
  'only-negated': 'search-only-negated',
};

/** Search results with the folder and account each one is in. */
function withPlaces(store: Store, page: MessagePage, folders: FolderSummary[]): MessagePage {
  const accounts = new Map(store.listAccounts().map((a) => [a.id, a]));
  const places = new Map(folders.map((f) => {
    const view = folderView(f);
    return [f.id, { folderPath: f.path, folderName: view.name, folderRole: view.role, accountName: accounts.get(f.accountId)?.name ?? '', accountAddress: accounts.get(f.accountId)?.address ?? '' }];
  }));
  return { ...page, rows: page.rows.map((r) => ({ ...r, place: places.get(r.folderId) })) };
}

/** A stored page as the list shows it (a folder, a search, "Importati"). */
export function pageView(store: Store, page: StoredPage, folders: FolderSummary[]): MessagePage {
  // A Sent folder lists recipients instead of the sender; the listing has no recipients yet, so
  // they come from each message's detail (a page is at most 500 primary-key lookups).
  const sentFolders = new Set(folders.filter((f) => f.specialUse === '\\Sent' || f.role === 'sent').map((f) => f.id));
  const tags = store.tagsOf(page.rows.map((m) => m.id));
  const rows = page.rows.map((m) => row(m, m.folderId !== null && sentFolders.has(m.folderId) ? (store.getMessage(m.id)?.to ?? []) : [], tags.get(m.id) ?? []));
  return { total: page.total, offset: page.offset, rows };
}

async function openedFile(ctx: ApiContext, name: string, bytes: Buffer): Promise<Result<OpenedFile>> {
  let raw = bytes;
  if (isSignedFileName(name)) {
    const wrapped = await signedFileAsMessage(bytes, name);
    if (!wrapped) return fail('unreadable', 'signed-file-unreadable', { name });
    raw = wrapped;
  }
  const fileId = ctx.files.add(name, raw);
  const loaded = await loadMessage(ctx, { fileId });
  if (!loaded.ok) return loaded;
  const allowed = ctx.prefs.remoteContentAllowed(loaded.value.key, realSender(loaded.value));
  // A file opened from disk is judged now, against the index in force: nothing of it is stored.
  const { analysis } = loaded.value;
  const trust = analysis && isSignedPecObject(analysis.kind) ? judge(signedFactsOf(analysis), ctx.services.store.currentTrustIndex()) : null;
  return ok({ fileId, name, view: buildMessageView(loaded.value, { remoteContentAllowed: allowed, sentMessageId: null, seen: true, trust, receiptProblems: null }) });
}

/** Reads a message file (or a signed .p7m) from disk (OS "open with", argv, native File ▸ Open) and parses it. */
export async function openFileFromDisk(ctx: ApiContext, filePath: string): Promise<Result<OpenedFile>> {
  const stat = await fs.promises.stat(filePath).catch(() => null);
  if (!stat?.isFile()) return fail('not-found', 'path-not-a-file', { path: filePath });
  if (stat.size > MAX_UPLOAD_BYTES) return fail('unreadable', 'file-too-large-for-mail', { name: path.basename(filePath) });
  const raw = await fs.promises.readFile(filePath).catch((err: Error) => err);
  if (raw instanceof Error) return fail('io', 'file-unreadable', { path: filePath, cause: raw.message });
  return openedFile(ctx, path.basename(filePath), raw);
}

/** The message handlers. */
export function messageHandlers(ctx: ApiContext): Pick<Handlers, 'listMessages' | 'searchMessages' | 'getMessage' | 'setSeen' | 'openEml' | 'openEmlDialog'> {
  const { store } = ctx.services;
  return {
    async listMessages(req) {
      const folders = store.listFolders();
      if (!folders.some((f) => f.id === req.folderId)) return fail('not-found', 'folder-missing', { folderId: req.folderId });
      return ok(pageView(store, store.listMessages(req), folders));
    },

    async searchMessages(req) {
      const folders = store.listFolders();
      if (req.folderId !== undefined && !folders.some((f) => f.id === req.folderId)) return fail('not-found', 'folder-missing', { folderId: req.folderId });
      const found = searchMessages(store, { ...req, folderId: req.folderId ?? null });
      if (!found.ok) {
        const problem: SearchProblemCode = found.error.problem;
        return fail('invalid-query', SEARCH_PROBLEM_REASON[problem], { token: found.error.token }, [problem, found.error.token]);
      }
      return ok(withPlaces(store, pageView(store, found.page, folders), folders));
    },

    async getMessage(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      const message = loaded.value;
      const id = 'messageId' in req.ref ? req.ref.messageId : null;
      // A receipt, or the user's own copy in Sent, belongs to a sent message; a received envelope
      // does not, even when its sender is another PecDesk account of this user.
      const ownSide = message.analysis?.kind === 'receipt' || message.analysis?.kind === 'ordinary';
      return ok(
        buildMessageView(message, {
          remoteContentAllowed: ctx.prefs.remoteContentAllowed(message.key, realSender(message)),
          sentMessageId: id !== null && ownSide ? store.findSentForMessage(id) : null,
          seen: message.stored ? message.stored.flags.includes('\\Seen') || message.stored.locations.some((l) => l.flags.includes('\\Seen')) : true,
          trust: message.stored?.trust ?? null,
          receiptProblems: id !== null ? (store.receiptOfMessage(id)?.problems ?? null) : null,
        }),
      );
    },

    async setSeen(req) {
      store.setSeen(req.messageIds, req.seen);
      return ok(null);
    },

    async openEml(req) {
      const raw = Buffer.from(req.dataBase64, 'base64');
      if (raw.length > MAX_UPLOAD_BYTES) return fail('unreadable', 'file-too-large-for-mail', { name: req.name });
      return openedFile(ctx, path.basename(req.name) || 'messaggio.eml', raw);
    },

    async openEmlDialog() {
      if (!ctx.host.chooseMessageFiles) return fail('unsupported', 'browser-open-message');
      const opened: OpenedFile[] = [];
      for (const file of await ctx.host.chooseMessageFiles()) {
        const res = await openFileFromDisk(ctx, file);
        if (!res.ok) return res;
        opened.push(res.value);
      }
      return ok(opened);
    },
  };
}
