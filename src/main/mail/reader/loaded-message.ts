// A message as the reader needs it: its bytes (from the store, checked against their SHA-256, or
// from an opened file), the PEC analysis, and the parsed content. Parsing is cached per message
// because the reader, the attachment buttons and reply all need the same parse.
import crypto from 'node:crypto';
import type { ApiError, ApiErrorCode, Result } from '../../../shared/api';
import { API_ERROR_TEXTS, type ApiErrorParams, type ApiErrorReason } from '../../../shared/api-errors';
import type { MessageRef } from '../../../shared/api-values';
import type { PecAnalysis, UnreadableCode } from '../../../shared/pec';
import { extractSignedDocument, looksSigned, readMessageContent, type MessageContent, type SignedDocument } from '../../attachments';
import { analyzeMessage } from '../../pec';
import type { MessageDetail, MessagesStore } from '../../store';

/** A message with everything the reader and the attachment handlers need. */
export interface LoadedMessage {
  ref: MessageRef;
  /** Stable key for per-message choices (remote content): the SHA-256 of the bytes. */
  key: string;
  raw: Buffer;
  analysis: PecAnalysis | null;
  stored: MessageDetail | null;
  content: MessageContent;
  /** The signed document inside each attachment of the original (null when not a .p7m). */
  signed: (SignedDocument | null)[];
}

// A few recent messages: enough for the preview, the open tabs and a save right after reading.
const CACHE_SIZE = 12;

/** Recently parsed messages, by ref. */
export class ContentCache {
  private readonly entries = new Map<string, Promise<Result<LoadedMessage>>>();

  get(key: string, load: () => Promise<Result<LoadedMessage>>): Promise<Result<LoadedMessage>> {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry;
    }
    entry = load();
    this.entries.set(key, entry);
    // Failures are not remembered: the next call tries again.
    void entry.then((r) => !r.ok && this.entries.get(key) === entry && this.entries.delete(key));
    while (this.entries.size > CACHE_SIZE) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}

/** The cache key of a ref: a stored message's row id or an opened file's id. */
export function refCacheKey(ref: MessageRef): string {
  return 'messageId' in ref ? `m:${ref.messageId}` : `f:${ref.fileId}`;
}

/**
 * A failure as the API answers it (the mail domain does not reach api/result.ts): its reason with
 * the reason's Italian words filled in, as fail() would (test/main/mail/reader/loaded-message.test.ts).
 */
function refused(code: ApiErrorCode, reason: ApiErrorReason, params?: ApiErrorParams): { ok: false; error: ApiError } {
  const message = API_ERROR_TEXTS[reason].it.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params?.[name] ?? ''));
  return { ok: false, error: params ? { code, message, reason, params } : { code, message, reason } };
}

const NOT_MAIL: Record<UnreadableCode, ApiErrorReason> = { empty: 'file-not-mail-empty', 'too-large': 'file-not-mail-too-large', 'not-a-message': 'file-not-mail' };

/** A stored message's bytes, checked against their SHA-256, with what the store knows of it. */
export function readStoredMessage(store: Pick<MessagesStore, 'getMessage' | 'readMessageRaw'>, messageId: number): Result<{ raw: Buffer; stored: MessageDetail }> {
  const stored = store.getMessage(messageId);
  if (!stored) return refused('not-found', 'message-missing', { messageId });
  const raw = store.readMessageRaw(messageId);
  // The file's path and the system's error (raw.detail) are for the log.
  if (!raw || !raw.ok) return refused('io', raw && raw.code === 'raw-corrupt' ? 'message-bytes-changed' : 'message-bytes-missing', { messageId });
  return { ok: true, value: { raw: raw.raw, stored } };
}

/** What the reader computes from a message's bytes: the PEC analysis, the parsed content, the signed documents. */
export async function loadBytes(ref: MessageRef, raw: Buffer, stored: MessageDetail | null): Promise<Result<LoadedMessage>> {
  const analyzed = await analyzeMessage(raw);
  if (!analyzed.ok && 'fileId' in ref) return refused('unreadable', NOT_MAIL[analyzed.code]);
  const analysis = analyzed.ok ? analyzed.analysis : null;
  const content = await readMessageContent(raw, analysis !== null && analysis.kind !== 'ordinary');
  const signed = await Promise.all(
    (content.original?.attachments ?? []).map((a) => (looksSigned(a.filename, a.contentType) ? extractSignedDocument(a.content, a.filename) : null)),
  );
  const key = stored?.sha256 ?? crypto.createHash('sha256').update(raw).digest('hex');
  return { ok: true, value: { ref, key, raw, analysis, stored, content, signed } };
}

/** The real sender of a loaded message: postacert.eml's From for PEC, else the From. */
export function realSender(message: LoadedMessage): string | null {
  return (message.content.original ?? message.content.outer).from?.address.toLowerCase() ?? null;
}
